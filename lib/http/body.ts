// Reading request bodies: never more than a limit into memory, only JSON in UTF-8, and no string
// in it that the database cannot store (lone UTF-16 surrogates, which JSON's \ud800 escapes can
// make): those are refused here with a 4xx, before any domain code or the grader sees them.
import { HttpError } from "./errors";
import { isWellFormed } from "../text";

export type BodyRead = { ok: true; value: unknown } | { ok: false; reason: "too-large" | "malformed" };

/** Whether a Content-Type names JSON in UTF-8 ("application/json", optionally "; charset=utf-8"). */
export function isJsonContentType(header: string | null): boolean {
  if (!header) return false;
  const [type, ...params] = header.split(";").map((p) => p.trim().toLowerCase());
  if (type !== "application/json") return false;
  return params.every((p) => !p.startsWith("charset=") || p === "charset=utf-8" || p === 'charset="utf-8"');
}

/** The body's bytes, or null as soon as there are more than maxBytes (the rest is never read). */
export async function readBytes(request: Request, maxBytes: number): Promise<Uint8Array | null> {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) return null;
  if (!request.body) return new Uint8Array(0);
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
        return null;
      }
      chunks.push(value);
    }
  } catch {
    throw new HttpError(400, "invalid-body", "The request body could not be read.");
  }
  return Buffer.concat(chunks);
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Parses JSON text from bytes: `{ok: false}` when it is not JSON; bytes that are not UTF-8, or
 * strings (keys included) with lone surrogates, throw a 400 HttpError.
 */
export function parseJsonBytes(bytes: Uint8Array): BodyRead {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new HttpError(400, "invalid-encoding", "The request body is not valid UTF-8 text.");
  }
  let wellFormed = true;
  let value: unknown;
  try {
    value = JSON.parse(text, (key, v: unknown) => {
      if (!isWellFormed(key) || (typeof v === "string" && !isWellFormed(v))) wellFormed = false;
      return v;
    });
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (!wellFormed) {
    throw new HttpError(400, "invalid-unicode", "The request contains text that is not valid Unicode (a lone UTF-16 surrogate). Remove the broken character and try again.");
  }
  return { ok: true, value };
}

/** Reads a JSON body of at most maxBytes; an empty body is `{ok: true, value: undefined}`. */
export async function readJsonBody(request: Request, maxBytes: number): Promise<BodyRead> {
  const bytes = await readBytes(request, maxBytes);
  if (bytes === null) return { ok: false, reason: "too-large" };
  if (bytes.byteLength === 0) return { ok: true, value: undefined };
  return parseJsonBytes(bytes);
}
