// The score rules of lib/scores.ts, one by one, as a teacher would state them.
import { describe, expect, it } from "vitest";
import { scoreAssignmentFor } from "../../lib/assignments";
import {
  assignmentScore,
  daysLate,
  DAY_MS,
  dueFor,
  exerciseScore,
  isLate,
  lateFactor,
  percent,
  submissionScore,
  totalScore,
  type LatePolicy,
  type ScoredSubmission,
  type TestKind,
} from "../../lib/scores";

const DUE = new Date(Date.UTC(2026, 11, 1, 17, 0, 0));
const NONE: LatePolicy = { kind: "none" };
const TEN_A_DAY: LatePolicy = { kind: "penalty", percentPerDay: 10, cutoffDays: 3 };

function at(hoursAfterDue: number): Date {
  return new Date(DUE.getTime() + hoursAfterDue * 3_600_000);
}

/** A submit with `fixed` = [passed, total] fixed tests and `random` = [passed, total] random cases. */
function sub(fixed: [number, number], random: [number, number] = [0, 0], when = at(-1)): ScoredSubmission {
  const tests: { kind: TestKind; status: string }[] = [];
  for (let i = 0; i < fixed[1]; i++) tests.push({ kind: i % 2 ? "hidden" : "visible", status: i < fixed[0] ? "pass" : "fail" });
  for (let i = 0; i < random[1]; i++) tests.push({ kind: "random", status: i < random[0] ? "pass" : "fail" });
  const all = fixed[0] === fixed[1] && random[0] === random[1];
  return { verdict: all ? "pass" : "fail", createdAt: when, tests };
}

describe("submission score", () => {
  it("is full credit on a pass", () => {
    expect(submissionScore(sub([4, 4], [10, 10]))).toBe(1);
  });

  it("is the share of fixed tests passed when there are no random cases", () => {
    expect(submissionScore(sub([3, 4]))).toBe(0.75);
  });

  it("never gains from random cases: they count as one test, earned only by a pass", () => {
    expect(submissionScore(sub([3, 4], [0, 10]))).toBe(0.6);
    // Lucky random cases add nothing…
    expect(submissionScore(sub([3, 4], [10, 10]))).toBe(0.6);
    // …and one failed random case keeps every fixed test passed below full marks.
    expect(submissionScore(sub([4, 4], [9, 10]))).toBe(0.8);
  });

  it("is 0 when nothing ran or there are no fixed tests", () => {
    expect(submissionScore({ verdict: "error", tests: [{ kind: "visible", status: "not-run" }] })).toBe(0);
    expect(submissionScore({ verdict: "fail", tests: [{ kind: "random", status: "pass" }] })).toBe(0);
  });
});

describe("lateness", () => {
  it("a submit after the due time is late; at the due time it is not", () => {
    expect(isLate(DUE, DUE)).toBe(false);
    expect(isLate(new Date(DUE.getTime() + 1), DUE)).toBe(true);
  });

  it("counts started days", () => {
    expect(daysLate(at(-5), DUE)).toBe(0);
    expect(daysLate(new Date(DUE.getTime() + 1), DUE)).toBe(1);
    expect(daysLate(new Date(DUE.getTime() + DAY_MS), DUE)).toBe(1);
    expect(daysLate(new Date(DUE.getTime() + DAY_MS + 1), DUE)).toBe(2);
  });

  it("no late policy: a late submit earns nothing", () => {
    expect(lateFactor(at(-1), DUE, NONE)).toBe(1);
    expect(lateFactor(at(1), DUE, NONE)).toBe(0);
  });

  it("penalty per day up to the cut-off, nothing after it", () => {
    expect(lateFactor(at(1), DUE, TEN_A_DAY)).toBeCloseTo(0.9);
    expect(lateFactor(at(30), DUE, TEN_A_DAY)).toBeCloseTo(0.8);
    expect(lateFactor(at(71), DUE, TEN_A_DAY)).toBeCloseTo(0.7);
    expect(lateFactor(at(73), DUE, TEN_A_DAY)).toBe(0);
    // A penalty larger than the score never goes below zero.
    expect(lateFactor(at(49), DUE, { kind: "penalty", percentPerDay: 60, cutoffDays: 5 })).toBe(0);
  });

  it("an extension moves the due time the policy counts from", () => {
    const extended = new Date(DUE.getTime() + 2 * DAY_MS);
    expect(dueFor(DUE, extended)).toEqual(extended);
    expect(dueFor(DUE, null)).toEqual(DUE);
    expect(lateFactor(at(47), dueFor(DUE, extended), NONE)).toBe(1);
  });
});

describe("exercise score", () => {
  it("is the best submit by the due time", () => {
    const r = exerciseScore([sub([1, 4]), sub([3, 4]), sub([2, 4])], DUE, NONE);
    expect(r).toEqual({ score: 0.75, late: false, submits: 3, lateSubmits: 0 });
  });

  it("ignores late submits when the policy allows none, but counts them as late", () => {
    const r = exerciseScore([sub([1, 4]), sub([4, 4], [5, 5], at(2))], DUE, NONE);
    expect(r).toEqual({ score: 0.25, late: false, submits: 2, lateSubmits: 1 });
  });

  it("takes a late submit with its penalty when that is higher", () => {
    const r = exerciseScore([sub([1, 4]), sub([4, 4], [5, 5], at(2))], DUE, TEN_A_DAY);
    expect(r.score).toBeCloseTo(0.9);
    expect(r.late).toBe(true);
  });

  it("keeps the on-time submit when the late one is worth less after its penalty", () => {
    const r = exerciseScore([sub([3, 4]), sub([4, 4], [5, 5], at(50))], DUE, TEN_A_DAY);
    expect(r.score).toBe(0.75);
    expect(r.late).toBe(false);
  });

  it("is 0 with no submit", () => {
    expect(exerciseScore([], DUE, TEN_A_DAY)).toEqual({ score: 0, late: false, submits: 0, lateSubmits: 0 });
  });
});

describe("assignment score and totals", () => {
  it("assignment = mean of its exercises, missing ones count 0", () => {
    expect(assignmentScore([1, 0.5, 0])).toBeCloseTo(0.5);
    expect(assignmentScore([])).toBe(0);
  });

  it("total = mean of the released assignments; none released → no total", () => {
    expect(totalScore([1, 0.5])).toBe(0.75);
    expect(totalScore([])).toBeNull();
  });

  it("percentages have one decimal", () => {
    expect(percent(2 / 3)).toBe(66.7);
    expect(percent(1)).toBe(100);
  });

  it("scoreAssignmentFor applies a learner's extension and scores each exercise in order", () => {
    const assignment = {
      dueAt: DUE,
      latePolicy: NONE,
      exercises: [
        { slug: "a", title: "A", order: 1 },
        { slug: "b", title: "B", order: 2 },
      ],
    };
    const submits = [
      { ...sub([4, 4], [5, 5], at(20)), userId: "u", slug: "a" },
      { ...sub([1, 2], [0, 0], at(-3)), userId: "u", slug: "b" },
    ];
    const plain = scoreAssignmentFor(assignment, null, submits);
    expect(plain.exercises.map((e) => [e.slug, e.score, e.lateSubmits])).toEqual([
      ["a", 0, 1],
      ["b", 0.5, 0],
    ]);
    expect(plain.score).toBe(0.25);
    const extended = scoreAssignmentFor(assignment, new Date(DUE.getTime() + DAY_MS), submits);
    expect(extended.extended).toBe(true);
    expect(extended.exercises[0]).toMatchObject({ score: 1, late: false, lateSubmits: 0 });
    expect(extended.score).toBe(0.75);
  });
});
