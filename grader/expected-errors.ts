// Cases that expect the call to throw (tests.json `"throws"`): input validation such as "strands
// must be of equal length". The reference must throw on them (checked when cases are planned, so
// exercises:check reports it), and a learner passes by throwing an error whose message matches.
import { z } from "zod";

/**
 * `true`: any thrown value; `{ message }`: exactly this message; `{ includes }`: a message
 * containing this text; `{ matches }`: a message matching this regular expression (no flags).
 */
export const throwsSchema = z.union([
  z.literal(true),
  z.object({ message: z.string() }).strict(),
  z.object({ includes: z.string().min(1) }).strict(),
  z
    .object({
      matches: z
        .string()
        .min(1)
        .refine((p) => regex(p) !== null, { message: "not a valid regular expression" }),
    })
    .strict(),
]);

export type ThrowsSpec = z.infer<typeof throwsSchema>;

/** What a call threw: an Error's name and message, or a thrown non-Error value as text (name ""). */
export interface ThrownError {
  name: string;
  message: string;
}

function regex(pattern: string): RegExp | null {
  try {
    return new RegExp(pattern);
  } catch {
    return null;
  }
}

/** Whether a thrown error's message is what the case expects. */
export function errorMatches(spec: ThrowsSpec, thrown: ThrownError): boolean {
  if (spec === true) return true;
  if ("message" in spec) return thrown.message === spec.message;
  if ("includes" in spec) return thrown.message.includes(spec.includes);
  return regex(spec.matches)?.test(thrown.message) ?? false;
}

/** The expected error in words: 'an error with the message "x"'. */
export function describeExpectedError(spec: ThrowsSpec): string {
  if (spec === true) return "an error";
  if ("message" in spec) return `an error with the message ${JSON.stringify(spec.message)}`;
  if ("includes" in spec) return `an error whose message contains ${JSON.stringify(spec.includes)}`;
  return `an error whose message matches /${spec.matches}/`;
}

/** A thrown value as a ThrownError, for trusted code run on the host. */
export function thrownOf(e: unknown): ThrownError {
  if (e instanceof Error) return { name: String(e.name), message: String(e.message) };
  try {
    return { name: "", message: String(e) };
  } catch {
    return { name: "", message: "" };
  }
}

/** `Error: message`, or the message alone, for reports. */
export function formatThrown(t: ThrownError): string {
  return t.name ? `${t.name}: ${t.message}` : t.message;
}

/**
 * A starter may be a stub that throws, as most of Exercism's do: `throw new Error("Not
 * implemented")`, or Exercism's own "Remove this line and implement the function". Such a throw
 * is "not implemented yet" — a failed test, not a crash — so exercises:check accepts the stub as
 * a starter and the learner is not shown a stack trace. The one place this rule is written.
 */
const NOT_IMPLEMENTED = [/\bnot\s+(?:yet\s+)?implemented\b/i, /\bimplement\s+(?:this|the)\s+(?:function|method)\b/i];

export function isNotImplemented(thrown: ThrownError): boolean {
  return NOT_IMPLEMENTED.some((p) => p.test(thrown.message));
}
