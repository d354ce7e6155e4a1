// The instructor's view of an exercise's tests: every case (hidden ones included) with the
// expected value the grader would use, computed by running the trusted reference on the host
// exactly as grade.ts does, and which known mistakes each case catches. Never sent to learners.
import { caseTolerance, compareValues, EXACT, type ArrayOrder } from "./compare";
import { exerciseModules, type ExerciseModules } from "./compile";
import type { Exercise } from "./exercises";
import { describeExpectedError, errorMatches, formatThrown, thrownOf, type ThrownError, type ThrowsSpec } from "./expected-errors";
import { randomCaseAt } from "./cases";
import type { TestKind } from "./types";
import { encodeWire, wireClone } from "./wire";

export interface PreviewCase {
  name: string;
  kind: TestKind;
  /** Wire-encoded argument list. */
  input: unknown[];
  /** Wire-encoded expected value; absent when the reference throws on this case. */
  expected?: unknown;
  /** Set when the reference throws where a value is expected (or returns where an error is): the exercise is broken on this case. */
  error?: string;
  /** For a case that expects an error (tests.json "throws"): what must be thrown, and what the reference throws. */
  throws?: string;
  /** Ids of the known mistakes that get this case wrong (wrong value, modified input or throw). */
  caughtMistakes: string[];
}

export interface ExercisePreviewData {
  slug: string;
  version: string;
  cases: PreviewCase[];
  /** The seed the sample random cases were generated from (case i uses caseSeed(seed, i)). */
  randomSeed: number;
  /** Random cases a Submit adds (each submit draws a fresh seed). */
  randomCasesPerSubmit: number;
}

type Fn = (...args: unknown[]) => unknown;
type Outcome = { ok: true; value: unknown; mutated: boolean } | { ok: false; error: string; thrown: ThrownError };

/** Runs a trusted function on a private copy of the arguments, like grade.ts. */
function run(fn: Fn, args: unknown[]): Outcome {
  const copy = wireClone(args);
  try {
    const value = wireClone(fn(...copy));
    return { ok: true, value, mutated: copy.some((c, i) => compareValues(c, args[i], EXACT) !== null) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e), thrown: thrownOf(e) };
  }
}

function previewCase(ex: Exercise, modules: ExerciseModules, name: string, kind: TestKind, args: unknown[], spec?: ThrowsSpec, order?: ArrayOrder): PreviewCase {
  const expected = run(modules.reference, args);
  const caughtMistakes: string[] = [];
  for (const [id, fn] of modules.mistakes) {
    const m = run(fn, args);
    const wrong =
      spec !== undefined
        ? m.ok || !errorMatches(spec, m.thrown)
        : !m.ok || m.mutated || (expected.ok && compareValues(m.value, expected.value, caseTolerance(ex.meta.tolerance, ex.meta.compare, order)) !== null);
    if (wrong) caughtMistakes.push(id);
  }
  const outcome = (): Pick<PreviewCase, "expected" | "error" | "throws"> => {
    if (spec === undefined) return expected.ok ? { expected: encodeWire(expected.value) } : { error: `reference.ts throws: ${expected.error}` };
    if (expected.ok) return { error: `reference.ts returns instead of throwing ${describeExpectedError(spec)}` };
    if (!errorMatches(spec, expected.thrown)) return { error: `reference.ts throws ${JSON.stringify(formatThrown(expected.thrown))}, not ${describeExpectedError(spec)}` };
    return { throws: `throws ${describeExpectedError(spec)} (reference.ts: ${JSON.stringify(formatThrown(expected.thrown))})` };
  };
  return { name, kind, input: encodeWire(args) as unknown[], ...outcome(), caughtMistakes };
}

/** Every visible and hidden case, then `randomSamples` random cases drawn from `randomSeed`. */
export async function previewExercise(
  ex: Exercise,
  options: { randomSeed?: number; randomSamples?: number } = {},
): Promise<ExercisePreviewData> {
  const randomSeed = options.randomSeed ?? 1;
  const modules = await exerciseModules(ex);
  const cases = [
    ...ex.tests.visible.map((c) => previewCase(ex, modules, c.name, "visible", wireClone(c.args), c.throws, c.compare)),
    ...ex.tests.hidden.map((c) => previewCase(ex, modules, c.name, "hidden", wireClone(c.args), c.throws, c.compare)),
  ];
  if (modules.generate) {
    const samples = Math.min(options.randomSamples ?? 3, ex.meta.randomCases);
    for (let i = 0; i < samples; i++) {
      // Same derivation as a submit's random case i (grade.ts), so seeds can be replayed.
      const args = randomCaseAt(ex, modules.generate, randomSeed, i);
      cases.push(previewCase(ex, modules, `random #${i + 1} (seed ${randomSeed})`, "random", args));
    }
  }
  return {
    slug: ex.slug,
    version: ex.hash,
    cases,
    randomSeed,
    randomCasesPerSubmit: modules.generate ? ex.meta.randomCases : 0,
  };
}
