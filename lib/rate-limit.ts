// In-memory token buckets, one per learner key. Good for a single server process (the way
// `npm start` runs); a multi-instance deployment would move this to a shared store.

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
    const { perMinute, burst } = this.config;
    if (perMinute <= 0) return { allowed: true, remaining: Infinity, retryAfterSeconds: 0 };
    const t = this.now();
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (this.buckets.size >= MAX_BUCKETS) this.evictFull(t);
      bucket = { tokens: burst, updatedAt: t };
      this.buckets.set(key, bucket);
    } else {
      bucket.tokens = Math.min(burst, bucket.tokens + (t - bucket.updatedAt) * this.ratePerMs);
      bucket.updatedAt = t;
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterSeconds: 0 };
    }
    const waitMs = (1 - bucket.tokens) / this.ratePerMs;
    return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
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

function readPositive(name: string, fallback: number): number {
  const raw = process.env[name];
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

const globalLimiter = globalThis as typeof globalThis & { __gradingLimiter?: TokenBucketLimiter };

/** The process-wide limiter for Run and Submit; rebuilt if the env configuration changes. */
export function gradingLimiter(): TokenBucketLimiter {
  const config = gradingRateLimitConfig();
  const current = globalLimiter.__gradingLimiter;
  if (current && current.config.perMinute === config.perMinute && current.config.burst === config.burst) {
    return current;
  }
  globalLimiter.__gradingLimiter = new TokenBucketLimiter(config);
  return globalLimiter.__gradingLimiter;
}
