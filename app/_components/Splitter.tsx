"use client";
// A draggable divider between two panes (the WAI-ARIA window splitter pattern): drag it, or
// focus it and use the arrow keys, Home and End. It sets one CSS variable (a percentage) on its
// parent, whose grid template uses it, and remembers the size in localStorage. CSS hides it where
// the panes stack (narrow screens). Hand-written rather than a panel library: the layout is
// server-rendered CSS grid that must stack on phones without JavaScript deciding anything.
import { useCallback, useEffect, useRef, useState } from "react";

interface Props {
  /** "vertical": a vertical bar between left and right panes; "horizontal": between top and bottom. */
  orientation: "vertical" | "horizontal";
  /** CSS variable set on the parent, e.g. "--statement-width". */
  cssVar: string;
  /** Accessible name, e.g. "Resize the statement and the editor". */
  label: string;
  /** id of the pane whose size this sets (the first one). */
  controls: string;
  defaultPercent: number;
  min: number;
  max: number;
  storageKey: string;
}

const STEP = 2;

export function Splitter({ orientation, cssVar, label, controls, defaultPercent, min, max, storageKey }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const [value, setValue] = useState(defaultPercent);

  const apply = useCallback(
    (percent: number, save: boolean) => {
      const v = Math.round(Math.min(max, Math.max(min, percent)) * 10) / 10;
      setValue(v);
      ref.current?.parentElement?.style.setProperty(cssVar, `${v}%`);
      if (save) {
        try {
          localStorage.setItem(storageKey, String(v));
        } catch {
          // not kept: the size lasts for this page
        }
      }
    },
    [cssVar, min, max, storageKey],
  );

  useEffect(() => {
    let saved = NaN;
    try {
      saved = Number(localStorage.getItem(storageKey));
    } catch {
      // storage disabled
    }
    if (Number.isFinite(saved) && saved > 0) apply(saved, false);
  }, [apply, storageKey]);

  // The pane's new size is from its own start to the pointer, as a share of the parent's size
  // (the variable sizes the pane's grid track; other rows may sit above it).
  const fromPointer = (e: PointerEvent | React.PointerEvent) => {
    const parent = ref.current?.parentElement?.getBoundingClientRect();
    const pane = document.getElementById(controls)?.getBoundingClientRect();
    if (!parent || !pane) return value;
    return orientation === "vertical" ? ((e.clientX - pane.left) / parent.width) * 100 : ((e.clientY - pane.top) / parent.height) * 100;
  };

  const onPointerDown = (e: React.PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    const el = e.currentTarget;
    el.setPointerCapture(e.pointerId);
    el.dataset.dragging = "true";
    const move = (ev: PointerEvent) => apply(fromPointer(ev), false);
    const up = (ev: PointerEvent) => {
      apply(fromPointer(ev), true);
      delete el.dataset.dragging;
      el.removeEventListener("pointermove", move);
      el.removeEventListener("pointerup", up);
      el.removeEventListener("pointercancel", up);
    };
    el.addEventListener("pointermove", move);
    el.addEventListener("pointerup", up);
    el.addEventListener("pointercancel", up);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLDivElement>) => {
    const less = orientation === "vertical" ? "ArrowLeft" : "ArrowUp";
    const more = orientation === "vertical" ? "ArrowRight" : "ArrowDown";
    const next =
      e.key === less ? value - STEP : e.key === more ? value + STEP : e.key === "Home" ? min : e.key === "End" ? max : e.key === "Enter" ? defaultPercent : null;
    if (next === null) return;
    e.preventDefault();
    apply(next, true);
  };

  return (
    <div
      ref={ref}
      role="separator"
      tabIndex={0}
      className={`splitter splitter-${orientation}`}
      aria-orientation={orientation}
      aria-label={label}
      aria-controls={controls}
      aria-valuenow={value}
      aria-valuemin={min}
      aria-valuemax={max}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
      onDoubleClick={() => apply(defaultPercent, true)}
      title="Drag, or focus and use the arrow keys, to resize (double-click or Enter resets)"
    />
  );
}
