// A classroom over HTTP: learners sign up, then each keeps exactly one Submit in flight until
// the deadline, with a fixed, seeded mix of correct, wrong and hostile code. Every attempt is
// logged so the database check can account for each acknowledged one.
import type { Verdict } from "../grader/types";
import { Learner, NoReply, type HttpReply } from "./learner";
import { median, percentile, sleep } from "./stats";
import type { Category, ExerciseSubmissions, Submission } from "./submissions";
import { unique } from "./submissions";

export interface Attempt {
  learner: number;
  userId?: string;
  /** Per learner, in sending order. */
  seq: number;
  phase: string;
  slug: string;
  category: Category;
  variant: string;
  expected: Verdict;
  sentAt: number;
  ms: number;
  /** HTTP status, or 0 when no answer came (connection refused/reset, client timeout). */
  status: number;
  noReply?: string;
  verdict?: Verdict;
  errorKind?: string;
  passed?: number;
  total?: number;
  /** Set when the route returns the stored submission's id. */
  submissionId?: string;
}

export interface MixOptions {
  /** Share of hostile submissions (infinite loops, memory bombs), 0..1. */
  hostileShare: number;
  /** Share of correct submissions among the rest, 0..1. */
  correctShare: number;
}

/** Hostile code is rare in a real class; each one holds a grader worker for up to a second. */
export const DEFAULT_MIX: MixOptions = { hostileShare: 0.01, correctShare: 0.5 };

/** mulberry32: each learner's sequence of choices is fixed by its index. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What learner `index` submits next: exercises in rotation, categories by the mix. */
export function planner(all: ExerciseSubmissions[], index: number, mix: MixOptions): () => Submission {
  const random = rng(0x9e3779b9 ^ (index * 2654435761));
  let seq = 0;
  return () => {
    const subs = all[(index + seq++) % all.length];
    const r = random();
    if (r < mix.hostileShare) return subs.hostile[Math.floor(random() * subs.hostile.length)];
    if (r < mix.hostileShare + (1 - mix.hostileShare) * mix.correctShare) return subs.correct;
    return subs.wrong[Math.floor(random() * subs.wrong.length)];
  };
}

interface SubmitReplyBody {
  result?: { status?: Verdict; error?: { kind?: string }; passed?: number; total?: number };
  submission?: { id?: string };
  submissionId?: string;
}

/** Sends one Submit and logs it. Never throws: a missing answer is logged as status 0. */
export async function submitOnce(learner: Learner, sub: Submission, seq: number, phase: string, log: Attempt[]): Promise<Attempt> {
  const attempt: Attempt = {
    learner: learner.index,
    userId: learner.userId,
    seq,
    phase,
    slug: sub.slug,
    category: sub.category,
    variant: sub.variant,
    expected: sub.expected,
    sentAt: performance.now(),
    ms: 0,
    status: 0,
  };
  log.push(attempt);
  let reply: HttpReply | undefined;
  try {
    reply = await learner.post(`/api/exercises/${sub.slug}/submit`, { code: unique(sub.code, `${learner.index}/${seq}`) });
  } catch (e) {
    attempt.noReply = e instanceof NoReply ? e.reason : String(e);
  }
  attempt.ms = performance.now() - attempt.sentAt;
  if (reply) {
    attempt.status = reply.status;
    const body = reply.body as SubmitReplyBody | undefined;
    if (body?.result) {
      attempt.verdict = body.result.status;
      attempt.errorKind = body.result.error?.kind;
      attempt.passed = body.result.passed;
      attempt.total = body.result.total;
    }
    attempt.submissionId = body?.submission?.id ?? body?.submissionId;
  }
  return attempt;
}

export interface SignUpFigures {
  ms: number;
  failures: string[];
}

