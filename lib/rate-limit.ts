// Every rate limit and backoff of the app, written once (README "Limits" lists them):
//   - Run and Submit: token buckets per learner (per address when signed out). On SQLite (one
//     server) in memory: a restart forgets them, which costs nothing: the grader is busy for a
//     moment, no more. On PostgreSQL, where several web servers share the database, in the
//     GradingBucket table, so a learner's limit is the same whichever server answers.
//   - Sign-in and sign-up requests per client address: better-auth's limiter (lib/auth.ts), with
//     its counters in the database (RateLimit table), so a restart does not reset them.
//   - Failed sign-ins per account and per address, failed join codes per learner and per
//     address: exponential backoff, stored in the database (Backoff table) for the same reason.
// Client addresses come from lib/http/client-address.ts (the connection, not X-Forwarded-For).
import { usesPostgres } from "./database-file";
import { prisma } from "./db";

// ---- Run and Submit: token buckets -----------------------------------------------------------

export interface RateLimitConfig {
  /** Sustained rate. 0 disables limiting. */
  perMinute: number;
  /** Requests allowed back to back before the sustained rate applies. */
  burst: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Seconds until the next request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updatedAt: number;
}

const MAX_BUCKETS = 50_000;

export class TokenBucketLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly ratePerMs: number;

  constructor(
    readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.ratePerMs = config.perMinute / 60_000;
  }

  take(key: string): RateLimitDecision {
    const { perMinute } = this.config;
    if (perMinute <= 0) return { allowed: true, remaining: Infinity, retryAfterSeconds: 0 };
    const t = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket && this.buckets.size >= MAX_BUCKETS) this.evictFull(t);
    const { decision, after } = takeToken(this.config, bucket ?? null, t);
    if (bucket) Object.assign(bucket, after);
    else this.buckets.set(key, after);
    return decision;
  }

  /** Drops buckets that have refilled completely: they carry no information. */
  private evictFull(t: number) {
    for (const [key, b] of this.buckets) {
      if (b.tokens + (t - b.updatedAt) * this.ratePerMs >= this.config.burst) this.buckets.delete(key);
    }
    // Still full of active learners: forget the oldest rather than grow without bound.
    if (this.buckets.size >= MAX_BUCKETS) {
      const oldest = this.buckets.keys().next().value;
      if (oldest !== undefined) this.buckets.delete(oldest);
    }
  }
}

/** One request against a bucket (null: a new, full one) at time `t`: the decision and the bucket after it. */
export function takeToken(config: RateLimitConfig, bucket: Bucket | null, t: number): { decision: RateLimitDecision; after: Bucket } {
  const ratePerMs = config.perMinute / 60_000;
  const tokens = bucket ? Math.min(config.burst, bucket.tokens + (t - bucket.updatedAt) * ratePerMs) : config.burst;
  if (tokens >= 1) {
    return { decision: { allowed: true, remaining: Math.floor(tokens - 1), retryAfterSeconds: 0 }, after: { tokens: tokens - 1, updatedAt: t } };
  }
  const waitMs = (1 - tokens) / ratePerMs;
  return { decision: { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }, after: { tokens, updatedAt: t } };
}

/**
 * The same token buckets, kept in the database (GradingBucket) for several web servers on one
 * PostgreSQL database: each take locks its key for one short transaction (an advisory lock, so
 * a key with no row yet is serialized too), so concurrent requests on any server never share a
 * token.
 */
export class SharedTokenBucketLimiter {
  private lastPrune = 0;

