// Who is calling: the signed-in user of this request (from the better-auth session cookie),
// reduced to what authorization needs. Pages and routes call this, then pass the Actor to the
// domain functions, which decide what that user may see.
import { isRole, type Actor } from "./actor";
import { auth } from "./auth";
import { UnauthenticatedError } from "./domain-errors";
import { usesPostgres } from "./database-file";
import { prisma } from "./db";
import { cookieValue, forgetSession, recallSession, rememberSession } from "./session-cache";

export interface Viewer extends Actor {
  name: string;
  email: string;
}

async function currentHeaders(): Promise<Headers> {
  // Only inside a Next.js request; callers outside one (tests, scripts) pass headers explicitly.
  const { headers } = await import("next/headers");
  return new Headers(await headers());
}

export interface ViewerOptions {
  /**
   * Accept an identity verified in the last minute for this exact session cookie
   * (lib/session-cache.ts) instead of asking better-auth again. Only for saying who sent a Run
   * or Submit; never for deciding what someone may see or do.
   */
  allowCached?: boolean;
}

/** The signed-in user for these request headers (default: the current Next.js request), or null. */
export async function getViewer(requestHeaders?: Headers, options: ViewerOptions = {}): Promise<Viewer | null> {
  const headers = requestHeaders ?? (await currentHeaders());
  if (!options.allowCached) return (await lookUp(headers))?.viewer ?? null;
  const cookie = cookieValue(headers.get("cookie"), await sessionCookieName());
  // No session cookie: signed out, as better-auth would say. Twice: let better-auth decide.
  if (cookie === undefined) return null;
  if (cookie !== null) {
    const known = recallSession(cookie);
    if (known && (await stillSignedIn(known.token))) return known.viewer;
  }
  const found = await lookUp(headers);
  if (found && cookie !== null) rememberSession(cookie, found.token, found.viewer, found.expiresAt);
  return found?.viewer ?? null;
}

/**
 * Whether a remembered session still exists. With one server (SQLite) better-auth's delete hook
 * has already forgotten any session it removed. With several (PostgreSQL) the sign-out may have
 * happened on another server: its row is gone, or expired, and that is one indexed read.
 */
async function stillSignedIn(token: string): Promise<boolean> {
  if (!usesPostgres()) return true;
  const row = await prisma.session.findUnique({ where: { token }, select: { expiresAt: true } });
  if (row && row.expiresAt.getTime() > Date.now()) return true;
  forgetSession(token);
  return false;
}

async function lookUp(headers: Headers): Promise<{ viewer: Viewer; token: string; expiresAt: Date } | null> {
  const session = await auth.api.getSession({ headers });
  if (!session) return null;
  const { id, name, email, role } = session.user;
  // An unexpected role value gets the least privilege.
  return { viewer: { id, name, email, role: isRole(role) ? role : "learner" }, token: session.session.token, expiresAt: new Date(session.session.expiresAt) };
}

let cookieName: Promise<string> | undefined;
/** better-auth's session cookie name ("__Secure-" prefixed when served over https). */
function sessionCookieName(): Promise<string> {
  cookieName ??= auth.$context.then(
    (ctx) => ctx.authCookies.sessionToken.name,
    (e: unknown) => {
      cookieName = undefined; // try again on the next request
      throw e;
    },
  );
  return cookieName;
}

/** Like getViewer, but throws UnauthenticatedError (401) when nobody is signed in. */
export async function requireViewer(requestHeaders?: Headers): Promise<Viewer> {
  const viewer = await getViewer(requestHeaders);
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}
