"use client";
// Copies a short text (a join code, or a link on this site) to the clipboard and says so; where
// the clipboard API is unavailable (plain http on a LAN address) it falls back to a textarea.
import { useEffect, useState } from "react";

interface Props {
  /** What to copy; with `link`, a path on this site copied as a full URL. */
  text: string;
  label: string;
  link?: boolean;
  children?: React.ReactNode;
}

export function CopyButton({ text, label, link = false, children = "Copy" }: Props) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");

  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(t);
  }, [state]);

  async function copy() {
    const value = link ? new URL(text, window.location.origin).href : text;
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(value);
      } else {
        const area = document.createElement("textarea");
        area.value = value;
        area.setAttribute("readonly", "");
        area.style.position = "fixed";
        area.style.opacity = "0";
        document.body.appendChild(area);
        area.select();
        const ok = document.execCommand("copy");
        area.remove();
        if (!ok) throw new Error("copy refused");
      }
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  return (
    <button type="button" className="btn btn-quiet btn-compact copy-button" onClick={copy} aria-label={label} data-copied={state === "copied"}>
      <span aria-live="polite">{state === "copied" ? "Copied" : state === "failed" ? "Copy failed: select it by hand" : children}</span>
    </button>
  );
}
