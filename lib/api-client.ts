// The browser's one way to call the app's own JSON API from a form or a button. Every caller
// gets the same answer for the same failure: the server's words when it gave a reason (routes
// answer `{ error: { message } }`, lib/http/errors.ts), the caller's fallback with the HTTP status
// when it did not (a proxy's 502 page, say), and one message when the server was not reached.

export const UNREACHABLE_MESSAGE = "Could not reach the server. Check your connection and try again.";

export type ApiAnswer<T> =
  | { ok: true; status: number; data: T }
  /** status 0: the request never got an answer (offline, connection reset). */
  | { ok: false; status: number; message: string };

export interface ApiRequest {
  method?: "POST" | "PUT" | "PATCH" | "DELETE" | "GET";
  /** Sent as a JSON body. */
  json?: unknown;
  /** Said when the server gave no reason of its own, e.g. "The comment was not saved". */
  failure: string;
}

export async function callApi<T = unknown>(url: string, request: ApiRequest): Promise<ApiAnswer<T>> {
  const { method = "POST", json, failure } = request;
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      ...(json === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(json) }),
    });
  } catch {
    return { ok: false, status: 0, message: UNREACHABLE_MESSAGE };
  }
  // A body that is not JSON (an empty 204, a proxy's HTML page) is no reason and no data.
  const body: unknown = await res.json().catch(() => null);
  if (res.ok) return { ok: true, status: res.status, data: body as T };
  return { ok: false, status: res.status, message: serverReason(body) ?? `${failure} (HTTP ${res.status}).` };
}

function serverReason(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error" in body)) return undefined;
  const error = (body as { error: unknown }).error;
  if (typeof error !== "object" || error === null || !("message" in error)) return undefined;
  const message = (error as { message: unknown }).message;
  return typeof message === "string" && message.trim() ? message : undefined;
}
