// The cases one job runs: the exercise's visible and hidden cases with their expected values
// (the reference run on the host, computed once per exercise version in each worker) and the
// seeded random cases of a Submit.
import { caseTolerance, compareValues, EXACT, type ArrayOrder, type Tolerance } from "./compare";
import { ExerciseCodeError, type ExerciseModules } from "./compile";
import type { Exercise } from "./exercises";
import { describeExpectedError, errorMatches, formatThrown, thrownOf, type ThrownError, type ThrowsSpec } from "./expected-errors";
import { caseSeed, createRng } from "./rng";
import type { GradeJob, TestKind } from "./types";
import { scenarioShapeProblems, scenarioSteps, stepsSchema, type Step } from "./scenarios";
import { wireClone } from "./wire";

/** What a function did on one case: its (wire-normalised) value and the params it modified, or what it threw. */
export type Outcome = { ok: true; value: unknown; mutated: string[] } | { ok: false; error?: ThrownError };

export interface Case {
  id?: string;
  name: string;
  kind: TestKind;
  args: unknown[];
  expected: unknown;
  /** A scenario on the exported class (grader/scenarios.ts): `args` is `[steps]`, `expected` the step results. */
  steps?: Step[];
  /** The call must throw (tests.json "throws"); `expected` is then undefined. */
  throws?: ThrowsSpec;
  /** How this case's result is compared: the exercise's tolerance and array order (tests.json/exercise.json "compare"). */
  tol: Tolerance;
  /** Mistake outcomes, computed on first need; shared across submissions for fixed cases. */
  mistakes: Map<string, Outcome>;
}

/** Fixed cases per exercise version, with their expected values (computed once per worker). */
export const fixedCaseCache = new Map<string, { visible: Case[]; hidden: Case[] }>();

/** Runs a trusted function on a private copy of the arguments. */
export function runOn(fn: (...args: unknown[]) => unknown, args: unknown[], params: string[]): Outcome {
  const copy = wireClone(args);
  try {
    const value = wireClone(fn(...copy));
    const mutated = params.filter((_, i) => compareValues(copy[i], args[i], EXACT) !== null);
    return { ok: true, value, mutated };
  } catch (e) {
    return { ok: false, error: thrownOf(e) };
  }
}

/**
 * The reference's value on a case; for a case that expects an error, checks that the reference
 * throws one that matches. Either failure makes the exercise ungradable (exercises:check says why).
 */
function expectedFor(ex: Exercise, modules: ExerciseModules, name: string, args: unknown[], throws?: ThrowsSpec): unknown {
  const outcome = runOn(modules.reference, args, ex.meta.params);
  if (throws !== undefined) {
    if (outcome.ok) {
      throw new ExerciseCodeError(ex.slug, "reference.ts", `returns instead of throwing on test "${name}", which expects ${describeExpectedError(throws)} (tests.json "throws")`);
    }
    const thrown = outcome.error ?? { name: "", message: "" };
    if (!errorMatches(throws, thrown)) {
      throw new ExerciseCodeError(ex.slug, "reference.ts", `on test "${name}" throws ${JSON.stringify(formatThrown(thrown))}, but the test expects ${describeExpectedError(throws)}`);
    }
    return undefined;
  }
  if (!outcome.ok) {
    const cause = outcome.error ? `: ${formatThrown(outcome.error)}` : "";
    throw new ExerciseCodeError(ex.slug, "reference.ts", `throws on test "${name}"${cause} (give the case "throws" if it should)`);
  }
  return outcome.value;
}

export function planCases(ex: Exercise, modules: ExerciseModules, mode: GradeJob["mode"], seed: number): Case[] {
  const key = `${ex.dir}\0${ex.hash}`;
  let fixed = fixedCaseCache.get(key);
  if (!fixed) {
    const make =
      (kind: TestKind) =>
      (tc: { id: string; name: string; args: unknown[]; steps?: Step[]; throws?: ThrowsSpec; compare?: ArrayOrder }): Case => {
        // A scenario's per-step expected values are for exercises:check; the isolate gets the steps only.
        const args = tc.steps ? [scenarioSteps(tc.steps)] : tc.args;
        return {
          id: tc.id,
          name: tc.name,
          kind,
          args: wireClone(args),
          ...(tc.steps ? { steps: tc.steps } : {}),
          expected: expectedFor(ex, modules, tc.name, args, tc.throws),
          ...(tc.throws !== undefined ? { throws: tc.throws } : {}),
          tol: caseTolerance(ex.meta.tolerance, ex.meta.compare, tc.compare),
          mistakes: new Map(),
        };
      };
    fixed = { visible: ex.tests.visible.map(make("visible")), hidden: ex.tests.hidden.map(make("hidden")) };
    if (fixedCaseCache.size > 100) fixedCaseCache.clear();
    fixedCaseCache.set(key, fixed);
  }
  if (mode === "run") return fixed.visible;
  return [...fixed.visible, ...fixed.hidden, ...randomCases(ex, modules, seed)];
}

/**
 * Random case i of a submission uses caseSeed(seed, i): reproducible with the reported seed. For a
 * class exercise random.ts returns a scenario's steps, which become the one argument.
 */
export function randomCaseArgs(ex: Exercise, modules: ExerciseModules, seed: number): unknown[][] {
  if (!modules.generate) return [];
  const out: unknown[][] = [];
  for (let i = 0; i < ex.meta.randomCases; i++) out.push(randomCaseAt(ex, modules.generate, seed, i));
  return out;
}

/**
 * The arguments of random case i for `seed`: what random.ts returns, or for a class exercise or
 * one with several exports, the scenario it returns made the one argument.
 */
export function randomCaseAt(ex: Exercise, generate: NonNullable<ExerciseModules["generate"]>, seed: number, i: number): unknown[] {
  const args = generate(createRng(caseSeed(seed, i)));
  const scenario = isScenarioExercise(ex);
  const what = scenario ? "a scenario (an array of steps)" : "an argument list (an array)";
  if (!Array.isArray(args)) throw new ExerciseCodeError(ex.slug, "random.ts", `must return ${what}`);
  if (!scenario) return wireClone(args);
  const steps = stepsSchema.safeParse(wireClone(args));
  const problem = steps.success ? scenarioShapeProblems(ex.meta, steps.data)[0] : steps.error.issues[0]?.message;
  if (!steps.success || problem) throw new ExerciseCodeError(ex.slug, "random.ts", `case ${i + 1} (seed ${seed}) is not a scenario: ${problem}`);
  return [scenarioSteps(steps.data)];
}

/** A class exercise or one with several exports: its cases are scenarios. */
function isScenarioExercise(ex: Exercise): boolean {
  return ex.meta.class !== undefined || ex.meta.module !== undefined;
}

function randomCases(ex: Exercise, modules: ExerciseModules, seed: number): Case[] {
  return randomCaseArgs(ex, modules, seed).map((args, i) => {
    const name = `random #${i + 1}`;
    const steps = isScenarioExercise(ex) ? { steps: args[0] as Step[] } : {};
    return {
      name,
      kind: "random" as const,
      args,
      ...steps,
      expected: expectedFor(ex, modules, name, args),
      tol: caseTolerance(ex.meta.tolerance, ex.meta.compare),
      mistakes: new Map(),
    };
  });
}

