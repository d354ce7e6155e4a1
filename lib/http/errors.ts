// The one error shape of every JSON route: {"error": {code, message, issues?}} with the right
// status, `Retry-After` where waiting helps, never cached and never a stack trace.
import { DomainError, TooManyAttemptsError, ValidationError } from "../domain-errors";

/** A refusal decided by the HTTP layer itself (origin, content type, body size, encoding...). */
export class HttpError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 405 | 413 | 415 | 429,
    readonly code: string,
    message: string,
    readonly details: Pick<ErrorOptions, "retryAfterSeconds" | "issues"> = {},
  ) {
    super(message);
    this.name = "HttpError";
  }
}

export interface ErrorOptions {
  retryAfterSeconds?: number;
  /** Fields beside "error" (e.g. the verdict of a Submit that could not be stored). */
  extra?: Record<string, unknown>;
  issues?: { path: string; message: string }[];
}

/** A JSON response that no cache keeps (it is one user's data, or an answer to one request). */
export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const h = new Headers(headers);
  h.set("Cache-Control", "no-store");
  return Response.json(body, { status, headers: h });
}

export function errorJson(status: number, code: string, message: string, options: ErrorOptions = {}): Response {
  const headers = new Headers();
  if (options.retryAfterSeconds !== undefined) headers.set("Retry-After", String(Math.max(1, Math.ceil(options.retryAfterSeconds))));
  const error = options.issues?.length ? { code, message, issues: options.issues } : { code, message };
  return json({ ...options.extra, error }, status, headers);
}

/** The response for a DomainError or HttpError, or null for anything else (a bug: the caller logs it). */
export function errorResponse(error: unknown): Response | null {
  if (error instanceof HttpError) return errorJson(error.status, error.code, error.message, error.details);
  if (!(error instanceof DomainError)) return null;
  return errorJson(error.status, error.code, error.message, {
    issues: error instanceof ValidationError ? error.issues : undefined,
    retryAfterSeconds: error instanceof TooManyAttemptsError ? error.retryAfterSeconds : undefined,
  });
}

/** What an unexpected failure answers: logged here with where it happened, a plain 500 there. */
export function internalError(error: unknown, where: string): Response {
  console.error(`${where}:`, error);
  return errorJson(500, "internal", "Something went wrong on the server. Please try again.");
}
