// The cases one job runs: the exercise's visible and hidden cases with their expected values
// (the reference run on the host, computed once per exercise version in each worker) and the
// seeded random cases of a Submit.
import { compareValues, EXACT } from "./compare";
import { ExerciseCodeError, type ExerciseModules } from "./compile";
import type { Exercise } from "./exercises";
import { caseSeed, createRng } from "./rng";
import type { GradeJob, TestKind } from "./types";
import { wireClone } from "./wire";

/** What a function did on one case: its (wire-normalised) value and the params it modified. */
export type Outcome = { ok: true; value: unknown; mutated: string[] } | { ok: false };

export interface Case {
  id?: string;
  name: string;
  kind: TestKind;
  args: unknown[];
  expected: unknown;
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
  } catch {
    return { ok: false };
  }
}

function expectedFor(ex: Exercise, modules: ExerciseModules, name: string, args: unknown[]): unknown {
  const outcome = runOn(modules.reference, args, ex.meta.params);
  if (!outcome.ok) throw new ExerciseCodeError(ex.slug, "reference.ts", `throws on test "${name}"`);
  return outcome.value;
}

export function planCases(ex: Exercise, modules: ExerciseModules, mode: GradeJob["mode"], seed: number): Case[] {
  const key = `${ex.dir}\0${ex.hash}`;
  let fixed = fixedCaseCache.get(key);
  if (!fixed) {
    const make = (kind: TestKind) => (tc: { id: string; name: string; args: unknown[] }): Case => ({
      id: tc.id,
      name: tc.name,
      kind,
      args: wireClone(tc.args),
      expected: expectedFor(ex, modules, tc.name, tc.args),
      mistakes: new Map(),
    });
    fixed = { visible: ex.tests.visible.map(make("visible")), hidden: ex.tests.hidden.map(make("hidden")) };
    if (fixedCaseCache.size > 100) fixedCaseCache.clear();
    fixedCaseCache.set(key, fixed);
  }
  if (mode === "run") return fixed.visible;
  return [...fixed.visible, ...fixed.hidden, ...randomCases(ex, modules, seed)];
}

/** Random case i of a submission uses caseSeed(seed, i): reproducible with the reported seed. */
export function randomCaseArgs(ex: Exercise, modules: ExerciseModules, seed: number): unknown[][] {
  if (!modules.generate) return [];
  const out: unknown[][] = [];
  for (let i = 0; i < ex.meta.randomCases; i++) {
    const args = modules.generate(createRng(caseSeed(seed, i)));
    if (!Array.isArray(args)) throw new ExerciseCodeError(ex.slug, "random.ts", "must return an argument list (an array)");
    out.push(wireClone(args));
  }
  return out;
}

function randomCases(ex: Exercise, modules: ExerciseModules, seed: number): Case[] {
  return randomCaseArgs(ex, modules, seed).map((args, i) => {
    const name = `random #${i + 1}`;
    return { name, kind: "random" as const, args, expected: expectedFor(ex, modules, name, args), mistakes: new Map() };
  });
}

