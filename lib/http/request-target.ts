// What the app's server (lib/http/server.ts) answers itself, before Next.js routes a request:
// requests Next.js would answer with a 500 get a 4xx here instead.

/** Methods the JSON routes under /api/ serve; anything else is 405 before routing. */
const API_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);
/**
 * Pages and assets are only read. The app has no server actions (every change goes through a
 * route of lib/http), so a POST to a page is nothing but a way into Next.js's action decoder.
 */
const PAGE_METHODS = new Set(["GET", "HEAD"]);

export interface Refusal {
  status: 400 | 405 | 500;
  code: string;
  message: string;
  headers?: Record<string, string>;
}

/** Why this request never reaches Next.js, or null when it may. */
export function refusalOf(method: string | undefined, url: string | undefined): Refusal | null {
  if (!url || !url.startsWith("/") || url.startsWith("//")) {
    return { status: 400, code: "bad-request-target", message: "The request target must be a path on this site." };
  }
  const methods = url === "/api" || url.startsWith("/api/") || url.startsWith("/api?") ? API_METHODS : PAGE_METHODS;
  if (!method || !methods.has(method)) {
    return { status: 405, code: "method-not-allowed", message: `${method ?? "This"} requests are not served here.`, headers: { Allow: [...methods].join(", ") } };
  }
  const pathname = url.split(/[?#]/, 1)[0];
  for (const segment of pathname.split("/")) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return { status: 400, code: "bad-path", message: "The address has a malformed %-escape: it does not decode to UTF-8 text." };
    }
    if (decoded.includes("/") || decoded.includes("\\") || decoded.includes("\0")) {
      return { status: 400, code: "bad-path", message: "The address hides a slash, backslash or NUL in a %-escape." };
    }
  }
  return null;
}
