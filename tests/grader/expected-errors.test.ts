// Cases that expect the call to throw (tests.json "throws", issue 17), on the fixture exercise
// tests/fixtures/exercise-formats/03-hamming: "strands must be of equal length".
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/check";
import { loadExerciseFrom } from "../../grader/exercises";
import { previewExercise } from "../../grader/preview";
import { testCaseSchema, visibleCaseSchema } from "../../grader/exercise-schema";
import { errorMatches } from "../../grader/expected-errors";
import { HIDDEN_CATEGORIES } from "../../grader/hidden-feedback";
import type { GraderPool } from "../../grader/pool";
import { FIXTURES, makePool } from "./helpers";

const FORMATS = path.join(FIXTURES, "exercise-formats");
const SLUG = "03-hamming";
const MESSAGE = "strands must be of equal length";
const hamming = (validation: string) => `export function hamming(a: string, b: string): number {
${validation}
  let distance = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) distance++;
  return distance;
}
`;
const CORRECT = hamming(`  if (a.length !== b.length) throw new Error(${JSON.stringify(MESSAGE)});`);

describe("the throws field", () => {
  it("accepts true, an exact message, a substring and a pattern", () => {
    for (const throws of [true, { message: "x" }, { message: "" }, { includes: "equal" }, { matches: "^strands .* length$" }]) {
      expect(testCaseSchema.safeParse({ id: "a", name: "a", args: [], throws }).success, JSON.stringify(throws)).toBe(true);
    }
  });

  it("refuses anything else, an invalid pattern, and an expected value beside it", () => {
    for (const throws of [false, "yes", { message: 1 }, { includes: "" }, { matches: "(" }, { message: "a", includes: "b" }]) {
      expect(testCaseSchema.safeParse({ id: "a", name: "a", args: [], throws }).success, JSON.stringify(throws)).toBe(false);
    }
    const both = visibleCaseSchema.safeParse({ id: "a", name: "a", args: [], throws: true, expected: 1 });
    expect(both.success).toBe(false);
    expect(JSON.stringify(both.error?.issues)).toContain("a case that throws has no expected value");
  });

  it("matches messages exactly, by substring or by pattern", () => {
    const thrown = { name: "Error", message: MESSAGE };
    expect(errorMatches(true, thrown)).toBe(true);
    expect(errorMatches({ message: MESSAGE }, thrown)).toBe(true);
    expect(errorMatches({ message: "strands must be of equal length." }, thrown)).toBe(false);
    expect(errorMatches({ includes: "equal length" }, thrown)).toBe(true);
    expect(errorMatches({ includes: "Equal" }, thrown)).toBe(false);
    expect(errorMatches({ matches: "^strands .* length$" }, thrown)).toBe(true);
    expect(errorMatches({ matches: "^length" }, thrown)).toBe(false);
  });
});

