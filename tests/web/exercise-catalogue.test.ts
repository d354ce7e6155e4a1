// The server's cached view of exercises/ picks up an author's edits without a restart.
import { cpSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getCatalogue, getExercise, getPublicExercise, listExerciseSummaries } from "../../lib/exercise-catalogue";

let dir: string;

beforeAll(() => {
  // The exercises folder and, next to it, its last good versions (grader/exercise-snapshots.ts).
  dir = path.join(mkdtempSync(path.join(os.tmpdir(), "catalogue-")), "exercises");
  for (const slug of ["01-rnn-step", "02-sequence-probability"]) {
    cpSync(path.join(process.cwd(), "exercises", slug), path.join(dir, slug), { recursive: true });
  }
  vi.stubEnv("EXERCISES_DIR", dir);
  vi.stubEnv("EXERCISES_RECHECK_MS", "0");
});
afterAll(() => {
  vi.unstubAllEnvs();
  rmSync(path.dirname(dir), { recursive: true, force: true });
});

/** Rewrites a file and moves its mtime forward (some file systems have coarse timestamps). */
function touchWrite(file: string, text: string) {
  writeFileSync(file, text);
  const t = new Date(Date.now() + 5000);
  utimesSync(file, t, t);
}

describe("exercise catalogue", () => {
  it("lists summaries in order without any hidden part", () => {
    const list = listExerciseSummaries();
    expect(list.map((e) => e.slug)).toEqual(["01-rnn-step", "02-sequence-probability"]);
    expect(Object.keys(list[0]).sort()).toEqual(["difficulty", "order", "slug", "summary", "tags", "title"]);
  });

  it("returns the same object while nothing changes", () => {
    expect(getCatalogue()).toBe(getCatalogue());
  });

  it("reloads when a file changes", () => {
    const file = path.join(dir, "01-rnn-step", "exercise.json");
    const meta = JSON.parse(readFileSync(file, "utf8"));
    touchWrite(file, JSON.stringify({ ...meta, title: "Edited title" }));
    expect(getExercise("01-rnn-step")?.meta.title).toBe("Edited title");
    expect(listExerciseSummaries()[0].title).toBe("Edited title");
  });

  it("sees a new exercise folder, and keeps serving its last good version when an edit breaks it", () => {
    cpSync(path.join(process.cwd(), "exercises", "03-gradient-product"), path.join(dir, "03-gradient-product"), { recursive: true });
    const good = getPublicExercise("03-gradient-product");
    expect(good).not.toBeNull();
    touchWrite(path.join(dir, "03-gradient-product", "exercise.json"), "{ not json");
    expect(getExercise("03-gradient-product")?.hash).toBe(good!.version);
    expect(getCatalogue().errors.map((e) => e.slug)).toContain("03-gradient-product");
    expect(getCatalogue().stale.map((e) => e.slug)).toEqual(["03-gradient-product"]);
  });

  it("does not serve a folder that never loaded", () => {
    cpSync(path.join(process.cwd(), "exercises", "01-rnn-step"), path.join(dir, "09-broken-copy"), { recursive: true });
    touchWrite(path.join(dir, "09-broken-copy", "tests.json"), "{ not json");
    expect(getExercise("09-broken-copy")).toBeNull();
    expect(getCatalogue().errors.map((e) => e.slug)).toContain("09-broken-copy");
  });

  it("the public projection has no reference, mistakes or hidden cases", () => {
    const pub = getPublicExercise("01-rnn-step")!;
    const text = JSON.stringify(pub);
    const full = getExercise("01-rnn-step")!;
    expect(text).not.toContain(JSON.stringify(full.tests.hidden[0].args));
    expect(pub).not.toHaveProperty("reference");
    expect(pub).not.toHaveProperty("mistakes");
  });
});
