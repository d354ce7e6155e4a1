"use client";
// Re-fetches the server-rendered dashboard (router.refresh keeps sorting and filters), on demand
// and every 30 seconds while the tab is visible, so a cell turns green soon after a learner solves.
import { useRouter } from "next/navigation";
import { useEffect, useState, useTransition } from "react";

const EVERY_MS = 30_000;

export function RefreshControl() {
  const router = useRouter();
  const [auto, setAuto] = useState(true);
  const [pending, startTransition] = useTransition();

  useEffect(() => {
    if (!auto) return;
    const t = setInterval(() => {
      if (document.visibilityState === "visible") startTransition(() => router.refresh());
    }, EVERY_MS);
    return () => clearInterval(t);
  }, [auto, router]);

  return (
    <div className="refresh-control">
      <button type="button" className="btn btn-compact" onClick={() => startTransition(() => router.refresh())} disabled={pending}>
        {pending ? "Refreshing…" : "Refresh"}
      </button>
      <label className="muted">
        <input type="checkbox" checked={auto} onChange={(e) => setAuto(e.target.checked)} /> every 30 s
      </label>
    </div>
  );
}
