// Live classroom updates: recordSubmission (lib/submissions.ts) announces every stored run and
// submit here, and each open classroom stream (lib/instructor/live-feed.ts) passes on those of
// its learners as server-sent events. The bus lives on globalThis because Next.js bundles each
// route separately and module state would otherwise not be shared between them.
//
// Across processes: on SQLite the app is one Node process (npm start) and an in-memory emitter
// is the whole bus. On PostgreSQL several web servers may share the database (README
// "Deployment"), and a Submit stored by one must reach a classroom page streamed by another: a
// change is sent with NOTIFY on LIVE_CHANNEL, and each process with open streams LISTENs on one
// connection of its own and hands what arrives (its own changes too) to its local emitter.
// PostgreSQL delivers a notification to every listener, after the commit, in commit order.
import { EventEmitter } from "node:events";
import pg from "pg";
import { databaseUrl, usesPostgres } from "./database-file";
import { prisma } from "./db";
import { LIVE_STREAMS_MAX, LIVE_STREAMS_PER_USER } from "./limits";

/** The PostgreSQL NOTIFY channel of live changes. */
export const LIVE_CHANNEL = "rnn_live_change";
/** Wait before listening again after the listening connection failed. */
const RELISTEN_MS = 1_000;

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
  /** PostgreSQL: the LISTEN connection while anyone here subscribes (resolves once listening). */
  listener?: Promise<pg.Client | null>;
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

function emitLocally(change: LiveChange): void {
  try {
    bus().emitter.emit("change", change);
  } catch (e) {
    console.error("live: a listener failed", e);
  }
}

/**
 * Announces a stored submission to the open streams (on PostgreSQL, those of every web server).
 * Never throws: live updates are best effort. Resolves once sent.
 */
export function publishChange(change: LiveChange): Promise<void> {
  if (!usesPostgres()) {
    emitLocally(change);
    return Promise.resolve();
  }
  return prisma
    .$executeRaw`SELECT pg_notify(${LIVE_CHANNEL}, ${JSON.stringify(change)})`
    .then(
      () => undefined,
      (e: unknown) => console.error("live: NOTIFY failed", e),
    );
}

function parseChange(payload: string | undefined): LiveChange | null {
  try {
    const v = JSON.parse(payload ?? "") as Partial<LiveChange>;
    if (typeof v.userId !== "string" || typeof v.slug !== "string" || typeof v.at !== "string") return null;
    if (v.kind !== "run" && v.kind !== "submit") return null;
    return { userId: v.userId, slug: v.slug, kind: v.kind, at: v.at };
  } catch {
    return null;
  }
}

/** Opens the LISTEN connection; on failure or loss, tries again while anyone subscribes. */
function listen(b: Bus): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: databaseUrl() });
  const retry = () => {
    if (b.listener === attempt) b.listener = undefined;
    client.end().catch(() => {});
    if (b.emitter.listenerCount("change") > 0) setTimeout(() => void ensureListening(b), RELISTEN_MS).unref();
  };
  client.on("notification", (msg) => {
    if (msg.channel !== LIVE_CHANNEL) return;
    const change = parseChange(msg.payload);
    if (change) emitLocally(change);
  });
  client.on("error", (e) => {
    console.error("live: LISTEN connection lost", e);
    retry();
  });
  const attempt: Promise<pg.Client | null> = client
    .connect()
    .then(() => client.query(`LISTEN ${LIVE_CHANNEL}`))
    .then(
      () => client,
      (e: unknown) => {
        console.error("live: cannot LISTEN", e);
        retry();
        return null;
      },
    );
  return attempt;
}

function ensureListening(b: Bus): Promise<pg.Client | null> {
  if (!usesPostgres()) return Promise.resolve(null);
  b.listener ??= listen(b);
  return b.listener;
}

/** Calls `listener` with every change announced from now on (on PostgreSQL, once listening: see listening()). */
export function subscribe(listener: (change: LiveChange) => void): () => void {
  const b = bus();
  b.emitter.on("change", listener);
  void ensureListening(b);
  return () => {
    b.emitter.off("change", listener);
    // Nobody left here: give the connection back.
    if (b.emitter.listenerCount("change") === 0 && b.listener) {
      const closing = b.listener;
      b.listener = undefined;
      void closing.then((c) => c?.end()).catch(() => {});
    }
  };
}

/** Resolves once this process receives changes from every process (immediately on SQLite). */
export async function listening(): Promise<void> {
  await ensureListening(bus());
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
