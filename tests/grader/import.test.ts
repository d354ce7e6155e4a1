// The importer (npm run exercises:import): a problem in Exercism's canonical-data.json format
// becomes an exercise folder whose cases, expected values and expected errors exercises:check
// verifies once the author has written the reference. On canonical-data files written for these
// tests (tests/fixtures/canonical-data): nested groups, expected errors, a reimplemented case,
// an optional input, several properties (imported as several exports).
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise } from "../../grader/check";
import { loadExerciseFrom } from "../../grader/exercises";
import { canonicalDataSchema, importCanonical, typeOfValues } from "../../grader/import-canonical";
import type { GraderPool } from "../../grader/pool";
import { FIXTURES, makePool, ROOT } from "./helpers";

const run = promisify(execFile);
const canonical = (name: string) => canonicalDataSchema.parse(JSON.parse(readFileSync(path.join(FIXTURES, "canonical-data", `${name}.json`), "utf8")));

function write(dir: string, slug: string, files: Record<string, string>): void {
  mkdirSync(path.join(dir, slug), { recursive: true });
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, slug, name), content);
}

describe("importing canonical data", () => {
  it("keeps the latest of reimplemented cases, with the uuids as ids and errors as expected errors", () => {
    const { files, notes } = importCanonical(canonical("hamming"), { slug: "11-hamming", order: 11 });
    const tests = JSON.parse(files["tests.json"]);
    const all = [...tests.visible, ...tests.hidden];
    expect(all.map((c: { id: string }) => c.id)).not.toContain("b9228bb1-465f-4141-b40f-1f99812de5a8");
    expect(all.find((c: { id: string }) => c.id === "919f8ef0-b767-4d1b-8516-6379d07fcb28")).toEqual({
      id: "919f8ef0-b767-4d1b-8516-6379d07fcb28",
      name: "disallow first strand longer",
      args: { strand1: "AATG", strand2: "AAA" },
      throws: { message: "strands must be of equal length" },
    });
    expect(tests.visible[0]).toEqual({ id: "f6dcb64f-03b0-4b60-81b1-3c9dbf47e887", name: "empty strands", args: { strand1: "", strand2: "" }, expected: 0 });
    expect(notes.join("\n")).toContain("1 case replaced by a later case that reimplements it");
    const meta = JSON.parse(files["exercise.json"]);
    expect(meta).toMatchObject({ export: "distance", params: ["strand1", "strand2"], signature: "export function distance(strand1: string, strand2: string): number", order: 11 });
    expect(files["statement.md"]).toMatch(/^TODO: /);
    expect(files["starter.ts"]).toContain('throw new Error("Not implemented")');
  });

  it("names cases after their nested groups, with a left-out input as an optional parameter", () => {
    const { files, notes } = importCanonical(canonical("matrix-tools"), { slug: "12-matrix-tools", order: 12 });
    const tests = JSON.parse(files["tests.json"]);
    expect(JSON.parse(files["exercise.json"]).module).toBeUndefined();
    const names = [...tests.visible, ...tests.hidden].map((c: { name: string }) => c.name);
    expect(names).toEqual([
      "row sums › square › 2 by 2",
      "row sums › square › 1 by 1",
      "row sums › scaled › by two",
      "row sums › scaled › by two (2)",
      "row sums › ragged rows are refused",
    ]);
    expect(notes).toEqual([]);
    const meta = JSON.parse(files["exercise.json"]);
    // scale_factor is in some cases only: an optional parameter, named in camelCase
    expect(meta.signature).toBe("export function rowSums(matrix: number[][], scaleFactor?: number): number[]");
    expect(meta.inputs).toEqual({ matrix: { shape: ["*", "*"] } });
  });

  it("imports every property as a function of an exercise with several exports", () => {
    const { files, notes } = importCanonical(canonical("interval-tools"), { slug: "13-interval-tools", order: 13 });
    const meta = JSON.parse(files["exercise.json"]);
    expect(meta).toMatchObject({ export: "mergeAll", module: { functions: ["length", "overlaps", "mergeAll"] }, params: ["intervals", "maxGap"] });
    expect(meta.signature.split("\n")).toEqual([
      "export function length(interval: number[]): number;",
      "export function overlaps(first: number[], second: number[]): boolean;",
      "export function mergeAll(intervals: number[][], maxGap?: number): number[][];",
    ]);
    expect(meta.inputs).toBeUndefined();
    const tests = JSON.parse(files["tests.json"]);
    // Each function has a visible example; the first is the worked example, with a value.
    expect(tests.visible.map((c: { call: string }) => c.call)).toEqual(["length", "overlaps", "mergeAll"]);
    expect(tests.visible[0]).toEqual({ id: "5d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d501", name: "length › one point", call: "length", args: [[4, 4]], expected: 1 });
    const all = [...tests.visible, ...tests.hidden];
    expect(all).toHaveLength(9);
    // Positional lists per function, a left-out trailing optional input not passed at all.
    expect(all.find((c: { id: string }) => c.id.endsWith("d507")).args).toEqual([[[8, 9], [1, 3], [5, 6]], 1]);
    expect(all.find((c: { id: string }) => c.id.endsWith("d509")).args).toEqual([[]]);
    expect(all.find((c: { id: string }) => c.id.endsWith("d503"))).toEqual({
      id: "5d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d503",
      name: "length › start after end is refused",
      call: "length",
      args: [[3, 1]],
      throws: { message: "start must not exceed end" },
    });
    expect(notes.join("\n")).toContain("3 properties, imported as the functions of module.functions (several exports): `length` (3 cases), `overlaps` (2 cases), `mergeAll` (4 cases)");
    // The starter stubs every function.
    expect(files["starter.ts"].match(/throw new Error\("Not implemented"\)/g)).toHaveLength(3);
    for (const line of meta.signature.split("\n")) expect(files["starter.ts"]).toContain(line.replace(/;$/, " {"));
    expect(files["statement.md"]).toContain("3 of `length`, 2 of `overlaps`, 4 of `merge_all` cases (3 visible, 6 hidden, 1 expecting an error)");
  });

  it("leaves out, and names, a case of several exports that skips an input before one it gives", () => {
    const data = canonicalDataSchema.parse({
      exercise: "gaps",
      cases: [
        { uuid: "b1", description: "both", property: "pad", input: { text: "a", width: 3 }, expected: "a  " },
        { uuid: "b2", description: "width only", property: "pad", input: { width: 2 }, expected: "  " },
        { uuid: "b3", description: "count", property: "count", input: { text: "ab" }, expected: 2 },
      ],
    });
    const { files, notes } = importCanonical(data, { slug: "14-gaps", order: 14 });
    const tests = JSON.parse(files["tests.json"]);
    expect([...tests.visible, ...tests.hidden].map((c: { id: string }) => c.id)).toEqual(["b1", "b3"]);
    expect(notes.join("\n")).toContain('Not imported: "width only" (b2)');
  });

  it("refuses two properties that spell the same function", () => {
    const data = canonicalDataSchema.parse({
      exercise: "clash",
      cases: [
        { uuid: "c1", description: "one", property: "row_sums", input: { x: 1 }, expected: 1 },
        { uuid: "c2", description: "two", property: "rowSums", input: { x: 2 }, expected: 2 },
      ],
    });
    expect(() => importCanonical(data, { slug: "15-clash", order: 15 })).toThrow('the properties "row_sums" and "rowSums" both become the function `rowSums`');
  });

  it("imports a sequence of operations as scenarios on a class", () => {
    const { files, notes } = importCanonical(canonical("ticket-queue"), { slug: "16-ticket-queue", order: 16 });
    const meta = JSON.parse(files["exercise.json"]);
    expect(meta).toMatchObject({ export: "TicketQueue", class: { methods: ["size", "pop", "push"] }, params: ["capacity"] });
    expect(meta.module).toBeUndefined();
    expect(meta.signature).toBe("export class TicketQueue {\n  constructor(capacity: number);\n  size(): number;\n  pop(): number;\n  push(item: number): void;\n}");
    const tests = JSON.parse(files["tests.json"]);
    const all: { id: string; steps: unknown[] }[] = [...tests.visible, ...tests.hidden];
    const byId = (end: string) => all.find((c) => c.id.endsWith(end))!;
    // The case's expected value is its last operation's.
    expect(tests.visible[0]).toEqual({ id: "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c01", name: "a new queue is empty", steps: [{ new: [1] }, { call: "size", expected: 0 }] });
    // should_succeed false: the step must throw; an operation's own expected value is its step's.
    expect(byId("02").steps).toEqual([{ new: [2] }, { call: "pop", throws: true }]);
    expect(byId("03")).toMatchObject({ name: "order › first in, first out", steps: [{ new: [2] }, { call: "push", args: [1] }, { call: "push", args: [2] }, { call: "pop", expected: 1 }, { call: "pop", expected: 2 }] });
    expect(byId("05").steps.at(-1)).toEqual({ call: "push", args: [2], throws: { message: "queue is full" } });
    expect(notes.join("\n")).toContain("imported as scenarios on a class `TicketQueue` with the methods `size`, `pop`, `push`");
    expect(files["starter.ts"]).toContain("export class TicketQueue {\n  constructor(capacity: number) {}");
    expect(files["starter.ts"].match(/throw new Error\("Not implemented"\)/g)).toHaveLength(3);
  });

  it("makes parameter names of any input key", () => {
    const data = canonicalDataSchema.parse({
      exercise: "keys",
      cases: [
        { uuid: "a1", description: "one", property: "run", input: { in: 1, "first-word": "x" }, expected: 1 },
        { uuid: "a2", description: "two", property: "run", input: { in: 2, "first-word": "y" }, expected: 2 },
      ],
    });
    expect(JSON.parse(importCanonical(data, { slug: "13-keys", order: 13 }).files["exercise.json"]).signature).toBe("export function run(in_: number, firstWord: string): number");
  });

  it("reads types off the values", () => {
    expect(typeOfValues([1, 2])).toBe("number");
    expect(typeOfValues([[1], []])).toBe("number[]");
    expect(typeOfValues([["a", 1]])).toBe("(string | number)[]");
    expect(typeOfValues([{ a: 1 }, { a: 2, b: "x" }])).toBe("{ a: number; b?: string }");
    expect(typeOfValues([null, 3])).toBe("null | number");
    expect(typeOfValues([{ "not an identifier": 1 }])).toBe("unknown");
  });
});

