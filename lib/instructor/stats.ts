// Per-exercise statistics of a classroom, for the dashboard charts. Pure: computed from the
// roster (progress rows) and the classroom's submits (per-test outcomes) of lib/classrooms.ts.
//   started                = learners who submitted at least once (Run alone is practice)
//   attempts               = submits (runs never count, as in lib/progress.ts)
//   shareSolved            = learners who solved / learners enrolled (null for an empty class)
//   medianAttemptsToSolve  = median over the learners who solved of the submits it took them
//   failingTests           = how many learners failed each test (and which), most learners
//                            first, and how many submits did: one learner submitting 30 times
//                            counts once. A test is counted by its permanent id (tests.json), so
//                            rewording its name merges old and new submits under the current name
//   mistakes               = how many learners' submits matched each known mistake (and which),
//                            most learners first, and how many submits
import type { ClassSubmissionRow, ExerciseColumn, RosterLearner } from "../classrooms";

export interface MistakeInfo {
  id: string;
  description: string;
  hint: string;
}

/** A fixed test of an exercise as it is now: how stored results find their current name. */
export interface TestInfo {
  id: string;
  name: string;
  kind: "visible" | "hidden";
}

export interface FailingTestStat {
  /** The test's permanent id; null for random cases and for results of tests that no longer exist. */
  id: string | null;
  /** The test's current name (or the stored one); every random case is counted under RANDOM_CASES. */
  name: string;
  kind: "visible" | "hidden" | "random";
  failures: number;
  learners: number;
  /** Who failed it, in roster order: the click-through of the chart. */
  learnerIds: string[];
}

export interface MistakeStat extends MistakeInfo {
  matches: number;
  learners: number;
  /** Whose submits matched it, in roster order. */
  learnerIds: string[];
}

export interface ExerciseStats extends ExerciseColumn {
  learners: number;
  started: number;
  solved: number;
  shareSolved: number | null;
  attempts: number;
  runs: number;
  medianAttemptsToSolve: number | null;
  /** Failed by the most learners first; tests that never failed are left out. */
  failingTests: FailingTestStat[];
  /** Every known mistake of the exercise, matched by the most learners first (unmatched ones with 0). */
  mistakes: MistakeStat[];
  /** Submits that could not be judged test by test, by error kind ("compile", "timeout"…). */
  errors: Record<string, number>;
}

/** Random cases differ per seed, so their names ("random #3") mean nothing across submits. */
export const RANDOM_CASES = "random cases";
const RANDOM_KEY = "random";

/** Errors after which the remaining tests are "not run" rather than failed by the code. */
const WHOLE_SUBMISSION_ERRORS = new Set(["compile", "missing-export", "crash", "timeout", "memory", "output-limit", "overloaded"]);

/** The median, or null for no values; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Whether this test outcome says the learner's code got the test wrong. */
function failedByCode(row: ClassSubmissionRow, test: ClassSubmissionRow["tests"][number]): boolean {
  if (test.status === "fail") return true;
  // A runtime error on one case is the code's fault; "not run" after a compile error is not.
  return test.status === "error" && !(row.errorKind && WHOLE_SUBMISSION_ERRORS.has(row.errorKind));
}

