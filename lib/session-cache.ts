// Which user an exact session cookie belongs to, remembered for up to a minute, for the grading
// route only (lib/viewer.ts, getViewer with allowCached). A Submit otherwise pays better-auth's
// full session check (a database read, HMAC verification: ~2 ms of the server's CPU) each time,
// and a class submits many times a minute. Authorization (pages, account and instructor routes)
// never reads this.
//
// Revocation: every session better-auth deletes (sign-out, revoking sessions, deleting a user,
// an expired session) is forgotten at once through its databaseHooks (lib/auth.ts), so sign-out
// ends the session for grading immediately, as everywhere else. Those hooks run only in the
// process that deleted the session: on PostgreSQL, where several web servers share the database
// (README "Deployment"), a remembered session is also confirmed by one indexed read of its row
// (lib/viewer.ts), so a sign-out on one server takes effect on all of them at once. That read is
// still far cheaper than better-auth's full check. On SQLite (one server) a session removed
// behind better-auth's back (rows deleted directly) can still Run and Submit for at most
// TTL_MS; recording then fails if its user is gone.
//
// Kept on globalThis: Next.js bundles each route separately, and the sign-out route's copy of
// lib/auth.ts must clear the same entries the grading route reads.
import type { Viewer } from "./viewer";

const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

interface Entry {
  viewer: Viewer;
  /** The session's token (the cookie value is the signed token), to forget it on deletion. */
  token: string;
  until: number;
}

const KEY = Symbol.for("rnn-grader.session-cache");
type CacheGlobal = typeof globalThis & { [KEY]?: Map<string, Entry> };

function entries(): Map<string, Entry> {
  const g = globalThis as CacheGlobal;
  return (g[KEY] ??= new Map());
}

/** The user (and session token) this exact session cookie value was last verified for, if that was under a minute ago. */
export function recallSession(cookieValue: string, now = Date.now()): { viewer: Viewer; token: string } | null {
  const map = entries();
  const hit = map.get(cookieValue);
  if (!hit) return null;
  if (hit.until > now) return { viewer: hit.viewer, token: hit.token };
  map.delete(cookieValue);
  return null;
}

/** Remembers a session better-auth has just verified, never past its own expiry. */
export function rememberSession(cookieValue: string, token: string, viewer: Viewer, expiresAt: Date, now = Date.now()): void {
  const map = entries();
  if (map.size >= MAX_ENTRIES) {
    for (const [k, e] of map) if (e.until <= now) map.delete(k);
    if (map.size >= MAX_ENTRIES) map.clear();
  }
  const until = Math.min(now + TTL_MS, expiresAt.getTime());
  if (until > now) map.set(cookieValue, { viewer, token, until });
}

/** Drops a deleted session (called from better-auth's session delete hook). */
export function forgetSession(token: string): void {
  const map = entries();
  for (const [k, e] of map) if (e.token === token) map.delete(k);
}

/**
 * The value of the cookie `name` in a Cookie header: undefined when absent, null when it is
 * there more than once (ambiguous: the caller asks better-auth instead).
 */
export function cookieValue(header: string | null, name: string): string | undefined | null {
  if (!header) return undefined;
  let found: string | undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    if (found !== undefined) return null;
    found = part.slice(eq + 1).trim();
  }
  return found === "" ? undefined : found;
}
