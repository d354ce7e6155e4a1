// Where to go after signing in: only a path on this site, so a crafted ?next= link cannot send
// a learner to another site that looks like this one.
import { isWellFormed } from "@/lib/text";

export function safeNextPath(raw: string | string[] | null | undefined, fallback = "/"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // No scheme or host can hide behind control characters or backslashes either.
  if (/[\u0000-\u001f\u007f\\]/.test(value) || !isWellFormed(value)) return fallback;
  // A Location header holds ASCII only: anything else (an "é", a U+2028, the U+FFFD a broken
  // %-escape decodes to) goes back to its %-escaped UTF-8 form.
  return value.replace(/[^\x21-\x7e]/gu, (c) => encodeURIComponent(c));
}
