// Which known mistakes explain a learner's wrong outcome on a case (grader/hints.ts then picks
// the one hint to show): each mistake runs on the case's arguments on the host, once per case.
import { compareValues, type Tolerance } from "./compare";
import type { ExerciseModules } from "./compile";
import type { Exercise } from "./exercises";
import { mistakeExplains } from "./hints";
import { fixedCaseCache, runOn, type Case, type Outcome } from "./cases";

/**
 * The known mistakes (in mistakes.json order) that explain the learner's outcome on this case
 * (grader/hints.ts says when one does). Where the untouched starter would match the mistake too
 * (think "forgot the bias" on a case with zero inputs, where the starter's zeros also fit), the
 * match proves nothing, unless the starter behaves like that mistake on every fixed case: then
 * the hint is exactly what the learner needs.
 */
export function explainingMistakes(ex: Exercise, modules: ExerciseModules, c: Case, value: unknown, mutated: string[]): string[] {
  const ids: string[] = [];
  for (const m of ex.mistakes) {
    const outcome = mistakeOutcome(ex, modules, c, m.id);
    if (!outcome.ok || !mistakeExplains({ value, mutated }, outcome, c.expected, c.tol)) continue;
    if (starterMatches(ex, modules, c, outcome) && !starterIsMistake(ex, modules, m.id)) continue;
    ids.push(m.id);
  }
  return ids;
}

function mistakeOutcome(ex: Exercise, modules: ExerciseModules, c: Case, id: string): Outcome {
  let outcome = c.mistakes.get(id);
  if (!outcome) {
    const fn = id === STARTER ? modules.starter : modules.mistakes.get(id);
    outcome = fn ? runOn(fn, c.args, ex.meta.params) : { ok: false };
    c.mistakes.set(id, outcome);
  }
  return outcome;
}

function starterMatches(ex: Exercise, modules: ExerciseModules, c: Case, outcome: Outcome & { ok: true }): boolean {
  const starter = mistakeOutcome(ex, modules, c, STARTER);
  return starter.ok && outcomeEquals(starter.value, starter.mutated, outcome, c.tol);
}

const starterLikeCache = new Map<string, boolean>();

/** True when the starter and the mistake agree on every fixed case: the starter is that mistake. */
function starterIsMistake(ex: Exercise, modules: ExerciseModules, id: string): boolean {
  const key = `${ex.dir}\0${ex.hash}\0${id}`;
  let same = starterLikeCache.get(key);
  if (same === undefined) {
    const fixed = fixedCaseCache.get(`${ex.dir}\0${ex.hash}`);
    if (!fixed) return false;
    same = [...fixed.visible, ...fixed.hidden].every((fc) => {
      const m = mistakeOutcome(ex, modules, fc, id);
      return m.ok && starterMatches(ex, modules, fc, m);
    });
    if (starterLikeCache.size > 1000) starterLikeCache.clear();
    starterLikeCache.set(key, same);
  }
  return same;
}

const STARTER = "\0starter";

function outcomeEquals(value: unknown, mutated: string[], outcome: Outcome & { ok: true }, tol: Tolerance): boolean {
  return compareValues(value, outcome.value, tol) === null && sameSet(mutated, outcome.mutated);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

