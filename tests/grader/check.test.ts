// exercises:check must catch each kind of broken exercise folder, naming the file at fault.
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercise, checkExercises, type CheckReport } from "../../grader/check";
import type { GraderPool } from "../../grader/pool";
import { makePool, ROOT, SLUG } from "./helpers";

let dir: string;
let pool: GraderPool;
let reports: Map<string, CheckReport>;

const source = path.join(ROOT, "exercises", SLUG);

/** A copy of 01-rnn-step under a new slug (and its own id), with one thing broken. */
function variant(slug: string, order: number, edit: (d: string) => void = () => {}) {
  const d = path.join(dir, slug);
  cpSync(source, d, { recursive: true });
  editJson(d, "exercise.json", (meta) => ({ ...meta, id: randomUUID(), order }));
  edit(d);
}

const write = (d: string, file: string, text: string) => writeFileSync(path.join(d, file), text);
const read = (d: string, file: string) => readFileSync(path.join(d, file), "utf8");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const editJson = (d: string, file: string, edit: (v: any) => unknown) => write(d, file, JSON.stringify(edit(JSON.parse(read(d, file)))));

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "grader-check-"));
  variant("01-good", 1);
  variant("02-starter-passes", 2, (d) => write(d, "starter.ts", read(d, "reference.ts")));
  variant("03-starter-broken", 3, (d) => write(d, "starter.ts", "export function rnnStep(x: number[] {\n"));
  variant("04-random-unseeded", 4, (d) =>
    write(d, "random.ts", "export default function generate(): unknown[] {\n  const v = [Math.random()];\n  return [v, [0], [[1]], [[0]], [0]];\n}\n"),
  );
  variant("05-bad-meta", 5, (d) => {
    const meta = JSON.parse(read(d, "exercise.json"));
    write(d, "exercise.json", JSON.stringify({ ...meta, difficulty: "impossible" }));
  });
  variant("06-mistake-shadowed", 6, (d) => write(d, "mistakes/forgot-bias.ts", read(d, "mistakes/no-tanh.ts")));
  variant("07-mistake-correct", 7, (d) => write(d, "mistakes/forgot-bias.ts", read(d, "reference.ts")));
  variant("08-reference-mutates", 8, (d) =>
    write(d, "reference.ts", read(d, "reference.ts").replace("return Wxh.map", "hPrev.reverse();\n  hPrev.reverse();\n  x.push(0);\n  x.pop();\n  b.fill(b[0]);\n  return Wxh.map")),
  );
  variant("09-same-order", 1);
  variant("10-random-wrong-shape", 10, (d) =>
    // Wxh gets d_x rows instead of d_h: every random case is malformed.
    write(d, "random.ts", read(d, "random.ts").replace("rng.matrix(dh, dx, -0.8, 0.8)", "rng.matrix(dx, dx, -0.8, 0.8)")),
  );
  variant("11-hidden-missing-row", 11, (d) =>
    editJson(d, "tests.json", (t) => {
      t.hidden[0].args[2].pop(); // Wxh loses a row
      t.hidden[1].args[0] = [2, "3"];
      return t;
    }),
  );
  variant("12-example-off", 12, (d) => {
    editJson(d, "tests.json", (t) => {
      t.visible[0].expected = [0.8483, -0.7617];
      return t;
    });
    write(d, "statement.md", read(d, "statement.md").replace("0.8483", "0.848"));
  });
  variant("13-solution-wrong", 13, (d) => write(d, "solutions/tanh-by-hand.ts", read(d, "mistakes/forgot-bias.ts")));
  variant("14-same-id", 14, (d) => editJson(d, "exercise.json", (m) => ({ ...m, id: JSON.parse(read(path.join(dir, "01-good"), "exercise.json")).id })));
  variant("15-hint-math", 15, (d) =>
    editJson(d, "mistakes.json", (ms) => ms.map((m: { id: string; hint: string }) => (m.id === "no-tanh" ? { ...m, hint: "apply $\\frac{1}{$ to it" } : m))),
  );
  pool = makePool({ size: 2, exercisesDir: dir });
  // Mutation analysis is tested on its own variants below; here it would only repeat 01-good's.
  const summary = await checkExercises(pool, { dir, mutation: "off" });
  reports = new Map(summary.reports.map((r) => [r.slug, r]));
});

afterAll(async () => {
  await pool?.close();
  rmSync(dir, { recursive: true, force: true });
});

const problems = (slug: string) => reports.get(slug)!.problems.join("\n");

