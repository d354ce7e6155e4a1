// Accounts: better-auth with email + password, stored through its Prisma adapter. Passwords are
// hashed by better-auth (scrypt); sessions live in HTTP-only, SameSite=Lax cookies. Its hooks
// add bounds, the password policy and sign-in backoff (lib/auth-guards.ts); its per-address
// request limits keep their counters in the database and take the client's address from the
// app's server (lib/http/client-address.ts), never from X-Forwarded-For.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { nextCookies } from "better-auth/next-js";
import { afterAccountEndpoint, beforeAccountEndpoint } from "./auth-guards";
import { databaseProvider } from "./database-file";
import { prisma } from "./db";
import { CLIENT_ADDRESS_HEADER } from "./http/client-address";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./limits";
import { accountRequestLimits } from "./rate-limit";
import { forgetSession } from "./session-cache";

/** Where the generated fallback secret is kept when BETTER_AUTH_SECRET is unset. */
export function secretFile(): string {
  return path.resolve(process.env.AUTH_SECRET_FILE || path.join("data", "auth-secret"));
}

/**
 * BETTER_AUTH_SECRET, or a random secret generated on first use and kept in data/auth-secret
 * (mode 0600) so sessions survive restarts. Never a constant baked into the code.
 */
export function authSecret(): string {
  const fromEnv = process.env.BETTER_AUTH_SECRET?.trim();
  if (fromEnv) return fromEnv;
  const file = secretFile();
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    // first start: create it below
  }
  const secret = randomBytes(32).toString("base64url");
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": if another process (a build worker, the seed) created it first, use theirs.
    writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: "wx" });
    return secret;
  } catch {
    return readFileSync(file, "utf8").trim();
  }
}

const configuredUrl = process.env.BETTER_AUTH_URL?.trim() || undefined;

/** Cookies get the Secure flag exactly when the app is served over https. */
const secureCookies = configuredUrl ? configuredUrl.startsWith("https://") : false;

// Without BETTER_AUTH_URL the app answers on localhost at any port (tests pick random ports).
const localHosts = ["localhost:*", "127.0.0.1:*", "[::1]:*"];

export const auth = betterAuth({
  appName: "RNN exercises",
  secret: authSecret(),
  baseURL: configuredUrl ?? { allowedHosts: localHosts, protocol: "http", fallback: "http://localhost:3000" },
  trustedOrigins: configuredUrl ? [] : localHosts.map((h) => `http://${h}`),
  database: prismaAdapter(prisma, { provider: databaseProvider() }),
  emailAndPassword: {
    enabled: true,
    minPasswordLength: PASSWORD_MIN_LENGTH,
    maxPasswordLength: PASSWORD_MAX_LENGTH,
    autoSignIn: true,
  },
  databaseHooks: {
    // The grading route remembers verified sessions for a minute (lib/session-cache.ts): every
    // session better-auth deletes (sign-out, revocation, expiry, a deleted user) is forgotten
    // there at once, so signing out ends it for grading too.
    session: { delete: { after: async (session) => forgetSession(session.token) } },
  },
  user: {
    additionalFields: {
      // input: false: sign-up and update-user cannot set it, so everyone starts as a learner.
      role: { type: "string", required: false, defaultValue: "learner", input: false },
    },
  },
  hooks: { before: beforeAccountEndpoint, after: afterAccountEndpoint },
  rateLimit: {
    // Per client address, counted in the RateLimit table so that a restart resets nothing.
    storage: "database",
    customRules: {
      "/sign-in/email": accountRequestLimits().signIn,
      "/sign-up/email": accountRequestLimits().signUp,
      // Read on every page of the client; changes nothing.
      "/get-session": false,
    },
  },
  advanced: {
    useSecureCookies: secureCookies,
    defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    // better-auth skips its Origin/CSRF check when NODE_ENV=test; keep it on everywhere so the
    // tests exercise what production does.
    disableOriginCheck: false,
    // The only address header believed: set by the app's server from the connection.
    ipAddress: { ipAddressHeaders: [CLIENT_ADDRESS_HEADER] },
  },
  // Must stay last: lets server actions set the session cookie through next/headers.
  plugins: [nextCookies()],
});

export type Auth = typeof auth;
export type AuthSession = typeof auth.$Infer.Session;
