// exercises:check must catch each kind of broken exercise folder, naming the file at fault.
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkExercises, type CheckReport } from "../../grader/check";
import type { GraderPool } from "../../grader/pool";
import { makePool, ROOT, SLUG } from "./helpers";

let dir: string;
let pool: GraderPool;
let reports: Map<string, CheckReport>;

const source = path.join(ROOT, "exercises", SLUG);

/** A copy of 01-rnn-step under a new slug, with one thing broken. */
function variant(slug: string, order: number, edit: (d: string) => void = () => {}) {
  const d = path.join(dir, slug);
  cpSync(source, d, { recursive: true });
  const meta = JSON.parse(readFileSync(path.join(d, "exercise.json"), "utf8"));
  writeFileSync(path.join(d, "exercise.json"), JSON.stringify({ ...meta, order }));
  edit(d);
}

const write = (d: string, file: string, text: string) => writeFileSync(path.join(d, file), text);
const read = (d: string, file: string) => readFileSync(path.join(d, file), "utf8");

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
  pool = makePool({ size: 2, exercisesDir: dir });
  const summary = await checkExercises(pool, { dir });
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
    expect(r).toMatchObject({ reference: "pass 18/18 ×4", starter: "fails 18/18", mistakes: "4/4 recognised", random: "ok (10)" });
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
    expect(problems("09-same-order")).toMatch(/09-same-order\/exercise\.json: order 1 is also used by 01-good/);
  });

  it("exits non-zero from the command line, with progress lines and a summary table", async () => {
    const run = (args: string[]) =>
      new Promise<{ code: number; stdout: string }>((resolve) =>
        execFile(
          path.join(ROOT, "node_modules", ".bin", "tsx"),
          [path.join(ROOT, "grader", "check-cli.ts"), ...args],
          { cwd: ROOT, env: { ...process.env, EXERCISES_DIR: dir }, timeout: 120_000 },
          (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
        ),
      );
    const all = await run([]);
    expect(all.code).toBe(1);
    expect(all.stdout).toMatch(/^✓ 01-good/m);
    expect(all.stdout).toMatch(/^✗ 02-starter-passes/m);
    expect(all.stdout).toMatch(/^exercise\s+result\s+reference\s+starter\s+mistakes\s+random/m);
    const one = await run(["01-good"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toMatch(/All 1 exercise\(s\) OK/);
  });
});
