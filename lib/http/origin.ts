// CSRF defence for every state-changing request, the rule better-auth applies to its own routes:
// a browser always sends Origin with a POST, PUT, PATCH or DELETE, so one from another site (or
// one that carries the session cookie but hides where it comes from) is refused with 403 before
// anything is read. The trusted origins are better-auth's own (lib/auth.ts: BETTER_AUTH_URL, or
// any localhost port when it is unset), so the app and its account routes agree on them.
import { auth } from "../auth";
import { HttpError } from "./errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

async function trustedOrigin(origin: string): Promise<boolean> {
  const ctx = await auth.$context;
  return ctx.isTrustedOrigin(origin);
}

/** Throws a 403 HttpError unless this request may change state on behalf of its cookies. */
export async function assertSameOrigin(request: Request): Promise<void> {
  if (!isStateChanging(request.method)) return;
  const headers = request.headers;
  const site = headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new HttpError(403, "cross-site", "This request came from another site and was refused.");
  }
  const origin = headers.get("origin");
  if (!origin) {
    // No Origin: not a browser (browsers always send it here). Without cookies it carries no
    // one's authority; with them it is refused, as better-auth refuses it.
    if (headers.has("cookie")) throw new HttpError(403, "missing-origin", "This request does not say which site it comes from and was refused.");
    return;
  }
  if (origin === "null" || !(await trustedOrigin(origin))) {
    throw new HttpError(403, "cross-site", "This request came from another site and was refused.");
  }
}
