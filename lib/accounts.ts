// Accounts made or changed by an operator, outside the web app: the command line
// (scripts/accounts-cli.ts) creates instructors and resets forgotten passwords. Every new
// password goes through the same policy as sign-up (lib/password-policy.ts); passwords are
// hashed by better-auth, never stored as given.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { auth } from "./auth";
import { prisma } from "./db";
import { ConflictError, NotFoundError, parseInput, ValidationError } from "./domain-errors";
import { EMAIL_MAX_LENGTH, PERSON_NAME_MAX_LENGTH } from "./limits";
import { passwordProblem } from "./password-policy";
import { hasControlCharacters } from "./text";

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(EMAIL_MAX_LENGTH, { message: `at most ${EMAIL_MAX_LENGTH} characters` })
  .pipe(z.email({ message: "not an email address" }));

const nameSchema = z
  .string()
  .trim()
  .min(1, { message: "give the person's name" })
  .max(PERSON_NAME_MAX_LENGTH, { message: `at most ${PERSON_NAME_MAX_LENGTH} characters` })
  .refine((n) => !hasControlCharacters(n), { message: "no control characters" });

/** A password that passes the policy by a wide margin: 24 random base64url characters (144 bits). */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

function assertPasswordAllowed(password: string, details: { email: string; name?: string }): void {
  const problem = passwordProblem(password, details);
  if (problem) throw new ValidationError(problem, [{ path: "password", message: problem }]);
}

/** Creates an instructor account that signs in with `password`. An email already in use is a conflict. */
export async function createInstructor(input: { email: string; name: string; password: string }): Promise<{ id: string; email: string; name: string }> {
  const email = parseInput(emailSchema, input.email, "email");
  const name = parseInput(nameSchema, input.name, "name");
  assertPasswordAllowed(input.password, { email, name });
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new ConflictError(`An account with the email ${email} exists already.`);
  }
  // Through better-auth so the password is hashed its way; sign-up makes a learner, promoted here.
  const { user } = await auth.api.signUpEmail({ body: { email, name, password: input.password } });
  await prisma.user.update({ where: { id: user.id }, data: { role: "instructor" } });
  return { id: user.id, email, name };
}

/**
 * Gives the account with this email a new password and signs it out everywhere (every session
 * is deleted). Returns how many sessions ended.
 */
export async function resetPassword(input: { email: string; password: string }): Promise<{ email: string; sessionsEnded: number }> {
  const email = parseInput(emailSchema, input.email, "email");
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true, name: true } });
  if (!user) throw new NotFoundError(`No account has the email ${email}.`);
  assertPasswordAllowed(input.password, { email, name: user.name });
  const ctx = await auth.$context;
  const hash = await ctx.password.hash(input.password);
  const credential = await prisma.account.findFirst({ where: { userId: user.id, providerId: "credential" }, select: { id: true } });
  const sessionsEnded = await prisma.$transaction(async (tx) => {
    if (credential) await tx.account.update({ where: { id: credential.id }, data: { password: hash } });
    else await tx.account.create({ data: { id: randomBytes(16).toString("hex"), accountId: user.id, providerId: "credential", userId: user.id, password: hash } });
    return (await tx.session.deleteMany({ where: { userId: user.id } })).count;
  });
  return { email, sessionsEnded };
}
