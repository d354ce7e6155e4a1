"use client";
// Dark mode on or off. The page follows the system's setting until this is pressed; pressing it
// back to what the system says follows the system again (app/_lib/theme.ts).
import { chooseTheme, useTheme } from "@/app/_lib/theme";

export function ThemeToggle() {
  const theme = useTheme();
  const dark = theme === "dark";
  return (
    <button
      type="button"
      className="btn btn-quiet btn-small theme-toggle"
      aria-pressed={theme === null ? undefined : dark}
      onClick={() => chooseTheme(dark ? "light" : "dark")}
      data-testid="theme-toggle"
    >
      <span aria-hidden="true">{dark ? "☾" : "☀"}</span> Dark mode
    </button>
  );
}
