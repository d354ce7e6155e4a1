// The importer (npm run exercises:import): a problem in Exercism's canonical-data.json format
// becomes an exercise folder whose cases, expected values and expected errors exercises:check
// verifies once the author has written the reference. On canonical-data files written for these
// tests (tests/fixtures/canonical-data): nested groups, expected errors, a reimplemented case,
// several properties, an optional input.
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

  it("names cases after their nested groups, imports the main property and notes the others", () => {
    const { files, notes } = importCanonical(canonical("matrix-tools"), { slug: "12-matrix-tools", order: 12 });
    const tests = JSON.parse(files["tests.json"]);
    const names = [...tests.visible, ...tests.hidden].map((c: { name: string }) => c.name);
    expect(names).toEqual([
      "row sums › square › 2 by 2",
      "row sums › square › 1 by 1",
      "row sums › scaled › by two",
      "row sums › scaled › by two (2)",
      "row sums › ragged rows are refused",
    ]);
    expect(notes.join("\n")).toContain('Imported the property "rowSums" only; not imported: "transpose" (1 case)');
    expect(files["statement.md"]).toContain('not imported: "transpose"');
    const meta = JSON.parse(files["exercise.json"]);
    // scale_factor is in some cases only: an optional parameter, named in camelCase
    expect(meta.signature).toBe("export function rowSums(matrix: number[][], scaleFactor?: number): number[]");
    expect(meta.inputs).toEqual({ matrix: { shape: ["*", "*"] } });
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
});
