// Where to go after signing in: only a path on this site, so a crafted ?next= link cannot send
// a learner to another site that looks like this one.

export function safeNextPath(raw: string | string[] | null | undefined, fallback = "/"): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  // No scheme or host can hide behind control characters or backslashes either.
  if (/[\u0000-\u001f\\]/.test(value)) return fallback;
  return value;
}
