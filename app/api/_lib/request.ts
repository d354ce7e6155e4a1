// Small HTTP helpers shared by the JSON API routes.
import { UnreadableBody } from "../../../lib/grading";

/**
 * Reads a JSON body without ever buffering more than maxBytes: a client that sends megabytes
 * gets UnreadableBody("too-large") as soon as the limit is crossed.
 */
export async function readJsonBody(request: Request, maxBytes: number): Promise<unknown> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return new UnreadableBody("too-large");
  if (!request.body) return new UnreadableBody("malformed");

  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => {});
        return new UnreadableBody("too-large");
      }
      chunks.push(value);
    }
  } catch {
    return new UnreadableBody("malformed");
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text);
  } catch {
    return new UnreadableBody("malformed");
  }
}

/** A JSON error response: {"error": {code, message}} (plus `extra` fields); never a stack trace. */
export function jsonError(status: number, code: string, message: string, retryAfterSeconds?: number, extra?: Record<string, unknown>): Response {
  const headers = new Headers({ "Cache-Control": "no-store" });
  if (retryAfterSeconds !== undefined) headers.set("Retry-After", String(retryAfterSeconds));
  return Response.json({ ...extra, error: { code, message } }, { status, headers });
}