describe("grading cases that expect an error", () => {
  let pool: GraderPool;
  const grade = (code: string, mode: "run" | "submit" = "submit") => pool.grade({ slug: SLUG, code, mode, seed: 1 });

  beforeAll(() => {
    pool = makePool({ size: 1, exercisesDir: FORMATS });
  });
  afterAll(async () => {
    await pool?.close();
  });

  it("passes code that throws the expected errors", async () => {
    const r = await grade(CORRECT);
    expect(r.error).toBeUndefined();
    expect(r.status).toBe("pass");
    expect(r.passed).toBe(6);
    // the visible case shows its input, and no expected value (there is none)
    const unequal = r.tests.find((t) => t.name === "unequal lengths")!;
    expect(unequal).toMatchObject({ status: "pass", input: ["AB", "ABC"] });
  });

  it("fails code that returns instead of throwing, with a clear message (a category on hidden tests)", async () => {
    const r = await grade(hamming(""));
    expect(r.status).toBe("fail");
    expect(r.error).toBeUndefined();
    const unequal = r.tests.find((t) => t.name === "unequal lengths")!;
    expect(unequal.status).toBe("fail");
    expect(unequal.message).toBe(`Expected an error: your function returned 0 where it must throw an error with the message "${MESSAGE}".`);
    const hidden = r.tests.filter((t) => t.hidden && t.name !== "only the last position differs");
    expect(hidden).toHaveLength(2);
    for (const t of hidden) expect(t).toMatchObject({ status: "fail", category: "no-error", message: HIDDEN_CATEGORIES["no-error"] });
    // the known mistake "no validation" is recognised on these cases
    expect(unequal.hint?.id).toBe("no-validation");
    expect(hidden.every((t) => t.hint?.id === "no-validation")).toBe(true);
  });

  it("fails a wrong message on visible tests with both messages, on hidden ones with the category only", async () => {
    const r = await grade(hamming("  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a} vs ${b}`);"));
    expect(r.status).toBe("fail");
    const unequal = r.tests.find((t) => t.name === "unequal lengths")!;
    expect(unequal.message).toBe(`Threw the wrong error: expected an error with the message "${MESSAGE}", got "RangeError: lengths differ: AB vs ABC".`);
    expect(r.tests.find((t) => t.name === "empty and one")!.message).toMatch(/^Threw the wrong error: expected an error whose message contains "equal length"/);
    const patterned = r.tests.find((t) => t.name === "first strand longer")!;
    expect(patterned).toMatchObject({ status: "fail", category: "wrong-error", message: HIDDEN_CATEGORIES["wrong-error"] });
    // "throws": true accepts any error; the hidden inputs never appear in what the learner gets
    expect(r.tests.find((t) => t.name === "second strand longer")!.status).toBe("pass");
    expect(JSON.stringify(r.tests.filter((t) => t.hidden))).not.toMatch(/SECRE|AATG|lengths differ/);
  });

  it("keeps a throw on a case that expects a value a runtime failure", async () => {
    const r = await grade(`export function hamming(a: string, b: string): number {\n  throw new Error(${JSON.stringify(MESSAGE)});\n}\n`, "run");
    expect(r.status).toBe("error");
    expect(r.error?.kind).toBe("runtime");
    const value = r.tests.find((t) => t.name === "long strands")!;
    expect(value.status).toBe("error");
    expect(value.message).toMatch(/^Your code threw at line 2: Error: strands must be of equal length/);
    expect(r.tests.find((t) => t.name === "unequal lengths")!.status).toBe("pass");
  });
});

describe("exercises:check on cases that expect an error", () => {
  let dir: string;
  let pool: GraderPool;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "grader-throws-"));
    const copy = (slug: string, reference: string) => {
      cpSync(path.join(FORMATS, SLUG), path.join(dir, slug), { recursive: true });
      writeFileSync(path.join(dir, slug, "reference.ts"), reference);
    };
    copy("03-hamming", readFileSync(path.join(FORMATS, SLUG, "reference.ts"), "utf8"));
    copy("04-no-validation", hamming(""));
    copy("05-other-message", hamming('  if (a.length !== b.length) throw new Error("lengths differ");'));
    pool = makePool({ size: 1, exercisesDir: dir });
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("passes an exercise whose reference throws as its tests expect", async () => {
    const report = await checkExercise(pool, "03-hamming", dir, { mutation: "off" });
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it("reports a reference that returns where a test expects an error", async () => {
    const report = await checkExercise(pool, "04-no-validation", dir, { mutation: "off" });
    expect(report.ok).toBe(false);
    expect(report.problems.join("\n")).toContain(
      `04-no-validation/reference.ts: returns instead of throwing on test "unequal lengths", which expects an error with the message "${MESSAGE}" (tests.json "throws")`,
    );
  });

  it("reports a reference whose error does not match, quoting its message", async () => {
    const report = await checkExercise(pool, "05-other-message", dir, { mutation: "off" });
    expect(report.ok).toBe(false);
    expect(report.problems.join("\n")).toContain(
      `05-other-message/reference.ts: on test "unequal lengths" throws "Error: lengths differ", but the test expects an error with the message "${MESSAGE}"`,
    );
  });
});

describe("the instructor's preview of cases that expect an error", () => {
  it("says what must be thrown and what the reference throws, and which mistakes return instead", async () => {
    const ex = loadExerciseFrom(path.join(FORMATS, SLUG));
    const preview = await previewExercise(ex);
    const unequal = preview.cases.find((c) => c.name === "unequal lengths")!;
    expect(unequal.error).toBeUndefined();
    expect(unequal.expected).toBeUndefined();
    expect(unequal.throws).toBe(`throws an error with the message "${MESSAGE}" (reference.ts: "Error: ${MESSAGE}")`);
    expect(preview.cases.find((c) => c.name === "long strands")!.expected).toBe(7);
    expect(unequal.caughtMistakes).toEqual(["no-validation"]);
    expect(preview.cases.find((c) => c.name === "long strands")!.caughtMistakes).toEqual([]);
  });
});
