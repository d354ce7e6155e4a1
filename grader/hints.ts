// Which known mistake a learner's submission shows, and on which test its hint appears. Pure:
// grade.ts hands over each failing test's outcome and the mistakes' outcomes on the same case.
//
// - A mistake explains a failing test when its outcome there is itself wrong and matches the
//   learner's: the same value within tolerance and the same modified inputs. For an object
//   result it is enough that the mistake gives the learner's value in every field the learner
//   got wrong (a learner may make the mistake in one field and not the others).
// - Of the mistakes that explain some failing test, the one that explains all of them wins
//   (mistakes.json order breaks ties); failing that, the one that explains the most. That one
//   diagnosis is marked on every failing test it explains (and no other mistake on any test), so
//   the results panel shows its hint once and points each of those rows at it.
import { compareValues, type Tolerance } from "./compare";
import { WireOpaque } from "./wire";

/** What a function did on one case: its (wire-normalised) value and the parameters it modified. */
export interface CaseOutcome {
  value: unknown;
  mutated: string[];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return (
    v !== null &&
    typeof v === "object" &&
    !Array.isArray(v) &&
    !(v instanceof WireOpaque || v instanceof Map || v instanceof Set || v instanceof Date)
  );
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}

/** Whether `mistake` explains the learner's wrong outcome on a case whose answer is `expected`. */
export function mistakeExplains(learner: CaseOutcome, mistake: CaseOutcome, expected: unknown, tol: Tolerance): boolean {
  const mistakeIsWrong = mistake.mutated.length > 0 || compareValues(mistake.value, expected, tol) !== null;
  if (!mistakeIsWrong || !sameSet(learner.mutated, mistake.mutated)) return false;
  if (compareValues(learner.value, mistake.value, tol) === null) return true;
  // Field by field: every field the learner got wrong is the mistake's value for that field.
  if (!isRecord(expected) || !isRecord(learner.value) || !isRecord(mistake.value)) return false;
  const mine = learner.value;
  const theirs = mistake.value;
  const keys = Object.keys(expected);
  if (!sameSet(Object.keys(mine), keys)) return false; // a missing or extra key is another problem
  const wrong = keys.filter((k) => compareValues(mine[k], expected[k], tol) !== null);
  // Where the learner is wrong and equals the mistake, the mistake is wrong there too.
  return wrong.length > 0 && wrong.every((k) => k in theirs && compareValues(mine[k], theirs[k], tol) === null);
}

/**
 * The hint to show: `explainedBy[i]` lists the ids of the mistakes that explain failing test i
 * (empty for a test that passed or that no mistake explains); `order` is mistakes.json order.
 * Returns the winning mistake and the tests it explains (ascending), or null when nothing matches.
 */
export function chooseHint(explainedBy: readonly (readonly string[])[], order: readonly string[]): { id: string; tests: number[] } | null {
  const failing = explainedBy.map((ids, i) => ({ ids, i })).filter((t) => t.ids.length > 0);
  if (failing.length === 0) return null;
  let best: { id: string; covered: number } | null = null;
  for (const id of order) {
    const covered = failing.filter((t) => t.ids.includes(id)).length;
    if (covered > (best?.covered ?? 0)) best = { id, covered };
  }
  if (!best) return null;
  const winner = best.id;
  return { id: winner, tests: failing.filter((t) => t.ids.includes(winner)).map((t) => t.i) };
}
