"use client";
// Display math wider than its pane scrolls sideways (globals.css draws shadows on the side with
// more to see). This marks the formulas that really overflow, now and after every resize, and
// makes them focusable so a keyboard user can scroll them with the arrow keys.
import { useEffect, useRef } from "react";

export function MathScroll() {
  const marker = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    const root = marker.current?.parentElement;
    if (!root) return;
    const formulas = [...root.querySelectorAll<HTMLElement>(".katex-display")];
    const check = () => {
      for (const f of formulas) {
        const overflows = f.scrollWidth > f.clientWidth + 1;
        f.classList.toggle("math-overflows", overflows);
        if (overflows) {
          f.tabIndex = 0;
          f.setAttribute("role", "group");
          f.setAttribute("aria-label", "Formula, wider than the pane: scroll sideways to read it all");
        } else {
          f.removeAttribute("tabindex");
          f.removeAttribute("role");
          f.removeAttribute("aria-label");
        }
      }
    };
    check();
    // The pane's width changes the box; KaTeX's fonts arriving change the formula inside it.
    const observer = new ResizeObserver(check);
    for (const f of formulas) {
      observer.observe(f);
      if (f.firstElementChild) observer.observe(f.firstElementChild);
    }
    void document.fonts?.ready.then(check);
    return () => observer.disconnect();
  }, []);
  return <span ref={marker} hidden />;
}