export function exerciseStats(
  exercises: readonly ExerciseColumn[],
  learners: readonly RosterLearner[],
  submissions: readonly ClassSubmissionRow[],
  mistakesBySlug: Readonly<Record<string, readonly MistakeInfo[]>> = {},
  testsBySlug: Readonly<Record<string, readonly TestInfo[]>> = {},
): ExerciseStats[] {
  const enrolled = new Set(learners.map((l) => l.id));
  const submitsBySlug = new Map<string, ClassSubmissionRow[]>();
  for (const s of submissions) {
    if (s.kind !== "submit" || !enrolled.has(s.userId)) continue;
    let list = submitsBySlug.get(s.slug);
    if (!list) submitsBySlug.set(s.slug, (list = []));
    list.push(s);
  }

  return exercises.map((ex) => {
    let started = 0;
    let solved = 0;
    let attempts = 0;
    let runs = 0;
    const toSolve: number[] = [];
    for (const l of learners) {
      const p = l.progress[ex.slug];
      if (!p) continue;
      if (p.attempts > 0) started++;
      if (p.state === "solved") {
        solved++;
        if (p.attemptsToSolve !== null) toSolve.push(p.attemptsToSolve);
      }
      attempts += p.attempts;
      runs += p.runs;
    }

    const tests = new Map<string, { id: string | null; name: string; kind: FailingTestStat["kind"]; failures: number; who: Set<string> }>();
    const current = testsBySlug[ex.slug] ?? [];
    const currentById = new Map(current.map((t) => [t.id, t]));
    // Results stored before tests had ids name the test only: find its id by the name it had.
    const idByName = new Map(current.map((t) => [`${t.name}\0${t.kind}`, t.id]));
    const testKey = (t: ClassSubmissionRow["tests"][number]): { key: string; id: string | null; name: string; kind: FailingTestStat["kind"] } => {
      if (t.kind === "random") return { key: RANDOM_KEY, id: null, name: RANDOM_CASES, kind: "random" };
      const id = t.id ?? idByName.get(`${t.name}\0${t.kind}`) ?? null;
      if (id === null) return { key: `name\0${t.name}\0${t.kind}`, id, name: t.name, kind: t.kind };
      return { key: `id\0${id}`, id, name: currentById.get(id)?.name ?? t.name, kind: currentById.get(id)?.kind ?? t.kind };
    };
    const known = mistakesBySlug[ex.slug] ?? [];
    const mistakeCounts = new Map<string, { matches: number; who: Set<string> }>(known.map((m) => [m.id, { matches: 0, who: new Set() }]));
    const errors: Record<string, number> = {};
    for (const s of submitsBySlug.get(ex.slug) ?? []) {
      if (s.errorKind && WHOLE_SUBMISSION_ERRORS.has(s.errorKind)) errors[s.errorKind] = (errors[s.errorKind] ?? 0) + 1;
      const failedHere = new Map<string, ReturnType<typeof testKey>>();
      const matchedHere = new Set<string>();
      for (const t of s.tests) {
        if (!failedByCode(s, t)) continue;
        const k = testKey(t);
        failedHere.set(k.key, k);
        if (t.hintId) matchedHere.add(t.hintId);
      }
      // A submit counts once per test and once per mistake, however many cases showed it.
      for (const [key, k] of failedHere) {
        let entry = tests.get(key);
        if (!entry) tests.set(key, (entry = { id: k.id, name: k.name, kind: k.kind, failures: 0, who: new Set() }));
        entry.failures++;
        entry.who.add(s.userId);
      }
      for (const id of matchedHere) {
        let entry = mistakeCounts.get(id);
        if (!entry) mistakeCounts.set(id, (entry = { matches: 0, who: new Set() }));
        entry.matches++;
        entry.who.add(s.userId);
      }
    }

    const order = new Map(known.map((m, i) => [m.id, i]));
    const inRosterOrder = (who: Set<string>) => learners.filter((l) => who.has(l.id)).map((l) => l.id);
    const failingTests = [...tests.values()]
      .map((e) => ({ id: e.id, name: e.name, kind: e.kind, failures: e.failures, learners: e.who.size, learnerIds: inRosterOrder(e.who) }))
      .sort((a, b) => b.learners - a.learners || b.failures - a.failures || a.name.localeCompare(b.name));
    const mistakes = [...mistakeCounts.entries()]
      .map(([id, e]) => {
        const info = known.find((m) => m.id === id);
        // A mistake since removed from mistakes.json is still shown under its id.
        return { id, description: info?.description ?? id, hint: info?.hint ?? "", matches: e.matches, learners: e.who.size, learnerIds: inRosterOrder(e.who) };
      })
      .sort((a, b) => b.learners - a.learners || b.matches - a.matches || (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || a.id.localeCompare(b.id));

    return {
      ...ex,
      learners: learners.length,
      started,
      solved,
      shareSolved: learners.length ? solved / learners.length : null,
      attempts,
      runs,
      medianAttemptsToSolve: median(toSolve),
      failingTests,
      mistakes,
      errors,
    };
  });
}
