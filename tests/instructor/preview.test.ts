// The instructor's exercise preview: every test with the expected value the grader uses
// (hidden ones included), computed by the reference on the host, and which mistakes each catches.
import { afterAll, describe, expect, it } from "vitest";
import { loadCatalogue, loadExercise } from "../../grader/exercises";
import { previewExercise } from "../../grader/preview";
import { decodeWire } from "../../grader/wire";
import { getExercise } from "../../lib/exercise-catalogue";
import { closeGraderPool } from "../../grader/pool";
import { ForbiddenError } from "../../lib/domain-errors";
import { exerciseMutationAnalysis, exercisePreview, expectedValues, mutationModeOf } from "../../lib/instructor/preview";

const instructor = { id: "i1", role: "instructor" as const };

/** One RNN step written independently of reference.ts: h = tanh(Wxh·x + Whh·hPrev + b). */
function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  return b.map((bi, i) => Math.tanh(bi + Wxh[i].reduce((s, w, j) => s + w * x[j], 0) + Whh[i].reduce((s, w, j) => s + w * hPrev[j], 0)));
}

describe("previewExercise", () => {
  it("gives every visible and hidden case of 01 its correct expected value", async () => {
    const ex = loadExercise("01-rnn-step")!;
    const preview = await previewExercise(ex);
    const fixed = preview.cases.filter((c) => c.kind !== "random");
    expect(fixed.map((c) => `${c.kind}:${c.name}`)).toEqual([
      ...ex.tests.visible.map((t) => `visible:${t.name}`),
      ...ex.tests.hidden.map((t) => `hidden:${t.name}`),
    ]);
    for (const c of preview.cases) {
      const args = decodeWire(c.input) as Parameters<typeof rnnStep>;
      const expected = decodeWire(c.expected) as number[];
      const mine = rnnStep(...args);
      expect(expected).toHaveLength(mine.length);
      expected.forEach((v, i) => expect(v).toBeCloseTo(mine[i], 12));
    }
  });

  it("samples random cases reproducibly from the seed", async () => {
    const ex = loadExercise("01-rnn-step")!;
    const a = await previewExercise(ex, { randomSeed: 7, randomSamples: 2 });
    const b = await previewExercise(ex, { randomSeed: 7, randomSamples: 2 });
    const c = await previewExercise(ex, { randomSeed: 8, randomSamples: 2 });
    const random = (p: typeof a) => p.cases.filter((x) => x.kind === "random");
    expect(random(a).map((x) => x.name)).toEqual(["random #1 (seed 7)", "random #2 (seed 7)"]);
    expect(random(a)).toEqual(random(b));
    expect(random(a).map((x) => x.input)).not.toEqual(random(c).map((x) => x.input));
    expect(a.randomCasesPerSubmit).toBe(ex.meta.randomCases);
  });

  it("for every exercise: no case is broken and every known mistake is caught by a fixed test", async () => {
    const { exercises, errors } = loadCatalogue();
    expect(errors).toEqual([]);
    expect(exercises.length).toBeGreaterThanOrEqual(10);
    for (const ex of exercises) {
      const p = await previewExercise(ex, { randomSamples: 1 });
      expect(p.cases.filter((c) => c.error), ex.slug).toEqual([]);
      expect(p.cases.filter((c) => c.kind === "hidden")).toHaveLength(ex.tests.hidden.length);
      const caughtByFixed = new Set(p.cases.filter((c) => c.kind !== "random").flatMap((c) => c.caughtMistakes));
      for (const m of ex.mistakes) expect(caughtByFixed.has(m.id), `${ex.slug}/${m.id}`).toBe(true);
    }
  });
});

describe("exercisePreview (computed in a child process)", () => {
  it("matches the in-process computation and carries the reference and the hints", async () => {
    const ex = loadExercise("04-gradient-clipping")!;
    const [viaChild, inProcess] = await Promise.all([exercisePreview(instructor, ex.slug), previewExercise(ex)]);
    expect(viaChild.casesError).toBeNull();
    expect(viaChild.cases).toEqual(inProcess.cases);
    expect(viaChild.reference).toBe(ex.reference);
    expect(viaChild.mistakes.map((m) => [m.id, m.hint])).toEqual(ex.mistakes.map((m) => [m.id, m.hint]));
    // Cached per exercise version: asking again reuses the same computation, no new process.
    const cached = getExercise(ex.slug)!;
    expect(expectedValues(cached)).toBe(expectedValues(cached));
    expect((await exercisePreview(instructor, ex.slug)).cases).toEqual(viaChild.cases);
  });

  it("an unknown exercise is NotFound", async () => {
    await expect(exercisePreview(instructor, "99-nope")).rejects.toThrow(/no exercise/);
    await expect(exercisePreview(instructor, "../grader")).rejects.toThrow(/no exercise/);
  });
});

describe("exerciseMutationAnalysis (mutants made in a child process, graded in the pool)", () => {
  afterAll(() => closeGraderPool());

  it("scores exercise 4's tests like exercises:check, with the equivalent mutant's reason", async () => {
    const report = await exerciseMutationAnalysis(instructor, "04-gradient-clipping", "quick");
    expect(report).toMatchObject({ mode: "quick", survived: 0, equivalent: 1, score: 1, meetsThreshold: true, staleEquivalents: [] });
    expect(report.mutants.find((m) => m.status === "equivalent")!.reason).toMatch(/maxNorm \/ norm = 1/);
    const naive = report.mutants.find((m) => m.operator === "naive")!;
    expect(naive).toMatchObject({ status: "killed" });
    expect(naive.killedBy!.join(" ")).toMatch(/huge components/);
    // Once per version and mode: asking again returns the same report, graded once.
    expect(await exerciseMutationAnalysis(instructor, "04-gradient-clipping", "quick")).toBe(report);
    expect(mutationModeOf("full")).toBe("full");
    expect(mutationModeOf(["full", "x"])).toBe("quick");
  }, 60_000);

  it("is for instructors only", async () => {
    await expect(exerciseMutationAnalysis({ id: "l1", role: "learner" }, "04-gradient-clipping", "quick")).rejects.toThrow(ForbiddenError);
  });
});