describe("an imported exercise under exercises:check", () => {
  let dir: string;
  let pool: GraderPool;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "import-"));
    pool = makePool({ size: 1, exercisesDir: dir });
  });
  afterAll(async () => {
    await pool?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is created by the CLI, and says what is left to write", async () => {
    const { stdout } = await run(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "grader", "import-cli.ts"), path.join(FIXTURES, "canonical-data", "hamming.json"), "--slug", "11-hamming"], {
      cwd: ROOT,
      env: { ...process.env, EXERCISES_DIR: dir },
    });
    expect(stdout).toContain("with 5 cases (3 visible, 2 hidden)");
    expect(stdout).toContain("npm run exercises:check -- 11-hamming");
    const report = await checkExercise(pool, "11-hamming", dir, { mutation: "off" });
    const problems = report.problems.join("\n");
    expect(problems).toContain("11-hamming/exercise.json: summary: still the TODO placeholder");
    expect(problems).toContain("11-hamming/statement.md: still contains a TODO placeholder");
    expect(problems).toContain("reference.ts is not written yet");

    // The CLI refuses to overwrite it.
    await expect(run(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "grader", "import-cli.ts"), path.join(FIXTURES, "canonical-data", "hamming.json"), "--slug", "11-hamming"], { cwd: ROOT, env: { ...process.env, EXERCISES_DIR: dir } })).rejects.toMatchObject({ code: 2 });
  }, 60_000);

  it("passes once the reference and statement are written, and its expected values catch a wrong reference", async () => {
    const { files } = importCanonical(canonical("matrix-tools"), { slug: "12-matrix-tools", order: 12 });
    const reference = (sum: string) => `export function rowSums(matrix: number[][], scaleFactor?: number): number[] {
  if (matrix.some((row) => row.length !== matrix[0].length)) throw new Error("rows must have equal length");
  return matrix.map((row) => ${sum});
}
`;
    write(dir, "12-matrix-tools", {
      ...files,
      "exercise.json": files["exercise.json"].replace("TODO: one line that says what the learner computes.", "Sum each row of a matrix."),
      "statement.md": "# Row sums\n\nSum each row, times `scaleFactor` (default 1). For $[[1, 2], [3, 4]]$ the sums are 3 and 7; $[[5]]$ gives 5, and $[[1, 1, 1]]$ scaled by 2 gives 6. Ragged rows throw \"rows must have equal length\".\n",
      "reference.ts": reference("row.reduce((s, x) => s + x, 0) * (scaleFactor ?? 1)"),
    });
    expect(loadExerciseFrom(path.join(dir, "12-matrix-tools")).tests.visible[2].args).toEqual([[[1, 1, 1]], 2]);
    const ok = await checkExercise(pool, "12-matrix-tools", dir, { mutation: "off" });
    expect(ok.problems).toEqual([]);

    // A reference that ignores the scale factor disagrees with the imported expected values.
    writeFileSync(path.join(dir, "12-matrix-tools", "reference.ts"), reference("row.reduce((s, x) => s + x, 0)"));
    const wrong = await checkExercise(pool, "12-matrix-tools", dir, { mutation: "off" });
    expect(wrong.problems.join("\n")).toContain('hidden case "row sums › scaled › by two (2)": expected is not what reference.ts computes');
  });

  it("with several properties, loads as several exports and passes once written; its expected values catch a wrong function", async () => {
    const { files } = importCanonical(canonical("interval-tools"), { slug: "13-interval-tools", order: 13 });
    const reference = (gap: string) => `export function length(interval: number[]): number {
  if (interval[0] > interval[1]) throw new Error("start must not exceed end");
  return interval[1] - interval[0] + 1;
}

export function overlaps(first: number[], second: number[]): boolean {
  return first[0] <= second[1] && second[0] <= first[1];
}

export function mergeAll(intervals: number[][], maxGap?: number): number[][] {
  const sorted = intervals.map((i) => i.slice()).sort((a, b) => a[0] - b[0]);
  const out: number[][] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i[0] - last[1] <= ${gap}) last[1] = Math.max(last[1], i[1]);
    else out.push(i);
  }
  return out;
}
`;
    write(dir, "13-interval-tools", {
      ...files,
      "exercise.json": files["exercise.json"].replace("TODO: one line that says what the learner computes.", "Measure, compare and merge integer intervals."),
      "statement.md":
        "# Interval tools\n\nAn interval `[start, end]` holds the integers from start to end. `length([4, 4])` is 1; " +
        "a start after the end throws \"start must not exceed end\". `overlaps([1, 3], [3, 5])` is true: they share 3. " +
        "`mergeAll([[1, 3], [2, 6], [8, 9]])` is [[1, 6], [8, 9]]: intervals merge when the next starts at most `maxGap` (default 0) after the last ends.\n",
      "reference.ts": reference("(maxGap ?? 0)"),
    });
    const loaded = loadExerciseFrom(path.join(dir, "13-interval-tools"));
    expect(loaded.meta.module?.functions).toEqual(["length", "overlaps", "mergeAll"]);
    // Each case is a one-step scenario; an expected error is the step's.
    const errorCase = loaded.tests.hidden.find((c) => c.name === "length › start after end is refused");
    expect(errorCase?.steps).toEqual([{ call: "length", args: [[3, 1]], throws: { message: "start must not exceed end" } }]);
    const ok = await checkExercise(pool, "13-interval-tools", dir, { mutation: "off" });
    expect(ok.problems).toEqual([]);

    // A mergeAll that ignores maxGap disagrees with the imported expected values.
    writeFileSync(path.join(dir, "13-interval-tools", "reference.ts"), reference("0"));
    const wrong = await checkExercise(pool, "13-interval-tools", dir, { mutation: "off" });
    expect(wrong.problems.join("\n")).toContain('hidden case "5d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d508": step 1 (mergeAll(…)): expected is not what reference.ts computes');

    // A length that never refuses is caught by the imported expected error.
    writeFileSync(path.join(dir, "13-interval-tools", "reference.ts"), reference("(maxGap ?? 0)").replace('  if (interval[0] > interval[1]) throw new Error("start must not exceed end");\n', ""));
    const lax = await checkExercise(pool, "13-interval-tools", dir, { mutation: "off" });
    expect(lax.problems.join("\n")).toContain('hidden case "5d1e2f3a-4b5c-4d6e-8f70-81a2b3c4d503": step 1 (length(…)): reference.ts returns -1, but the step expects an error with the message "start must not exceed end"');
  }, 60_000);

  it("with operations on an object, loads as a class exercise and passes once written; its expected values catch a wrong class", async () => {
    const { files } = importCanonical(canonical("ticket-queue"), { slug: "16-ticket-queue", order: 16 });
    const reference = `export class TicketQueue {
  private items: number[] = [];
  private capacity: number;
  constructor(capacity: number) {
    this.capacity = capacity;
  }

  size(): number {
    return this.items.length;
  }

  pop(): number {
    if (this.items.length === 0) throw new Error("queue is empty");
    return this.items.shift()!;
  }

  push(item: number): void {
    if (this.items.length >= this.capacity) throw new Error("queue is full");
    this.items.push(item);
  }
}
`;
    write(dir, "16-ticket-queue", {
      ...files,
      "exercise.json": files["exercise.json"].replace("TODO: one line that says what the learner computes.", "A first-in first-out queue with a capacity."),
      "statement.md":
        "# Ticket queue\n\n`new TicketQueue(capacity)` holds at most `capacity` tickets. `push(item)` adds one (a full queue throws \"queue is full\"), " +
        "`pop()` takes the oldest (an empty queue throws), `size()` counts them: a new queue has size 0; pushing 1 and 2, two pops give 1, 2.\n",
      "reference.ts": reference,
    });
    expect(loadExerciseFrom(path.join(dir, "16-ticket-queue")).meta.class?.methods).toEqual(["size", "pop", "push"]);
    const ok = await checkExercise(pool, "16-ticket-queue", dir, { mutation: "off" });
    expect(ok.problems).toEqual([]);

    // A stack instead of a queue disagrees with the imported expected values.
    writeFileSync(path.join(dir, "16-ticket-queue", "reference.ts"), reference.replace("this.items.shift()!", "this.items.pop()!"));
    const wrong = await checkExercise(pool, "16-ticket-queue", dir, { mutation: "off" });
    expect(wrong.problems.join("\n")).toContain('"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c03": step 4 (ticketQueue.pop()): expected is not what reference.ts computes: Wrong value: expected 1, got 2');

    // A queue without a capacity is caught by the imported expected error.
    writeFileSync(path.join(dir, "16-ticket-queue", "reference.ts"), reference.replace('if (this.items.length >= this.capacity) throw new Error("queue is full");', ""));
    const unbounded = await checkExercise(pool, "16-ticket-queue", dir, { mutation: "off" });
    expect(unbounded.problems.join("\n")).toContain('"7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c05": step 3 (ticketQueue.push(…)): reference.ts returns undefined, but the step expects an error with the message "queue is full"');
  }, 60_000);
});
