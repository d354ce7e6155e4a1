// What better-auth's own endpoints do not check, added through its hooks (lib/auth.ts):
//   - bounds on every string an account endpoint stores (names, emails, anything else), and no
//     control characters in names: a name is shown on every instructor page and in the CSV;
//   - the password policy (lib/password-policy.ts) on every new password;
//   - sign-in backoff per account and per client address (lib/rate-limit.ts), stored in the
//     database: a password cannot be guessed without bound, from one address or many.
// Refusals are better-auth APIErrors, so its client shows them like its own.
import { APIError, createAuthMiddleware, isAPIError } from "better-auth/api";
import { addressKey, clientAddressOf } from "./http/client-address";
import { AUTH_OTHER_FIELD_MAX_LENGTH, EMAIL_MAX_LENGTH, PERSON_NAME_MAX_LENGTH } from "./limits";
import { passwordProblem } from "./password-policy";
import { backoffFor, clearBackoff, describeWait, recordFailure, SIGN_IN_PER_ACCOUNT, signInPerAddress, takeAttempt } from "./rate-limit";
import { hasControlCharacters, isWellFormed } from "./text";

type Body = Record<string, unknown>;

function refuse(code: string, message: string): never {
  throw new APIError("BAD_REQUEST", { code, message });
}

/** Bounds every string field; `name` (when present) must be a name a person can read. */
function checkFields(body: Body, nameRequired: boolean): void {
  for (const [field, value] of Object.entries(body)) {
    if (typeof value !== "string") continue;
    if (!isWellFormed(value)) refuse("INVALID_UNICODE", `The ${field} holds a broken character (a lone UTF-16 surrogate).`);
    const max = field === "name" ? PERSON_NAME_MAX_LENGTH : field === "email" ? EMAIL_MAX_LENGTH : field.toLowerCase().includes("password") ? Infinity : AUTH_OTHER_FIELD_MAX_LENGTH;
    if (value.length > max) refuse(`${field.toUpperCase()}_TOO_LONG`, `The ${field} is too long: at most ${max} characters.`);
  }
  const name = body.name;
  if (name === undefined && !nameRequired) return;
  if (typeof name !== "string" || !name.trim()) refuse("NAME_REQUIRED", "Please enter your name: your instructor sees it next to your work.");
  if (hasControlCharacters(name)) refuse("INVALID_NAME", "Your name cannot contain control characters.");
}

function checkNewPassword(password: unknown, details: { email?: unknown; name?: unknown }): void {
  if (typeof password !== "string") return; // better-auth's own schema answers this
  const problem = passwordProblem(password, {
    email: typeof details.email === "string" ? details.email : undefined,
    name: typeof details.name === "string" ? details.name : undefined,
  });
  if (problem) refuse("PASSWORD_TOO_WEAK", problem);
}

const accountKey = (email: string) => `sign-in-account:${email.trim().toLowerCase()}`;
const addressKeyOf = (headers: Headers) => `sign-in-address:${addressKey(clientAddressOf(headers))}`;

function tooMany(message: string, seconds: number): never {
  throw new APIError("TOO_MANY_REQUESTS", { code: "TOO_MANY_ATTEMPTS", message: `${message} Try again in ${describeWait(seconds)}.` }, { "Retry-After": String(seconds) });
}

/**
 * Before a sign-in is checked: wait if the address or the account has failed too often. The
 * attempt counts against the account at once (so parallel guesses cannot all pass) and is
 * forgiven when the password is right. Server-side calls (the seed, tests) have no request and
 * are not limited, like better-auth's own limiter.
 */
async function throttleSignIn(body: Body, request: Request | undefined): Promise<void> {
  if (!request || typeof body.email !== "string" || body.email.length > EMAIL_MAX_LENGTH) return;
  const addressWait = await backoffFor(addressKeyOf(request.headers), signInPerAddress());
  if (addressWait > 0) tooMany("Too many failed sign-ins from this network.", addressWait);
  const accountWait = await takeAttempt(accountKey(body.email), SIGN_IN_PER_ACCOUNT);
  if (accountWait > 0) tooMany("Too many wrong passwords for this account.", accountWait);
}

export const beforeAccountEndpoint = createAuthMiddleware(async (ctx) => {
  const body = (ctx.body && typeof ctx.body === "object" ? ctx.body : {}) as Body;
  switch (ctx.path) {
    case "/sign-up/email":
      checkFields(body, true);
      checkNewPassword(body.password, body);
      return;
    case "/update-user":
      checkFields(body, false);
      return;
    case "/change-password":
    case "/set-password":
    case "/reset-password":
      checkFields(body, false);
      checkNewPassword(body.newPassword, ctx.context.session?.user ?? {});
      return;
    case "/sign-in/email":
      checkFields(body, false);
      await throttleSignIn(body, ctx.request);
      return;
  }
});

export const afterAccountEndpoint = createAuthMiddleware(async (ctx) => {
  if (ctx.path !== "/sign-in/email" || !ctx.request) return;
  const email = (ctx.body as Body | undefined)?.email;
  if (typeof email !== "string" || email.length > EMAIL_MAX_LENGTH) return;
  if (isAPIError(ctx.context.returned)) {
    await recordFailure(addressKeyOf(ctx.request.headers), signInPerAddress());
  } else {
    await clearBackoff(accountKey(email));
  }
});