describe("exercises:check", () => {
  it("passes a good folder, with a summary of what it verified", () => {
    const r = reports.get("01-good")!;
    expect(r.problems).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r).toMatchObject({
      reference: "pass 20/20 ×4",
      starter: "fails 20/20",
      mistakes: "5/5 recognised",
      random: "ok (10)",
      data: "ok (60 cases)",
      solutions: "3/3 pass",
      mutation: "-",
    });
  });

  it("checks random cases against the declared shapes, naming the seed, the case and the dimension", () => {
    expect(problems("10-random-wrong-shape")).toMatch(/10-random-wrong-shape\/random\.ts: seed 7, case \d+: Wxh\.length is \d+, but dh = \d+ \(hPrev\.length\)/);
    expect(reports.get("10-random-wrong-shape")!.data).toBe("FAIL");
  });

  it("checks fixed cases against the signature's types and the shapes, naming the case", () => {
    expect(problems("11-hidden-missing-row")).toContain(
      '11-hidden-missing-row/tests.json: hidden case "non-square-wxh-d-h-2-d-x-3": Wxh.length is 1, but dh = 2 (hPrev.length)',
    );
    expect(problems("11-hidden-missing-row")).toContain('11-hidden-missing-row/tests.json: hidden case "non-square-wxh-d-h-3-d-x-1": x[1] is "3", not a number');
  });

  it("checks a worked example against the reference and the statement", () => {
    expect(problems("12-example-off")).toMatch(/12-example-off\/tests\.json: example "notebook example": expected \(rounded to 4 decimals\) is not what reference\.ts computes: Wrong value at \[1\]/);
    expect(problems("12-example-off")).toMatch(/12-example-off\/statement\.md: does not show 0\.8483, -0\.7617 from example "notebook example"/);
  });

  it("runs the alternative solutions, which must pass", () => {
    expect(problems("13-solution-wrong")).toMatch(/13-solution-wrong\/solutions\/tanh-by-hand\.ts: submit \(seed 1\) is fail, not pass/);
    expect(reports.get("13-solution-wrong")!.solutions).toBe("FAIL 2/3");
  });

  it("flags two folders with the same id, and a hint whose math does not render", () => {
    expect(problems("14-same-id")).toMatch(/14-same-id\/exercise\.json: id: [0-9a-f-]+ is also the id of 01-good \(a copied folder needs a new id/);
    expect(problems("15-hint-math")).toMatch(/15-hint-math\/mistakes\.json: no-tanh: hint: line 1: math `\\frac\{1\}\{` does not render/);
  });

  it("flags a starter that passes, and one that does not compile", () => {
    expect(problems("02-starter-passes")).toMatch(/02-starter-passes\/starter\.ts: passes every test/);
    expect(problems("03-starter-broken")).toMatch(/03-starter-broken\/starter\.ts: verdict error instead of fail.*compile/);
  });

  it("flags a random generator that ignores its seed", () => {
    expect(problems("04-random-unseeded")).toMatch(/04-random-unseeded\/random\.ts: not deterministic/);
  });

  it("names the file and field of malformed metadata", () => {
    expect(problems("05-bad-meta")).toMatch(/05-bad-meta\/exercise\.json: difficulty: /);
  });

  it("flags a mistake whose hint is never shown, and a 'mistake' that is correct", () => {
    expect(problems("06-mistake-shadowed")).toMatch(/mistakes\/forgot-bias\.ts: fails but its hint is never shown \(tests matched no-tanh first/);
    expect(problems("07-mistake-correct")).toMatch(/07-mistake-correct\/mistakes\/forgot-bias\.ts: passes every test/);
  });

  it("flags a reference that does not pass its own tests (here: it modifies its inputs)", () => {
    expect(problems("08-reference-mutates")).toMatch(/08-reference-mutates\/reference\.ts: submit \(seed \d+\) is fail.*modified its input/);
  });

  it("flags two exercises with the same order", () => {
    expect(problems("09-same-order")).toMatch(/09-same-order\/exercise\.json: order 1 is also used by 01-good \(the catalogue order would be arbitrary\)/);
  });

  it("exits non-zero from the command line, with progress lines and a summary table", async () => {
    // Three of the folders above are enough to see the output: one good, two with problems.
    const cliDir = path.join(dir, "cli");
    for (const slug of ["01-good", "02-starter-passes", "09-same-order"]) cpSync(path.join(dir, slug), path.join(cliDir, slug), { recursive: true });
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(
          path.join(ROOT, "node_modules", ".bin", "tsx"),
          [path.join(ROOT, "grader", "check-cli.ts"), ...args],
          { cwd: ROOT, env: { ...process.env, EXERCISES_DIR: cliDir }, timeout: 170_000 },
          (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
        ),
      );
    const all = await run(["--mutants=off"]);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/^✓ 01-good/m);
    expect(all.stdout).toMatch(/^✗ 02-starter-passes/m);
    expect(all.stdout).toMatch(/^exercise\s+result\s+reference\s+starter\s+mistakes\s+random\s+data\s+solutions\s+mutants/m);
    // The closing list repeats every problem with its reason, the duplicate order included.
    const closing = all.stdout.slice(all.stdout.indexOf("exercise(s) have problems:"));
    expect(closing).toMatch(/^  09-same-order\n    - 09-same-order\/exercise\.json: order 1 is also used by 01-good/m);
    expect(closing).toContain("starter.ts: passes every test");
    // One folder, with the quick mutation analysis that npm test runs.
    const one = await run(["01-good"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/^01-good\s+ok\s.*\s30\/30 killed \(100%\)/m);
    expect(one.stdout).toMatch(/All 1 exercise\(s\) OK in \d+ ms \(mutants: quick\)/);
    expect((await run(["--mutants=sometimes"])).code).toBe(2);
  }, 180_000);
});

describe("exercises:check mutation analysis", () => {
  let weak: string;
  beforeAll(() => {
    // Only the notebook example (b = 0, a symmetric Whh, hPrev ending in 0), twice: mutants that
    // drop the bias, transpose Whh or skip the last unit of hPrev all pass it.
    variant("20-weak-tests", 20, (d) => {
      editJson(d, "exercise.json", (m) => ({ ...m, randomCases: 0 }));
      editJson(d, "tests.json", (t) => ({ visible: t.visible.slice(0, 1), hidden: [{ id: "again", name: "again", args: t.visible[0].args }] }));
      rmSync(path.join(d, "mistakes"), { recursive: true });
      write(d, "mistakes.json", "[]");
    });
    weak = path.join(dir, "20-weak-tests");
  });

  it("fails below the threshold and shows each surviving mutant as a diff with its id", async () => {
    const r = await checkExercise(pool, "20-weak-tests", dir, { mutation: "quick" });
    expect(r.ok, r.problems.join("\n")).toBe(false);
    expect(r.mutationReport, r.problems.join("\n")).toBeDefined();
    expect(r.mutationReport!.survived).toBeGreaterThan(0);
    expect(r.problems[0]).toMatch(/20-weak-tests\/exercise\.json: mutation score \d+\/\d+ killed \([\d.]+%\) is below mutationThreshold 1 \(quick mode, seeds 1, 2, 3\)/);
    const survivor = r.problems.find((p) => p.includes("survives"))!;
    expect(survivor).toMatch(/20-weak-tests\/reference\.ts: mutant [a-z-]+-[0-9a-f]{8} survives: .* \(line \d+\); it passes every test \(seed 1\)/);
    expect(survivor).toMatch(/\n\s+@@ -\d+,\d+ \+\d+,\d+ @@\n[\s\S]*\n\s+-.*\n\s+\+/);
    expect(r.mutation).toMatch(/^\d+\/\d+ killed \([\d.]+%\) < 100%$/);
  });

  it("marking every survivor equivalent (or lowering the threshold) passes; stale and wrong marks are problems", async () => {
    const first = await checkExercise(pool, "20-weak-tests", dir, { mutation: "quick" });
    const survivors = first.mutationReport!.mutants.filter((m) => m.status === "survived").map((m) => m.id);
    const killed = first.mutationReport!.mutants.find((m) => m.status === "killed")!.id;
    write(weak, "equivalent-mutants.json", JSON.stringify([...survivors, killed, "constant-00000000"].map((id) => ({ id, reason: "claimed to compute the same" }))));
    const marked = await checkExercise(pool, "20-weak-tests", dir, { mutation: "quick" });
    expect(marked.mutationReport).toMatchObject({ survived: 0, equivalent: survivors.length, score: 1 });
    expect(marked.problems).toEqual([
      expect.stringMatching(new RegExp(`20-weak-tests/equivalent-mutants\\.json: ${killed} is marked equivalent, but tests kill it \\(.+\\): remove the entry`)),
      "20-weak-tests/equivalent-mutants.json: constant-00000000 matches no mutant of reference.ts any more (the line changed?): remove the entry",
    ]);

    rmSync(path.join(weak, "equivalent-mutants.json"));
    editJson(weak, "exercise.json", (m) => ({ ...m, mutationThreshold: 0 }));
    const lenient = await checkExercise(pool, "20-weak-tests", dir, { mutation: "quick" });
    expect(lenient.problems).toEqual([]);
    expect(lenient.notes.filter((n) => n.includes("survives"))).toHaveLength(survivors.length);
  });
});
