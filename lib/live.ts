// Live classroom updates: recordSubmission (lib/submissions.ts) announces every stored run and
// submit here, and each open classroom stream (lib/instructor/live-feed.ts) passes on those of
// its learners as server-sent events. In memory, in this process: the app runs as one Node
// process (npm start), and the bus lives on globalThis because Next.js bundles each route
// separately and module state would otherwise not be shared between them.
import { EventEmitter } from "node:events";
import { LIVE_STREAMS_MAX, LIVE_STREAMS_PER_USER } from "./limits";

export interface LiveChange {
  userId: string;
  slug: string;
  kind: "run" | "submit";
  /** ISO time the submission was stored. */
  at: string;
}

interface Bus {
  emitter: EventEmitter;
  /** Open streams per user, and in all. */
  open: Map<string, number>;
  total: number;
}

const holder = globalThis as typeof globalThis & { __liveBus?: Bus };

function bus(): Bus {
  if (!holder.__liveBus) {
    const emitter = new EventEmitter();
    // One listener per open stream, bounded by LIVE_STREAMS_MAX (not a leak).
    emitter.setMaxListeners(LIVE_STREAMS_MAX + 10);
    holder.__liveBus = { emitter, open: new Map(), total: 0 };
  }
  return holder.__liveBus;
}

/** Announces a stored submission to the open streams. Never throws: live updates are best effort. */
export function publishChange(change: LiveChange): void {
  try {
    bus().emitter.emit("change", change);
  } catch (e) {
    console.error("live: a listener failed", e);
  }
}

export function subscribe(listener: (change: LiveChange) => void): () => void {
  const b = bus();
  b.emitter.on("change", listener);
  return () => void b.emitter.off("change", listener);
}

/**
 * Reserves a stream slot for `userId`: a release function, or null when the user already has
 * LIVE_STREAMS_PER_USER streams open or the server LIVE_STREAMS_MAX. Release exactly once.
 */
export function reserveStream(userId: string): (() => void) | null {
  const b = bus();
  const mine = b.open.get(userId) ?? 0;
  if (mine >= LIVE_STREAMS_PER_USER || b.total >= LIVE_STREAMS_MAX) return null;
  b.open.set(userId, mine + 1);
  b.total++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    b.total--;
    const n = (b.open.get(userId) ?? 1) - 1;
    if (n > 0) b.open.set(userId, n);
    else b.open.delete(userId);
  };
}

/** Streams open now (for tests and diagnostics). */
export function openStreams(): number {
  return bus().total;
}
