// Scoring mutants: a mutant is killed only when every Submit fails (a fixed test settles it at
// once); one passing seed makes it a survivor; the author's equivalents are left out of the
// score, and wrong or stale equivalence notes are reported.
import { describe, expect, it } from "vitest";
import type { Mutant } from "../../grader/mutants";
import { analyseMutants, formatScore, MUTATION_SEEDS, type Grader } from "../../grader/mutation";
import type { GradeJob, GradeResult, TestResult } from "../../grader/types";

const test = (name: string, kind: TestResult["kind"], status: TestResult["status"]): TestResult => ({ name, kind, hidden: kind === "hidden", status, durationMs: 1 });

function result(job: GradeJob, tests: TestResult[], error?: GradeResult["error"]): GradeResult {
  const passed = tests.filter((t) => t.status === "pass").length;
  return {
    exercise: job.slug,
    mode: job.mode,
    status: error ? "error" : passed === tests.length ? "pass" : "fail",
    ...(error ? { error } : {}),
    tests,
    passed,
    total: tests.length,
    seed: job.seed ?? 0,
    console: "",
    consoleTruncated: false,
    durationMs: 1,
    timings: { compileMs: 0, isolateMs: 0, runMs: 0, compareMs: 0 },
  };
}

/** Each mutant's code names how it behaves; the fake grader answers accordingly. */
const BEHAVIOUR: Record<string, (seed: number) => TestResult[] | "compile"> = {
  "fixed-fail": () => [test("example", "visible", "pass"), test("zero gradient", "hidden", "fail"), test("random #1", "random", "pass")],
  "random-always": () => [test("example", "visible", "pass"), test("random #1", "random", "fail")],
  "random-sometimes": (seed) => [test("example", "visible", "pass"), test("random #1", "random", seed === 2 ? "pass" : "fail")],
  "always-pass": () => [test("example", "visible", "pass"), test("random #1", "random", "pass")],
  broken: () => "compile",
};

function fakeGrader(log: GradeJob[]): Grader {
  return {
    async grade(job) {
      log.push(job);
      const out = BEHAVIOUR[job.code](job.seed!);
      return out === "compile" ? result(job, [], { kind: "compile", message: "Line 1, column 1: Unexpected token" }) : result(job, out);
    },
  };
}

const mutant = (code: string): Mutant => ({ id: `m-${code}`, operator: "arithmetic", description: code, line: 1, source: code, diff: `@@ -1 +1 @@\n-a\n+${code}` });

describe("analyseMutants", () => {
  it("kills on a fixed test at once, needs every seed for random-only kills, and reports a passing seed", async () => {
    const log: GradeJob[] = [];
    const r = await analyseMutants(
      fakeGrader(log),
      { slug: "ex", meta: { mutationThreshold: 1 }, equivalentMutants: [] },
      ["fixed-fail", "random-always", "random-sometimes", "always-pass", "broken"].map(mutant),
      { mode: "quick" },
    );
    const status = Object.fromEntries(r.mutants.map((m) => [m.description, m]));
    expect(status["fixed-fail"]).toMatchObject({ status: "killed", killedBy: ["zero gradient"] });
    expect(status["random-always"]).toMatchObject({ status: "killed", killedBy: ["random cases only (on each of 3 seeds)"] });
    expect(status["random-sometimes"]).toMatchObject({ status: "survived", passedSeed: 2, flaky: true });
    expect(status["always-pass"]).toMatchObject({ status: "survived", passedSeed: 1 });
    expect(status.broken).toMatchObject({ status: "invalid", error: expect.stringContaining("Unexpected token") });
    // Graded as Submits; a fixed-test kill costs one grade, a random-only kill one per seed.
    expect(log.every((j) => j.mode === "submit" && j.slug === "ex")).toBe(true);
    expect(log.filter((j) => j.code === "fixed-fail")).toHaveLength(1);
    expect(log.filter((j) => j.code === "random-always").map((j) => j.seed)).toEqual([...MUTATION_SEEDS.quick]);
    expect(r).toMatchObject({ counted: 4, killed: 2, survived: 2, invalid: 1, score: 0.5, meetsThreshold: false });
    expect(formatScore(r)).toBe("2/4 killed (50%)");
  });

  it("leaves equivalents out of the score, and flags wrong and stale equivalence notes", async () => {
    const r = await analyseMutants(
      fakeGrader([]),
      {
        slug: "ex",
        meta: { mutationThreshold: 1 },
        equivalentMutants: [
          { id: "m-always-pass", reason: "computes the same function" },
          { id: "m-fixed-fail", reason: "claimed, but a test kills it" },
          { id: "m-gone", reason: "its line was rewritten since" },
        ],
      },
      ["fixed-fail", "always-pass"].map(mutant),
    );
    expect(r.mutants.find((m) => m.id === "m-always-pass")).toMatchObject({ status: "equivalent", reason: "computes the same function" });
    expect(r.mutants.find((m) => m.id === "m-fixed-fail")).toMatchObject({ status: "killed", markedEquivalent: true });
    expect(r.staleEquivalents).toEqual(["m-gone"]);
    expect(r).toMatchObject({ counted: 1, killed: 1, equivalent: 1, score: 1, meetsThreshold: true });
    expect(formatScore(r)).toBe("1/1 killed (100%), 1 equivalent");
  });

  it("meets a lower threshold, and full mode tries more seeds", async () => {
    const log: GradeJob[] = [];
    const r = await analyseMutants(fakeGrader(log), { slug: "ex", meta: { mutationThreshold: 0.5 }, equivalentMutants: [] }, ["fixed-fail", "random-always"].map(mutant), {
      mode: "full",
      concurrency: 1,
    });
    expect(r.meetsThreshold).toBe(true);
    expect(log.filter((j) => j.code === "random-always")).toHaveLength(MUTATION_SEEDS.full.length);
    expect(MUTATION_SEEDS.full.length).toBeGreaterThan(MUTATION_SEEDS.quick.length);
  });
});
