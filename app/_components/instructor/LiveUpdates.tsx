"use client";
// Keeps the classroom page current: listens to the classroom's server-sent events
// (/api/instructor/classrooms/<id>/events) and re-renders the page (router.refresh keeps sorting
// and filters) after a learner's run or submit, at most once per LIVE_REFRESH_MIN_INTERVAL_MS
// however many arrive, and never while the previous refresh is still rendering (a large class's
// page takes the server a while: changes that arrive meanwhile make one more refresh after it). If the stream cannot be opened (too many tabs, a proxy that drops it),
// it falls back to refreshing every 30 s while the tab is visible. Refresh is always at hand.
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { LIVE_REFRESH_MIN_INTERVAL_MS } from "@/lib/limits";

const FALLBACK_EVERY_MS = 30_000;
/** A refresh still "rendering" after this long no longer holds the next one back. */
const STUCK_REFRESH_MS = 10_000;

type Status = "connecting" | "live" | "fallback";

export function LiveUpdates({ classroomId }: { classroomId: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>("connecting");
  const [updatedAt, setUpdatedAt] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const last = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef(false);
  const dirty = useRef(false);
  const scheduleRef = useRef<() => void>(() => {});

  // A refresh finished rendering: if changes arrived meanwhile, one more.
  useEffect(() => {
    if (pending) return;
    inFlight.current = false;
    if (dirty.current) scheduleRef.current();
  }, [pending]);

  useEffect(() => {
    const refresh = () => {
      timer.current = null;
      dirty.current = false;
      inFlight.current = true;
      last.current = Date.now();
      startTransition(() => router.refresh());
      setUpdatedAt(new Date().toLocaleTimeString());
      // Should the transition never report pending (React may batch it away), do not wait forever.
      setTimeout(() => {
        if (!inFlight.current) return;
        inFlight.current = false;
        if (dirty.current) schedule();
      }, STUCK_REFRESH_MS);
    };
    // Coalesce: one refresh now if the last was long enough ago, else one when it will be; none
    // while one is rendering (the effect above picks the change up when it is done).
    const schedule = () => {
      dirty.current = true;
      if (timer.current || inFlight.current) return;
      const wait = Math.max(0, last.current + LIVE_REFRESH_MIN_INTERVAL_MS - Date.now());
      timer.current = setTimeout(refresh, wait);
    };
    scheduleRef.current = schedule;
    let poll: ReturnType<typeof setInterval> | null = null;
    const source = new EventSource(`/api/instructor/classrooms/${encodeURIComponent(classroomId)}/events`);
    source.addEventListener("ready", () => setStatus("live"));
    source.addEventListener("change", schedule);
    source.onerror = () => {
      // CLOSED: the server refused (429, 404) — no automatic retry; poll instead.
      if (source.readyState === EventSource.CLOSED) {
        setStatus("fallback");
        poll ??= setInterval(() => {
          if (document.visibilityState === "visible") schedule();
        }, FALLBACK_EVERY_MS);
      } else setStatus("connecting");
    };
    return () => {
      source.close();
      if (poll) clearInterval(poll);
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [classroomId, router]);

  return (
    <div className="refresh-control">
      <button type="button" className="btn btn-compact" onClick={() => startTransition(() => router.refresh())} disabled={pending}>
        {pending ? "Refreshing…" : "Refresh"}
      </button>
      <span className="muted live-status" data-testid="live-status" data-status={status}>
        {status === "live" ? "● Live" : status === "connecting" ? "Connecting…" : "Updates every 30 s"}
        {updatedAt ? ` · updated ${updatedAt}` : ""}
      </span>
    </div>
  );
}
