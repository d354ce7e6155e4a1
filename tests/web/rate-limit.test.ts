// The token bucket behind the Run/Submit limit, on a fake clock.
import { afterEach, describe, expect, it, vi } from "vitest";
import { gradingLimiter, gradingRateLimitConfig, TokenBucketLimiter } from "../../lib/rate-limit";

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("TokenBucketLimiter", () => {
  it("allows a burst, then the sustained rate, and says how long to wait", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 30, burst: 3 }, () => now);
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, true]);
    const denied = limiter.take("a");
    expect(denied.allowed).toBe(false);
    expect(denied.retryAfterSeconds).toBe(2); // 30/min = one token every 2 s
    now += 1000;
    expect(limiter.take("a").allowed).toBe(false);
    now += 1000;
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
  });

  it("never refills beyond the burst", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter({ perMinute: 60, burst: 2 }, () => now);
    now += 3_600_000;
    expect([1, 2, 3].map(() => limiter.take("a").allowed)).toEqual([true, true, false]);
  });

  it("keeps learners apart", () => {
    const limiter = new TokenBucketLimiter({ perMinute: 1, burst: 1 }, () => 0);
    expect(limiter.take("a").allowed).toBe(true);
    expect(limiter.take("a").allowed).toBe(false);
    expect(limiter.take("b").allowed).toBe(true);
  });

  it("0 per minute disables limiting", () => {
    const limiter = new TokenBucketLimiter({ perMinute: 0, burst: 1 }, () => 0);
    for (let i = 0; i < 100; i++) expect(limiter.take("a").allowed).toBe(true);
  });
});

describe("configuration", () => {
  it("defaults to 30 per minute with a burst of 10", () => {
    vi.stubEnv("RATE_LIMIT_PER_MINUTE", "");
    vi.stubEnv("RATE_LIMIT_BURST", "");
    expect(gradingRateLimitConfig()).toEqual({ perMinute: 30, burst: 10 });
  });

  it("reads RATE_LIMIT_PER_MINUTE and RATE_LIMIT_BURST, ignoring nonsense", () => {
    vi.stubEnv("RATE_LIMIT_PER_MINUTE", "600");
    vi.stubEnv("RATE_LIMIT_BURST", "50");
    expect(gradingRateLimitConfig()).toEqual({ perMinute: 600, burst: 50 });
    vi.stubEnv("RATE_LIMIT_PER_MINUTE", "lots");
    vi.stubEnv("RATE_LIMIT_BURST", "-3");
    expect(gradingRateLimitConfig()).toEqual({ perMinute: 30, burst: 10 });
  });

  it("the process-wide limiter follows a configuration change", () => {
    vi.stubEnv("RATE_LIMIT_PER_MINUTE", "5");
    vi.stubEnv("RATE_LIMIT_BURST", "1");
    const a = gradingLimiter();
    expect(gradingLimiter()).toBe(a);
    vi.stubEnv("RATE_LIMIT_PER_MINUTE", "7");
    expect(gradingLimiter()).not.toBe(a);
    expect(gradingLimiter().config.perMinute).toBe(7);
  });
});
