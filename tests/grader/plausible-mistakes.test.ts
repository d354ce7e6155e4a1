// Wrong solutions a learner plausibly writes (tests/fixtures/plausible/<slug>/*.ts: naive
// formulas that overflow, epsilons, clamps, off-by-one thresholds, tests of the wrong list…)
// must fail every Submit, whatever the seed: none may pass by luck of the random cases.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FIXTURES, makePool } from "./helpers";

const DIR = path.join(FIXTURES, "plausible");
const SEEDS = [1, 2, 3, 4, 5];
const pool = makePool();

afterAll(() => pool.close());

describe("plausible mistakes", () => {
  for (const slug of readdirSync(DIR).sort()) {
    it(`${slug}: every one fails on every seed`, async () => {
      const files = readdirSync(path.join(DIR, slug)).sort();
      expect(files.length).toBeGreaterThan(1);
      for (const file of files) {
        const code = readFileSync(path.join(DIR, slug, file), "utf8");
        const results = await Promise.all(SEEDS.map((seed) => pool.grade({ slug, code, mode: "submit", seed })));
        const passed = results.filter((r) => r.status === "pass").map((r) => r.seed);
        expect(passed, `${slug}/${file} passes with seeds ${passed.join(", ")}`).toEqual([]);
        expect(results.every((r) => r.status === "fail" || r.error?.kind === "runtime"), `${slug}/${file}`).toBe(true);
      }
    }, 60_000);
  }
});
