// Fair scheduling in the grader pool: one job in flight per learner, learners served in turn,
// and bounded waiting. Asserted on the order jobs are served in, never on how long they take.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FairQueue, QueueRefusal } from "../../grader/fair-queue";
import { QUEUE_BOUNDS } from "../../grader/limits";
import type { GraderPool } from "../../grader/pool";
import type { GradeResult } from "../../grader/types";
import { CORRECT, job, makePool } from "./helpers";

/** Slow but legal: a correct answer after some pointless work (far below the CPU limit). */
const SLOW = CORRECT.replace(/export function rnnStep\(([^)]*)\)([^{]*)\{/, (m) => `${m}\n  let waste = 0; for (let i = 0; i < 3e5; i++) waste += Math.sqrt(i); if (waste < 0) return [];`);

describe("FairQueue (unit)", () => {
  it("serves learners in turn, one job each in flight, however many one of them queues", () => {
    const q = new FairQueue<string>({ waitingPerLearner: 10, waiting: 100 });
    for (let i = 1; i <= 9; i++) q.push("a", `a${i}`, true);
    q.push("b", "b1", true);
    q.push("c", "c1", true);
    const served: string[] = [];
    // Two workers: take two, then finish one at a time.
    const running = [q.take()!, q.take()!];
    expect(running.map((r) => r.item)).toEqual(["a1", "b1"]); // a has one in flight: b goes next
    while (running.length) {
      const done = running.shift()!;
      served.push(done.item);
      q.done(done.key);
      const next = q.take();
      if (next) running.push(next);
    }
    expect(served.slice(0, 3)).toEqual(["a1", "b1", "c1"]);
    expect(served).toHaveLength(11);
  });

  it("serves a low-priority key (a background regrade) only when no learner's job can run", () => {
    const q = new FairQueue<string>({ waitingPerLearner: 10, waiting: 100 });
    q.push("regrade", "r1", true, true);
    q.push("regrade", "r2", true, true);
    q.push("a", "a1", true);
    // The regrade waited first, yet the learner goes first.
    const first = q.take()!;
    expect(first.item).toBe("a1");
    // Nobody else waits: the regrade takes a free worker, one job at a time.
    const second = q.take()!;
    expect(second.item).toBe("r1");
    expect(q.take()).toBeUndefined();
    // A learner who submits while the regrade runs is next, ahead of its next job.
    q.push("b", "b1", true);
    q.done(second.key);
    expect(q.take()!.item).toBe("b1");
    expect(q.take()!.item).toBe("r2");
  });

  it("refuses a learner's job past their waiting bound, and any job past the queue's", () => {
    const q = new FairQueue<string>({ waitingPerLearner: 2, waiting: 3 });
    q.push("a", "a1", true);
    q.push("a", "a2", true);
    expect(() => q.push("a", "a3", true)).toThrow(QueueRefusal);
    q.push("b", "b1", true);
    expect(() => q.push("c", "c1", true)).toThrowError(expect.objectContaining({ reason: "queue-full" }));
    // Trusted callers (no learner) are never refused.
    q.push("job:1", "x", false);
    expect(q.size).toBe(4);
  });
});

describe("the pool", () => {
  let pool: GraderPool;
  beforeAll(async () => {
    pool = makePool({ size: 1 });
    await pool.start();
  });
  afterAll(() => pool?.close());

  it("one learner flooding Submits delays another's by at most the one job of theirs already running", async () => {
    const order: string[] = [];
    const track = (label: string, p: Promise<GradeResult>) => p.then((r) => (order.push(label), r));
    const flood = Array.from({ length: QUEUE_BOUNDS.waitingPerLearner + 1 }, (_, i) => track(`A${i + 1}`, pool.grade(job(SLOW), { learner: "user:a" })));
    // Beyond one running and the waiting bound, a clear refusal rather than an ever longer line.
    const refused = pool.grade(job(SLOW), { learner: "user:a" });
    await expect(refused).rejects.toMatchObject({ code: "learner-busy", message: expect.stringMatching(/still being graded/) });
    const other = track("B1", pool.grade(job(CORRECT), { learner: "user:b" }));
    const results = await Promise.all([...flood, other]);
    expect(results.every((r) => r.status === "pass")).toBe(true);
    expect(order[0]).toBe("A1");
    expect(order[1]).toBe("B1");
    expect(order.slice(2)).toEqual(Array.from({ length: QUEUE_BOUNDS.waitingPerLearner }, (_, i) => `A${i + 2}`));
  }, 120_000);

  it("answers 'queue-full' when the line is full, and jobs without a learner are never refused", async () => {
    const small = makePool({ size: 1, queue: { waiting: 1 } });
    await small.start();
    try {
      const first = small.grade(job(SLOW), { learner: "user:x" }); // runs
      const second = small.grade(job(SLOW), { learner: "user:y" }); // waits
      await expect(small.grade(job(SLOW), { learner: "user:z" })).rejects.toMatchObject({ code: "queue-full" });
      const trusted = small.grade(job(CORRECT)); // the CLI, exercises:check
      expect((await Promise.all([first, second, trusted])).map((r) => r.status)).toEqual(["pass", "pass", "pass"]);
    } finally {
      await small.close();
    }
  }, 120_000);
});
