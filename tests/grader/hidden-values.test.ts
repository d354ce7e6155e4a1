// Hidden feedback for string and keyed results (issue 17, grader-integrity policy): a hidden test
// that fails says one fixed category, never an expected value or key ("Missing key `car`"),
// whatever its expected value is. Each exercise below exists twice, identical except for its
// hidden inputs (so its hidden expected strings, object keys and Map keys differ); every wrong
// solution must get byte-identical hidden feedback from both, while visible tests keep their
// full detail.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareValues, describeDifference } from "../../grader/compare";
import type { GraderPool } from "../../grader/pool";
import type { GradeResult } from "../../grader/types";
import { FIXTURES, makePool } from "./helpers";

interface Exercise {
  slug: string;
  signature: string;
  reference: string;
  visible: unknown[];
  expected: unknown;
  /** The hidden case's argument in copy A and copy B, and text of the expected values that must never show. */
  hidden: [unknown[], unknown[]];
  secrets: string[];
}

const EXERCISES: Exercise[] = [
  {
    slug: "31-shout",
    signature: "export function shout(s: string): string",
    reference: 'export function shout(s: string): string { return s.toUpperCase() + "!"; }',
    visible: ["go"],
    expected: "GO!",
    hidden: [["car car bus"], ["tram"]],
    secrets: ["CAR CAR BUS!", "TRAM!", "car", "tram"],
  },
  {
    slug: "32-tally",
    signature: "export function tally(text: string): { [word: string]: number }",
    reference: `export function tally(text: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const w of text.split(" ")) out[w] = (out[w] ?? 0) + 1;
  return out;
}`,
    visible: ["go go stop"],
    expected: { go: 2, stop: 1 },
    hidden: [["car car bus"], ["tram tram"]],
    secrets: ["car", "bus", "tram"],
  },
];

/** Wrong solutions, by exercise: each fails the hidden case in a different way. */
const WRONG: Record<string, string[]> = {
  "31-shout": [
    "export function shout(s: string): string { return s; }",
    "export function shout(s: string): string { return s.toUpperCase(); }",
    'export function shout(s: string): string { return ""; }',
    "export function shout(s: string): any { return s.length; }",
    "export function shout(s: string): any { return [s.toUpperCase() + '!']; }",
  ],
  "32-tally": [
    "export function tally(text: string): any { return {}; }",
    "export function tally(text: string): any { const o: any = {}; for (const w of text.split(' ')) o[w] = 1; return o; }",
    "export function tally(text: string): any { const o: any = {}; for (const w of text.split(' ')) o[w.toUpperCase()] = (o[w.toUpperCase()] ?? 0) + 1; return o; }",
    "export function tally(text: string): any { const o: any = { extra: 1 }; for (const w of text.split(' ')) o[w] = (o[w] ?? 0) + 1; return o; }",
    "export function tally(text: string): any { return text; }",
  ],
  "01-word-count": [
    "export function wordCount(text: string): Map<string, number> { return new Map(); }",
    "export function wordCount(text: string): Map<string, number> { return new Map(text.split(' ').map((w) => [w, 1])); }",
    "export function wordCount(text: string): any { const o: any = {}; for (const w of text.toLowerCase().split(' ')) o[w] = (o[w] ?? 0) + 1; return o; }",
  ],
};

