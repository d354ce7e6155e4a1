// Light or dark: the system's setting unless the learner pinned one with the header's toggle
// (kept in localStorage, applied as data-theme on <html> before the first paint by THEME_SCRIPT
// in ./theme-script). Components that draw their own colours (Monaco) use useTheme().
import { useSyncExternalStore } from "react";
import { THEME_KEY as KEY, type Theme } from "./theme-script";

export type { Theme };

const DARK_QUERY = "(prefers-color-scheme: dark)";

function systemTheme(): Theme {
  return window.matchMedia(DARK_QUERY).matches ? "dark" : "light";
}

/** The theme in effect now. */
export function currentTheme(): Theme {
  const pinned = document.documentElement.dataset.theme;
  return pinned === "light" || pinned === "dark" ? pinned : systemTheme();
}

/** Pins a theme; choosing what the system already says goes back to following the system. */
export function chooseTheme(theme: Theme): void {
  const root = document.documentElement;
  try {
    if (theme === systemTheme()) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, theme);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  if (theme === systemTheme()) delete root.dataset.theme;
  else root.dataset.theme = theme;
}

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(DARK_QUERY);
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
  media.addEventListener("change", onChange);
  return () => {
    observer.disconnect();
    media.removeEventListener("change", onChange);
  };
}

/** The theme in effect, following the system's setting and the toggle; null on the server. */
export function useTheme(): Theme | null {
  return useSyncExternalStore(subscribe, currentTheme, () => null);
}