  constructor(
    readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {}

  async take(key: string): Promise<RateLimitDecision> {
    if (this.config.perMinute <= 0) return { allowed: true, remaining: Infinity, retryAfterSeconds: 0 };
    const t = this.now();
    void this.pruneFull(t);
    return prisma.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`grading-bucket:${key}`}, 0))`;
      const row = await tx.gradingBucket.findUnique({ where: { key } });
      const { decision, after } = takeToken(this.config, row ? { tokens: row.tokens, updatedAt: Number(row.updatedAt) } : null, t);
      const data = { tokens: after.tokens, updatedAt: BigInt(after.updatedAt) };
      await tx.gradingBucket.upsert({ where: { key }, create: { key, ...data }, update: data, select: { key: true } });
      return decision;
    });
  }

  /** Deletes buckets that have refilled completely (they carry no information), at most once a minute per process. */
  private async pruneFull(t: number): Promise<void> {
    if (t - this.lastPrune < 60_000) return;
    this.lastPrune = t;
    const fullAfterMs = (this.config.burst / this.config.perMinute) * 60_000;
    await prisma.gradingBucket.deleteMany({ where: { updatedAt: { lt: BigInt(Math.floor(t - fullAfterMs)) } } }).catch(() => undefined);
  }
}

/** Either limiter: take() may or may not be a promise; await it. */
export type GradingLimiter = TokenBucketLimiter | SharedTokenBucketLimiter;

function readPositive(name: string, fallback: number, env: NodeJS.ProcessEnv = process.env): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/** RATE_LIMIT_PER_MINUTE (default 30; 0 disables) and RATE_LIMIT_BURST (default 10). */
export function gradingRateLimitConfig(): RateLimitConfig {
  const perMinute = readPositive("RATE_LIMIT_PER_MINUTE", 30);
  const burst = Math.max(1, Math.floor(readPositive("RATE_LIMIT_BURST", Math.min(10, perMinute))));
  return { perMinute, burst };
}

const globalLimiter = globalThis as typeof globalThis & { __gradingLimiter?: GradingLimiter };

/**
 * The limiter for Run and Submit (await its take()): in this process's memory on SQLite, in the
 * database on PostgreSQL (shared by every web server); rebuilt if the env configuration changes.
 */
export function gradingLimiter(): GradingLimiter {
  const config = gradingRateLimitConfig();
  const shared = usesPostgres();
  const current = globalLimiter.__gradingLimiter;
  if (
    current &&
    current instanceof SharedTokenBucketLimiter === shared &&
    current.config.perMinute === config.perMinute &&
    current.config.burst === config.burst
  ) {
    return current;
  }
  globalLimiter.__gradingLimiter = shared ? new SharedTokenBucketLimiter(config) : new TokenBucketLimiter(config);
  return globalLimiter.__gradingLimiter;
}

/** "1 second", "40 seconds", "3 minutes": how long to wait, for messages. */
export function describeWait(seconds: number): string {
  return seconds <= 1 ? "1 second" : seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
}

// ---- Sign-in and sign-up requests per address: better-auth's limiter, stored ------------------

/** better-auth rate-limit rules (window in seconds, max requests per client address in it). */
export function accountRequestLimits(env: NodeJS.ProcessEnv = process.env): { signIn: { window: number; max: number }; signUp: { window: number; max: number } } {
  // A whole class signs in from one school address at the start of a lesson: better-auth's
  // default (3 per 10 s per address) would lock most of them out. Guessing is slowed by the
  // backoff below, not by this.
  return {
    signIn: { window: 60, max: Math.max(1, readPositive("SIGNIN_LIMIT_PER_MINUTE", 60, env)) },
    signUp: { window: 3600, max: Math.max(1, readPositive("SIGNUP_LIMIT_PER_HOUR", 60, env)) },
  };
}

// ---- Failed attempts: exponential backoff, stored ---------------------------------------------

export interface BackoffPolicy {
  /** Failures allowed before any waiting. */
  freeFailures: number;
  /** The wait after the first failure past the free ones; each further failure doubles it. */
  firstDelaySeconds: number;
  maxDelaySeconds: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;

/** Wrong passwords for one account, from anywhere: 5 free, then 1 minute, 2, 4, ... up to 15 minutes. */
export const SIGN_IN_PER_ACCOUNT: BackoffPolicy = { freeFailures: 5, firstDelaySeconds: MINUTE, maxDelaySeconds: 15 * MINUTE, forgetAfterSeconds: 24 * HOUR };

/**
 * Failed sign-ins from one client address, on any accounts (password spraying). A school shares
 * one address, so many typos are free (SIGNIN_FREE_FAILURES_PER_ADDRESS, default 50), the first
 * wait is 30 seconds and the longest 5 minutes.
 */
export function signInPerAddress(env: NodeJS.ProcessEnv = process.env): BackoffPolicy {
  return { freeFailures: readPositive("SIGNIN_FREE_FAILURES_PER_ADDRESS", 50, env), firstDelaySeconds: 30, maxDelaySeconds: 5 * MINUTE, forgetAfterSeconds: HOUR };
}

/** Wrong join codes by one learner: 10 free, then 1 minute, 2, 4, ... up to 15 minutes. */
export const JOIN_CODE_PER_LEARNER: BackoffPolicy = { freeFailures: 10, firstDelaySeconds: MINUTE, maxDelaySeconds: 15 * MINUTE, forgetAfterSeconds: 24 * HOUR };

/** Wrong join codes from one client address (many accounts guessing together): 50 free, then 30 s, up to 15 minutes. */
export const JOIN_CODE_PER_ADDRESS: BackoffPolicy = { freeFailures: 50, firstDelaySeconds: 30, maxDelaySeconds: 15 * MINUTE, forgetAfterSeconds: HOUR };

interface BackoffState {
  failures: number;
  lastFailureAt: Date;
}

/** Seconds before another attempt is allowed under `policy` (0: now). */
export function backoffWait(policy: BackoffPolicy, state: BackoffState | null, now: Date): number {
  if (!state) return 0;
  const since = now.getTime() - state.lastFailureAt.getTime();
  if (since >= policy.forgetAfterSeconds * 1000 || state.failures < policy.freeFailures) return 0;
  const delay = Math.min(policy.maxDelaySeconds, policy.firstDelaySeconds * 2 ** (state.failures - policy.freeFailures));
  return Math.max(0, Math.ceil((delay * 1000 - since) / 1000));
}

/** The failures that still count at `now` (a forgotten key counts none). */
function liveFailures(policy: BackoffPolicy, state: BackoffState | null, now: Date): number {
  if (!state || now.getTime() - state.lastFailureAt.getTime() >= policy.forgetAfterSeconds * 1000) return 0;
  return state.failures;
}

const longestForget = () => Math.max(SIGN_IN_PER_ACCOUNT.forgetAfterSeconds, JOIN_CODE_PER_LEARNER.forgetAfterSeconds, signInPerAddress().forgetAfterSeconds, JOIN_CODE_PER_ADDRESS.forgetAfterSeconds);
let lastPrune = 0;

/** Deletes rows nobody remembers any more, at most every ten minutes per process. */
async function pruneForgotten(now: Date): Promise<void> {
  if (now.getTime() - lastPrune < 10 * MINUTE * 1000) return;
  lastPrune = now.getTime();
  await prisma.backoff.deleteMany({ where: { lastFailureAt: { lt: new Date(now.getTime() - longestForget() * 1000) } } }).catch(() => undefined);
}

function isUniqueViolation(e: unknown): boolean {
  return (e as { code?: unknown })?.code === "P2002";
}

/** What to write for a key: its new failure count, and whether this is a failure now. */
type BackoffChange<T> = { write: null; result: T } | { write: { failures: number; failedNow: boolean }; result: T };

/**
 * Changes a key's row with compare-and-set, so that concurrent requests (in this process or
 * another) never lose a count. `decide` sees the stored state and says what to write (or
 * nothing) and what to return.
 */
async function updateBackoff<T>(key: string, now: Date, decide: (state: BackoffState | null) => BackoffChange<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    const row = await prisma.backoff.findUnique({ where: { key } });
    const { write, result } = decide(row);
    if (!write) return result;
    const lastFailureAt = write.failedNow || !row ? now : row.lastFailureAt;
    try {
      if (!row) await prisma.backoff.create({ data: { key, failures: write.failures, lastFailureAt } });
      else {
        const { count } = await prisma.backoff.updateMany({
          where: { key, failures: row.failures, lastFailureAt: row.lastFailureAt },
          data: { failures: write.failures, lastFailureAt },
        });
        // Changed meanwhile: decide again on what is there now.
        if (count === 0 && attempt < 20) continue;
        if (count === 0) throw new Error(`backoff: the row of ${key} kept changing`);
      }
      return result;
    } catch (e) {
      if (!isUniqueViolation(e) || attempt >= 20) throw e; // created meanwhile: decide again
    }
  }
}

/** Seconds the next attempt under `key` must wait (0: it may go ahead). Does not count anything. */
export async function backoffFor(key: string, policy: BackoffPolicy, now = new Date()): Promise<number> {
  return backoffWait(policy, await prisma.backoff.findUnique({ where: { key } }), now);
}

/**
 * Takes one attempt under `key`: if it may go ahead (returns 0) it is counted as a failure at
 * once, so that parallel guesses cannot all pass before the first one fails; call
 * forgiveAttempt (or clearBackoff) when it turns out well. Otherwise returns the seconds to wait.
 */
export async function takeAttempt(key: string, policy: BackoffPolicy, now = new Date()): Promise<number> {
  void pruneForgotten(now);
  return updateBackoff(key, now, (state) => {
    const wait = backoffWait(policy, state, now);
    return wait > 0 ? { write: null, result: wait } : { write: { failures: liveFailures(policy, state, now) + 1, failedNow: true }, result: 0 };
  });
}

/** Counts one failure under `key`. */
export async function recordFailure(key: string, policy: BackoffPolicy, now = new Date()): Promise<void> {
  void pruneForgotten(now);
  await updateBackoff(key, now, (state) => ({ write: { failures: liveFailures(policy, state, now) + 1, failedNow: true }, result: undefined }));
}

/** Takes back the one failure takeAttempt counted for an attempt that went well. */
export async function forgiveAttempt(key: string, now = new Date()): Promise<void> {
  await updateBackoff(key, now, (state) =>
    state && state.failures > 0 ? { write: { failures: state.failures - 1, failedNow: false }, result: undefined } : { write: null, result: undefined },
  );
}

/** Forgets every failure under `key` (a correct password ends the account's backoff). */
export async function clearBackoff(key: string): Promise<void> {
  await prisma.backoff.deleteMany({ where: { key } });
}
