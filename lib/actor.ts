// Who is acting. Every domain function takes the acting user explicitly so authorization is
// decided next to the data, not in each route. lib/viewer.ts builds an Actor from the session.
import { ForbiddenError, UnauthenticatedError } from "./domain-errors";

export const ROLES = ["learner", "instructor"] as const;
export type Role = (typeof ROLES)[number];

export interface Actor {
  id: string;
  role: Role;
}

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Throws 401 when nobody is signed in; narrows the type otherwise. */
export function assertSignedIn(actor: Actor | null | undefined): asserts actor is Actor {
  if (!actor || typeof actor.id !== "string" || !actor.id || !isRole(actor.role)) {
    throw new UnauthenticatedError();
  }
}

/** Throws 403 unless the actor is an instructor. */
export function assertInstructor(actor: Actor | null | undefined): asserts actor is Actor {
  assertSignedIn(actor);
  if (actor.role !== "instructor") throw new ForbiddenError("Only instructors can do that.");
}

/** Throws 403 unless the actor is a learner. */
export function assertLearner(actor: Actor | null | undefined): asserts actor is Actor {
  assertSignedIn(actor);
  if (actor.role !== "learner") throw new ForbiddenError("Only learners can do that.");
}