/** Signs everyone up (a few at a time, like a class arriving), retrying 429s within a bound. */
export async function signUpAll(learners: Learner[], parallel = 8): Promise<SignUpFigures> {
  const t0 = performance.now();
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < learners.length) {
      const learner = learners[next++];
      let last = "";
      for (let attempt = 0; attempt < 6 && !learner.signedIn; attempt++) {
        try {
          const reply = await learner.signUp();
          if (reply.status === 200 && learner.signedIn) break;
          last = `HTTP ${reply.status} ${JSON.stringify(reply.body ?? "").slice(0, 200)}`;
          const wait = Number(reply.headers["retry-after"] ?? reply.headers["x-retry-after"] ?? 1);
          await sleep(Math.min(15, Math.max(1, wait)) * 1000);
        } catch (e) {
          last = (e as Error).message;
          await sleep(500);
        }
      }
      if (!learner.signedIn) failures.push(`${learner.email}: ${last}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, learners.length) }, worker));
  return { ms: performance.now() - t0, failures };
}

export interface BurstOptions {
  all: ExerciseSubmissions[];
  learners: Learner[];
  mix: MixOptions;
  /** Learners stop sending new submissions when this returns true. */
  stop: () => boolean;
  phase: () => string;
  log: Attempt[];
  /** Pause after a request that got no answer (the server is down). */
  retryPauseMs?: number;
  /** Paced mode: mean time between one learner's submissions (exponential). */
  meanGapMs?: number;
}

/**
 * Runs until opts.stop(). Closed loop (no meanGapMs): every learner sends its next submission
 * as soon as the last one answers. Paced (meanGapMs): each learner presses Submit at random
 * times (exponential gaps, so the class as a whole arrives as a Poisson stream of
 * learners × 1000 / meanGapMs per second), still never more than one in flight: a learner
 * whose answer comes late sends the next one straight away.
 */
export async function runBurst(opts: BurstOptions, seqStart: Map<number, number>): Promise<void> {
  await Promise.all(
    opts.learners.map(async (learner) => {
      const next = planner(opts.all, learner.index, opts.mix);
      // Resume each learner's sequence where a previous burst left it.
      let seq = seqStart.get(learner.index) ?? 0;
      for (let i = 0; i < seq; i++) next();
      const gaps = rng(0x85ebca6b ^ (learner.index * 40503) ^ seq);
      const gap = () => (opts.meanGapMs ? -Math.log(1 - gaps()) * opts.meanGapMs : 0);
      let due = performance.now() + gap();
      while (!opts.stop()) {
        if (opts.meanGapMs) {
          // In short naps, so a learner whose next click falls after the end stops at the end.
          while (!opts.stop() && due > performance.now()) await sleep(Math.max(1, Math.min(100, due - performance.now())));
          if (opts.stop()) break;
          due += gap();
        }
        const a = await submitOnce(learner, next(), seq++, opts.phase(), opts.log);
        seqStart.set(learner.index, seq);
        if (a.status === 0) await sleep(opts.retryPauseMs ?? 50);
        else if (a.status === 429 || a.status === 503) await sleep(250);
      }
    }),
  );
}

export interface LatencyFigures {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function latency(attempts: Attempt[]): LatencyFigures {
  const xs = attempts.map((a) => a.ms);
  return {
    count: xs.length,
    p50: median(xs),
    p95: percentile(xs, 95),
    p99: percentile(xs, 99),
    max: xs.length ? Math.max(...xs) : NaN,
  };
}

/** "200": n, "no answer (ECONNRESET)": n ... for the non-2xx outcomes. */
export function errorCounts(attempts: Attempt[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const a of attempts) {
    if (a.status >= 200 && a.status < 300) continue;
    const key = a.status === 0 ? `no answer (${a.noReply ?? "?"})` : `HTTP ${a.status}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

/** Acknowledged submissions whose verdict differs from what the code deserves. */
export function wrongVerdicts(attempts: Attempt[]): string[] {
  return attempts
    .filter((a) => a.status >= 200 && a.status < 300 && a.verdict !== a.expected)
    .map((a) => `${a.slug} ${a.variant}: got ${a.verdict ?? "no result"}${a.errorKind ? ` (${a.errorKind})` : ""}, expected ${a.expected}`);
}

export function isAcked(a: Attempt): boolean {
  return a.status >= 200 && a.status < 300;
}