function writeExercise(dir: string, ex: Exercise, hiddenArgs: unknown[]): void {
  const folder = path.join(dir, ex.slug);
  mkdirSync(folder, { recursive: true });
  const name = ex.signature.match(/function (\w+)/)![1];
  writeFileSync(
    path.join(folder, "exercise.json"),
    JSON.stringify({
      id: "7d0e4c2a-9b1f-4e3d-8a6c-5f2b1d0e9c" + ex.slug.slice(0, 2),
      title: ex.slug,
      order: Number(ex.slug.slice(0, 2)),
      summary: "A fixture for hidden feedback.",
      difficulty: "easy",
      export: name,
      signature: ex.signature,
      params: [ex.signature.match(/\((\w+)/)![1]],
      randomCases: 0,
    }),
  );
  writeFileSync(
    path.join(folder, "tests.json"),
    JSON.stringify({ visible: [{ id: "example", name: "example", args: ex.visible, expected: ex.expected }], hidden: [{ id: "secret", name: "secret", args: hiddenArgs }] }),
  );
  writeFileSync(path.join(folder, "statement.md"), "# Fixture\n");
  writeFileSync(path.join(folder, "reference.ts"), ex.reference);
  writeFileSync(path.join(folder, "starter.ts"), ex.reference.replace(/\{[\s\S]*\}$/, '{ throw new Error("Not implemented"); }'));
}

describe("hidden feedback on string and keyed results", () => {
  let dirs: string[] = [];
  let pools: GraderPool[] = [];

  beforeAll(() => {
    dirs = ["a", "b"].map((x) => mkdtempSync(path.join(os.tmpdir(), `hidden-values-${x}-`)));
    dirs.forEach((dir, copy) => {
      for (const ex of EXERCISES) writeExercise(dir, ex, ex.hidden[copy]);
      // The Map fixture, with a different hidden sentence in copy B.
      cpSync(path.join(FIXTURES, "exercise-formats", "01-word-count"), path.join(dir, "01-word-count"), { recursive: true });
      if (copy === 1) {
        writeFileSync(
          path.join(dir, "01-word-count", "tests.json"),
          JSON.stringify({
            visible: [{ id: "go-go-stop", name: "go go stop", args: ["Go go stop"], expected: { $w: "map", v: [["go", 2], ["stop", 1]] } }],
            hidden: [
              { id: "repeated-secret", name: "repeated word", args: ["Lion lion LION gnu"] },
              { id: "punctuation", name: "punctuation", args: ["tram: tramway as ruby: rubygems!!"] },
            ],
          }),
        );
      }
    });
    pools = dirs.map((dir) => makePool({ size: 1, exercisesDir: dir }));
  });
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  const hiddenPart = (r: GradeResult) => JSON.stringify({ status: r.status, error: r.error ?? null, tests: r.tests.filter((t) => t.hidden) });

  it("is byte-identical for different hidden expected strings, object keys and Map keys, and names none of them", async () => {
    const secrets = [...EXERCISES.flatMap((e) => e.secrets), "zebra", "okapi", "lion", "gnu", "javascript", "tramway"];
    for (const [slug, wrongs] of Object.entries(WRONG)) {
      for (const code of wrongs) {
        const [a, b] = await Promise.all(pools.map((p) => p.grade({ slug, code, mode: "submit", seed: 1 })));
        expect(a.status, code).toBe("fail");
        expect(hiddenPart(a), code).toBe(hiddenPart(b));
        const hidden = hiddenPart(a).toLowerCase();
        for (const s of secrets) expect(hidden, `${code} reveals ${s}`).not.toContain(s.toLowerCase());
        for (const t of a.tests.filter((t) => t.hidden && t.status !== "pass")) {
          expect(Object.keys(t).sort(), code).toEqual(["category", "durationMs", "hidden", "id", "kind", "message", "name", "status"]);
        }
      }
    }
  });

  it("keeps full detail on visible tests", async () => {
    const grade = (slug: string, code: string) => pools[0].grade({ slug, code, mode: "run", seed: 1 });
    expect((await grade("31-shout", WRONG["31-shout"][1])).tests[0].message).toBe('Wrong value: expected "GO!", got "GO".');
    expect((await grade("32-tally", WRONG["32-tally"][0])).tests[0].message).toBe("Missing key `go`.");
    expect((await grade("01-word-count", WRONG["01-word-count"][0])).tests[0].message).toBe('The Map has no key "go".');
  });

  it("never names a missing object key in a hidden-test wording either", () => {
    const d = compareValues({}, { car: 2 }, { rtol: 0, atol: 0 })!;
    expect(describeDifference(d, true)).toBe("Missing key `car`.");
    expect(describeDifference(d, false)).not.toContain("car");
  });
});
