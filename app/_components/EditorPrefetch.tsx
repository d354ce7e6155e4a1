"use client";
// On the catalogue: once the page has loaded, ask the browser to fetch the editor's files at
// idle priority (rel=prefetch), so opening an exercise finds Monaco in the cache. Added after
// the load event so the catalogue itself is never slowed down.
import { useEffect } from "react";

export function EditorPrefetch({ hrefs }: { hrefs: string[] }) {
  useEffect(() => {
    const add = () => {
      for (const href of hrefs) {
        if (document.head.querySelector(`link[rel="prefetch"][href="${href}"]`)) continue;
        const link = document.createElement("link");
        link.rel = "prefetch";
        link.href = href;
        document.head.appendChild(link);
      }
    };
    if (document.readyState === "complete") {
      add();
      return;
    }
    window.addEventListener("load", add, { once: true });
    return () => window.removeEventListener("load", add);
  }, [hrefs]);
  return null;
}
