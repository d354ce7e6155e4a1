// Typed errors thrown by the domain functions (lib/progress.ts, lib/submissions.ts, ...).
// The HTTP layer (lib/http) answers them with their status; messages are written for the user and
// never include another user's data. "Not yours" is reported as NotFound so ids are not confirmed.
import { z } from "zod";

export abstract class DomainError extends Error {
  abstract readonly status: 400 | 401 | 403 | 404 | 409 | 429;
  abstract readonly code: string;
}

/** 400: the input failed validation; `issues` says which field and why. */
export class ValidationError extends DomainError {
  readonly status = 400;
  readonly code = "invalid-input";
  constructor(
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(message);
    this.name = "ValidationError";
  }
}

/** 401: nobody is signed in. */
export class UnauthenticatedError extends DomainError {
  readonly status = 401;
  readonly code = "unauthenticated";
  constructor(message = "Please sign in first.") {
    super(message);
    this.name = "UnauthenticatedError";
  }
}

/** 403: signed in, but the role does not allow this (e.g. a learner calling instructor functions). */
export class ForbiddenError extends DomainError {
  readonly status = 403;
  readonly code = "forbidden";
  constructor(message = "You are not allowed to do that.") {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** 404: does not exist, or belongs to someone else (indistinguishable on purpose). */
export class NotFoundError extends DomainError {
  readonly status = 404;
  readonly code = "not-found";
  constructor(message = "Not found.") {
    super(message);
    this.name = "NotFoundError";
  }
}

/** 409: the request clashes with what is stored (an account that exists, an archived classroom). */
export class ConflictError extends DomainError {
  readonly status = 409;
  readonly code = "conflict";
  constructor(message: string) {
    super(message);
    this.name = "ConflictError";
  }
}

/** 429: too many failed attempts (lib/rate-limit.ts backoff); try again after `retryAfterSeconds`. */
export class TooManyAttemptsError extends DomainError {
  readonly status = 429;
  readonly code = "too-many-attempts";
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = "TooManyAttemptsError";
  }
}

/** Parses `input` with `schema`, throwing a ValidationError that names the offending fields. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, what = "input"): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
  const first = issues[0];
  const where = first?.path ? `${first.path}: ` : "";
  throw new ValidationError(`Invalid ${what}: ${where}${first?.message ?? "malformed"}`, issues);
}
