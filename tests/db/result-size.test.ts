// Whatever the code returns, a Run or Submit answer and the stored submission stay under 256 KB:
// values in results are previews (first part and full length), and the whole result is capped.
// Graded for real through lib/grading.ts (the grader pool, then the database).
import { SLUG_A } from "./helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeGraderPool } from "../../grader/pool";
import { RESULT_BOUNDS } from "../../grader/limits";
import { decodeWire, WireOpaque } from "../../grader/wire";
import { gradeSubmission, type GradeOutcome } from "../../lib/grading";
import { makeUser, prisma, syncFixtureExercises } from "./fixtures";

const LIMIT = 256 * 1024;
const bytes = (v: unknown) => Buffer.byteLength(typeof v === "string" ? v : JSON.stringify(v), "utf8");
const fn = (body: string) => `export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): any {\n  ${body}\n}\n`;

beforeAll(async () => {
  await syncFixtureExercises();
});
afterAll(async () => {
  await closeGraderPool();
});

async function grade(code: string, mode: "run" | "submit"): Promise<{ outcome: GradeOutcome; storedBytes: number }> {
  const user = await makeUser();
  const outcome = await gradeSubmission({ slug: SLUG_A, mode, body: { code }, learner: { key: `user:${user.id}`, userId: user.id, actor: user } });
  expect(outcome.ok, JSON.stringify(outcome).slice(0, 300)).toBe(true);
  const row = await prisma.submission.findFirstOrThrow({ where: { userId: user.id } });
  const storedBytes = bytes(row.code) + bytes(row.results) + bytes(row.console) + bytes(row.errorMessage ?? "");
  return { outcome, storedBytes };
}

describe("bounded results", () => {
  it("a 1.9 M-character string on every test: response and stored row under 256 KB, values previewed with their length", async () => {
    for (const mode of ["run", "submit"] as const) {
      const { outcome, storedBytes } = await grade(fn(`return "x".repeat(1_900_000);`), mode);
      expect(bytes(outcome)).toBeLessThan(LIMIT);
      expect(bytes((outcome as { result: unknown }).result)).toBeLessThanOrEqual(RESULT_BOUNDS.maxBytes);
      expect(storedBytes).toBeLessThan(LIMIT);
      if (!outcome.ok) throw new Error("not graded");
      const first = outcome.result.tests[0];
      expect(first.status).toBe("fail");
      const actual = decodeWire(first.actual) as WireOpaque;
      expect(actual).toBeInstanceOf(WireOpaque);
      expect(actual).toMatchObject({ tag: "truncated", type: "string", value: { length: 1_900_000 } });
      expect((actual.value as { head: string }).head).toMatch(/^x{100,}$/);
    }
  }, 120_000);

  it("a 50,000-element array of strings: previews keep the first elements and the count", async () => {
    const { outcome, storedBytes } = await grade(fn(`return Array.from({ length: 50_000 }, (_, i) => "value " + i);`), "submit");
    expect(bytes(outcome)).toBeLessThan(LIMIT);
    expect(storedBytes).toBeLessThan(LIMIT);
    if (!outcome.ok) throw new Error("not graded");
    const actual = decodeWire(outcome.result.tests[0].actual) as WireOpaque;
    expect(actual).toMatchObject({ tag: "truncated", type: "array", value: { length: 50_000 } });
    expect((actual.value as { head: string[] }).head.slice(0, 2)).toEqual(["value 0", "value 1"]);
  }, 120_000);

  it("a 10^8-element array is refused inside the isolate, within the time budget", async () => {
    const { outcome, storedBytes } = await grade(fn(`return new Array(100_000_000);`), "submit");
    expect(storedBytes).toBeLessThan(LIMIT);
    if (!outcome.ok) throw new Error("not graded");
    expect(outcome.result.error).toMatchObject({ kind: "output-limit" });
    expect(outcome.result.error!.message).toMatch(/too large/);
    // Caught by the harness's count, not by a clock: a fraction of one call's CPU budget.
    expect(outcome.result.timings.cpuMs).toBeLessThan(1000);
  }, 120_000);
});
