// Who is calling: the signed-in user of this request (from the better-auth session cookie),
// reduced to what authorization needs. Pages and routes call this, then pass the Actor to the
// domain functions, which decide what that user may see.
import { isRole, type Actor } from "./actor";
import { auth } from "./auth";
import { UnauthenticatedError } from "./domain-errors";

export interface Viewer extends Actor {
  name: string;
  email: string;
}

async function currentHeaders(): Promise<Headers> {
  // Only inside a Next.js request; callers outside one (tests, scripts) pass headers explicitly.
  const { headers } = await import("next/headers");
  return new Headers(await headers());
}

/** The signed-in user for these request headers (default: the current Next.js request), or null. */
export async function getViewer(requestHeaders?: Headers): Promise<Viewer | null> {
  const session = await auth.api.getSession({ headers: requestHeaders ?? (await currentHeaders()) });
  if (!session) return null;
  const { id, name, email, role } = session.user;
  // An unexpected role value gets the least privilege.
  return { id, name, email, role: isRole(role) ? role : "learner" };
}

/** Like getViewer, but throws UnauthenticatedError (401) when nobody is signed in. */
export async function requireViewer(requestHeaders?: Headers): Promise<Viewer> {
  const viewer = await getViewer(requestHeaders);
  if (!viewer) throw new UnauthenticatedError();
  return viewer;
}
