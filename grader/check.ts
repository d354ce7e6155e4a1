// Validates exercise folders through the same pool the server uses: the metadata loads and agrees
// with the signature, every test case (fixed and random) has the declared types and shapes, the
// worked examples match the reference and the statement, the reference passes every test, the
// alternative solutions pass, the starter fails (and compiles), every known mistake fails and is
// recognised by its own hint, the random generator is deterministic per seed, and the tests kill
// the reference's mutants (mutation analysis).
import path from "node:path";
import { deepEqual } from "./compare";
import { ExerciseCodeError, exerciseModules, type ExerciseModules } from "./compile";
import { duplicateIdProblem, ExerciseFormatError, exerciseSlugs, exercisesDir, loadExerciseFrom, type Exercise } from "./exercises";
import { randomCaseArgs } from "./grade";
import { mathProblems } from "./markdown-math";
import { generateMutants } from "./mutants";
import { analyseMutants, formatScore, type MutationMode, type MutationReport } from "./mutation";
import { GradeJobError, type GraderPool } from "./pool";
import { checkClassMeta, checkModuleMeta, checkScenarioData } from "./scenario-check";
import { checkCaseArgs, checkMeta, typeMismatch, type Signature } from "./test-data";
import type { GradeResult } from "./types";
import { wireClone } from "./wire";
import { checkHiddenExpected, checkWorkedExamples } from "./worked-examples";

/** Seeds used to grade the reference and the alternative solutions (several, so random cases vary). */
const REFERENCE_SEEDS = [1, 2, 3, 20240601];
const MISTAKE_SEED = 1;
/** Seeds whose random cases are checked against the signature and the inputs rules. */
const TEST_DATA_SEEDS = [7, 8, 9, 10, 11];
/** At most this many problems are listed per file for random cases (they tend to repeat). */
const MAX_RANDOM_PROBLEMS = 5;

export interface CheckReport {
  slug: string;
  /** exercise.json's order, once the folder loaded. */
  order?: number;
  ok: boolean;
  /** Each names the file (and field or test) an author must look at, and why. */
  problems: string[];
  /** Worth reading but not failures (e.g. surviving mutants when the score meets the threshold). */
  notes: string[];
  reference: string;
  starter: string;
  mistakes: string;
  random: string;
  /** Cases checked against the signature and inputs rules. */
  data: string;
  solutions: string;
  mutation: string;
  mutationReport?: MutationReport;
  durationMs: number;
}

export interface CheckOptions {
  /** Mutation analysis: quick (npm test), full (more seeds), or off. Default quick. */
  mutation?: MutationMode | "off";
}

export async function checkExercise(pool: GraderPool, slug: string, dir = exercisesDir(), options: CheckOptions = {}): Promise<CheckReport> {
  const started = performance.now();
  const report: CheckReport = {
    slug,
    ok: false,
    problems: [],
    notes: [],
    reference: "-",
    starter: "-",
    mistakes: "-",
    random: "-",
    data: "-",
    solutions: "-",
    mutation: "-",
    durationMs: 0,
  };
  const done = () => {
    report.ok = report.problems.length === 0;
    report.durationMs = Math.round(performance.now() - started);
    return report;
  };

  let ex: Exercise;
  try {
    ex = loadExerciseFrom(path.join(dir, slug), slug);
  } catch (e) {
    if (e instanceof ExerciseFormatError) {
      report.problems.push(...e.problems.map((p) => `${slug}/${e.file}: ${p}`));
      return done();
    }
    throw e;
  }
  report.order = ex.meta.order;
  if (!ex.statement.trim()) report.problems.push(`${slug}/statement.md: is empty`);
  report.problems.push(...mathProblems(ex.statement).map((p) => `${slug}/statement.md: ${p}`));
  for (const m of ex.mistakes) report.problems.push(...mathProblems(m.hint).map((p) => `${slug}/mistakes.json: ${m.id}: hint: ${p}`));

  let modules: ExerciseModules;
  try {
    modules = await exerciseModules(ex);
  } catch (e) {
    if (e instanceof ExerciseCodeError) {
      report.problems.push(e.message);
      return done();
    }
    throw e;
  }

  // The scaffold from `npm run exercises:new` leaves TODO markers for the author to replace.
  if (/\bTODO\b/.test(ex.meta.summary)) report.problems.push(`${slug}/exercise.json: summary: still the TODO placeholder`);
  if (/\bTODO\b/.test(ex.statement)) report.problems.push(`${slug}/statement.md: still contains a TODO placeholder`);

  if (ex.meta.class || ex.meta.module) {
    // A class, or several exports: scenarios instead of argument lists (grader/scenario-check.ts).
    const meta = ex.meta.class ? checkClassMeta(ex.meta) : checkModuleMeta(ex.meta);
    report.problems.push(...meta.problems.map((p) => `${slug}/exercise.json: ${p}`));
    if (meta.signature) {
      const data = checkScenarioData(ex, modules, meta.signature, new Set(modules.callbackNames ?? []));
      report.problems.push(...data.problems);
      report.data = data.problems.length ? "FAIL" : `ok (${data.checked} scenarios)`;
    }
  } else {
    const meta = checkMeta(ex.meta);
    report.problems.push(...meta.problems.map((p) => `${slug}/exercise.json: ${p}`));
    if (meta.signature) checkTestData(ex, modules, meta.signature, report);
  }

  try {
    await Promise.all([
      checkRandom(ex, modules, report),
      checkReference(pool, ex, report),
      checkStarter(pool, ex, report),
      checkMistakes(pool, ex, report),
      checkSolutions(pool, ex, report),
    ]);
    // Mutants are only meaningful against tests the reference itself passes.
    if (options.mutation !== "off" && !report.reference.startsWith("FAIL")) await checkMutants(pool, ex, report, options.mutation ?? "quick");
  } catch (e) {
    // The pool refuses to grade an exercise whose own files fail (e.g. reference.ts throws).
    if (!(e instanceof GradeJobError) || e.code !== "exercise-broken") throw e;
    report.problems.push(e.message.replace(/^This exercise cannot be graded: /, ""));
  }
  return done();
}

/** Runs a trusted function on a private copy; undefined when it throws. */
function tryRun(fn: (...args: unknown[]) => unknown, args: unknown[]): { value: unknown } | undefined {
  try {
    return { value: wireClone(fn(...wireClone(args))) };
  } catch {
    return undefined;
  }
}

/**
 * Every fixed case and a few seeds' random cases against the signature's types and the inputs
 * rules; the reference's results against the return type; the worked examples.
 */
function checkTestData(ex: Exercise, modules: ExerciseModules, sig: Signature, report: CheckReport): void {
  const before = report.problems.length;
  let checked = 0;
  /** The reference's value on `args`, and a problem when it does not have the declared return type. */
  const referenceResult = (where: string, args: unknown[]) => {
    const out = tryRun(modules.reference, args);
    const m = out ? typeMismatch(out.value, sig.returns, "the result") : null;
    return { value: out?.value, problem: m ? `${ex.slug}/reference.ts: on ${where}, ${m} (the signature's return type)` : undefined };
  };
  const visibleValues: unknown[] = [];
  const hiddenValues: unknown[] = [];
  for (const kind of ["visible", "hidden"] as const) {
    for (const c of ex.tests[kind]) {
      checked++;
      const where = `${kind} case "${c.id}"`;
      const problems = checkCaseArgs(ex.meta, sig, c.args);
      report.problems.push(...problems.map((p) => `${ex.slug}/tests.json: ${where}: ${p}`));
      const result = problems.length ? undefined : referenceResult(`tests.json ${where}`, c.args);
      if (result?.problem) report.problems.push(result.problem);
      (kind === "visible" ? visibleValues : hiddenValues).push(result?.value);
    }
  }
  report.problems.push(...checkWorkedExamples(ex, visibleValues));
  report.problems.push(...checkHiddenExpected(ex, hiddenValues));

  if (modules.generate) {
    const randomProblems: string[] = [];
    for (const seed of TEST_DATA_SEEDS) {
      let cases: unknown[][];
      try {
        cases = randomCaseArgs(ex, modules, seed);
      } catch {
        break; // checkRandom reports a generator that throws
      }
      cases.forEach((args, i) => {
        checked++;
        const where = `seed ${seed}, case ${i + 1}`;
        const problems = checkCaseArgs(ex.meta, sig, args);
        randomProblems.push(...problems.map((p) => `${ex.slug}/random.ts: ${where}: ${p}`));
        const problem = problems.length ? undefined : referenceResult(`random.ts ${where}`, args).problem;
        if (problem) randomProblems.push(problem);
      });
    }
    report.problems.push(...randomProblems.slice(0, MAX_RANDOM_PROBLEMS));
    if (randomProblems.length > MAX_RANDOM_PROBLEMS) {
      report.problems.push(`${ex.slug}/random.ts: … and ${randomProblems.length - MAX_RANDOM_PROBLEMS} more problems in random cases`);
    }
  }
  report.data = report.problems.length === before ? `ok (${checked} cases)` : "FAIL";
}

async function checkRandom(ex: Exercise, modules: ExerciseModules, report: CheckReport): Promise<void> {
  if (!modules.generate) {
    report.random = "none";
    return;
  }
  try {
    const a = randomCaseArgs(ex, modules, 7);
    const b = randomCaseArgs(ex, modules, 7);
    const c = randomCaseArgs(ex, modules, 8);
    const before = report.problems.length;
    if (!deepEqual(a, b)) report.problems.push(`${ex.slug}/random.ts: not deterministic (seed 7 gave different cases twice)`);
    // A zero-argument function has one call only: every seed gives the same (empty) cases.
    if (a.length > 0 && ex.meta.params.length > 0 && deepEqual(a, c)) report.problems.push(`${ex.slug}/random.ts: seeds 7 and 8 gave the same cases (does it use rng?)`);
    report.random = report.problems.length === before ? `ok (${ex.meta.randomCases})` : "FAIL";
  } catch (e) {
    report.random = "FAIL";
    report.problems.push(`${ex.slug}/random.ts: throws: ${(e as Error).message}`);
  }
}

function failures(r: GradeResult): string {
  const bad = r.tests.filter((t) => t.status !== "pass").slice(0, 3);
  const head = r.error ? `${r.error.kind}: ${r.error.message}` : "";
  return [head, ...bad.map((t) => `test "${t.name}" ${t.status}: ${t.message ?? ""}`)].filter(Boolean).join("; ");
}

/** Grades `code` on Run and on Submit with every reference seed; problems for each non-pass. */
async function mustPass(pool: GraderPool, ex: Exercise, file: string, code: string, report: CheckReport): Promise<GradeResult[] | null> {
  const results = await Promise.all([
    pool.grade({ slug: ex.slug, code, mode: "run" }),
    ...REFERENCE_SEEDS.map((seed) => pool.grade({ slug: ex.slug, code, mode: "submit", seed })),
  ]);
  let ok = true;
  for (const r of results) {
    if (r.status !== "pass") {
      ok = false;
      report.problems.push(`${ex.slug}/${file}: ${r.mode} (seed ${r.seed}) is ${r.status}, not pass: ${failures(r)}`);
    }
  }
  return ok ? results : null;
}

async function checkReference(pool: GraderPool, ex: Exercise, report: CheckReport): Promise<void> {
  const results = await mustPass(pool, ex, "reference.ts", ex.reference, report);
  report.reference = results ? `pass ${results[1].passed}/${results[1].total} ×${REFERENCE_SEEDS.length}` : "FAIL";
}

async function checkSolutions(pool: GraderPool, ex: Exercise, report: CheckReport): Promise<void> {
  if (ex.solutions.length === 0) {
    report.solutions = "none";
    return;
  }
  const passed = await Promise.all(ex.solutions.map((s) => mustPass(pool, ex, `solutions/${s.name}.ts`, s.source, report)));
  const n = passed.filter(Boolean).length;
  report.solutions = n === ex.solutions.length ? `${n}/${n} pass` : `FAIL ${n}/${ex.solutions.length}`;
}

async function checkStarter(pool: GraderPool, ex: Exercise, report: CheckReport): Promise<void> {
  const r = await pool.grade({ slug: ex.slug, code: ex.starter, mode: "submit", seed: MISTAKE_SEED });
  if (r.status === "fail") {
    report.starter = `fails ${r.total - r.passed}/${r.total}`;
    return;
  }
  report.starter = "FAIL";
  report.problems.push(
    r.status === "pass"
      ? `${ex.slug}/starter.ts: passes every test (a starter must not)`
      : `${ex.slug}/starter.ts: verdict error instead of fail (it must compile and export \`${ex.meta.export}\`): ${failures(r)}`,
  );
}

async function checkMistakes(pool: GraderPool, ex: Exercise, report: CheckReport): Promise<void> {
  if (ex.mistakes.length === 0) {
    report.mistakes = "none";
    return;
  }
  const results = await Promise.all(
    ex.mistakes.map((m) => pool.grade({ slug: ex.slug, code: m.source, mode: "submit", seed: MISTAKE_SEED })),
  );
  let recognised = 0;
  ex.mistakes.forEach((m, i) => {
    const r = results[i];
    const file = `${ex.slug}/mistakes/${m.id}.ts`;
    if (r.status === "pass") {
      report.problems.push(`${file}: passes every test; add a hidden test that catches it`);
      return;
    }
    if (r.status === "error") {
      report.problems.push(`${file}: verdict error instead of fail: ${failures(r)}`);
      return;
    }
    if (r.tests.some((t) => t.hint?.id === m.id)) {
      recognised++;
      return;
    }
    const others = [...new Set(r.tests.flatMap((t) => (t.hint ? [t.hint.id] : [])))];
    report.problems.push(
      `${file}: fails but its hint is never shown${others.length ? ` (tests matched ${others.join(", ")} first; order mistakes.json or add a test that tells them apart)` : " (no failing test matches its output)"}`,
    );
  });
  report.mistakes = `${recognised}/${ex.mistakes.length} recognised`;
}

/** Indents every line after the first, so a multi-line problem stays under its bullet. */
function indentBlock(text: string, by = "      "): string {
  return text.split("\n").join(`\n${by}`);
}

async function checkMutants(pool: GraderPool, ex: Exercise, report: CheckReport, mode: MutationMode): Promise<void> {
  const mutants = generateMutants(ex.reference);
  const r = await analyseMutants(pool, ex, mutants, { mode, concurrency: pool.size * 2 });
  report.mutationReport = r;
  report.mutation = `${formatScore(r)}${r.meetsThreshold ? "" : ` < ${Math.round(r.threshold * 100)}%`}`;
  const file = `${ex.slug}/reference.ts`;
  const survivors = r.mutants.filter((m) => m.status === "survived");
  const belowThreshold = !r.meetsThreshold;
  if (belowThreshold) {
    report.problems.push(
      `${ex.slug}/exercise.json: mutation score ${formatScore(r)} is below mutationThreshold ${r.threshold} (${mode} mode, seeds ${r.seeds.join(", ")}); the survivors follow`,
    );
  }
  for (const m of survivors) {
    const how = m.flaky ? `fails some seeds' random cases but passes everything with seed ${m.passedSeed}` : `passes every test (seed ${m.passedSeed})`;
    const text = indentBlock(
      `${file}: mutant ${m.id} survives: ${m.description} (line ${m.line}); it ${how}. Add a test that kills it, or if no input can tell it apart, add {"id": "${m.id}", "reason": "…"} to equivalent-mutants.json\n${m.diff}`,
    );
    (belowThreshold ? report.problems : report.notes).push(text);
  }
  for (const m of r.mutants.filter((x) => x.markedEquivalent)) {
    report.problems.push(`${ex.slug}/equivalent-mutants.json: ${m.id} is marked equivalent, but tests kill it (${m.killedBy?.join(", ")}): remove the entry`);
  }
  for (const id of r.staleEquivalents) {
    report.problems.push(`${ex.slug}/equivalent-mutants.json: ${id} matches no mutant of reference.ts any more (the line changed?): remove the entry`);
  }
  for (const m of r.mutants.filter((x) => x.status === "invalid")) {
    report.notes.push(`${file}: mutant ${m.id} could not be graded (${m.error}); it is not counted`);
  }
}

export interface CheckSummary {
  reports: CheckReport[];
  ok: boolean;
}

/** Order and id of every folder that loads, for the duplicate checks (whatever slugs are checked). */
function identities(dir: string): Map<string, { order: number; id: string }> {
  const out = new Map<string, { order: number; id: string }>();
  for (const slug of exerciseSlugs(dir)) {
    try {
      const { meta } = loadExerciseFrom(path.join(dir, slug), slug);
      out.set(slug, { order: meta.order, id: meta.id });
    } catch {
      // reported by that folder's own check
    }
  }
  return out;
}

/**
 * Problems of `slug` shared with an earlier folder (in slug order, as the catalogue loads them):
 * the same order (arbitrary listing), the same id (the catalogue skips the later folder).
 */
function duplicateProblems(slug: string, all: Map<string, { order: number; id: string }>): string[] {
  const me = all.get(slug);
  if (!me) return [];
  const problems: string[] = [];
  for (const [other, o] of all) {
    if (other >= slug) continue;
    if (o.order === me.order) problems.push(`${slug}/exercise.json: order ${me.order} is also used by ${other} (the catalogue order would be arbitrary)`);
    if (o.id === me.id) problems.push(`${slug}/exercise.json: ${duplicateIdProblem(me.id, other)}`);
  }
  return problems;
}

/** Checks the given slugs (default: every exercise folder), reporting each as it finishes. */
export async function checkExercises(
  pool: GraderPool,
  options: CheckOptions & { slugs?: string[]; dir?: string; onReport?: (r: CheckReport) => void } = {},
): Promise<CheckSummary> {
  const dir = options.dir ?? exercisesDir();
  const slugs = options.slugs ?? exerciseSlugs(dir);
  const all = identities(dir);
  const reports: CheckReport[] = [];
  for (const slug of slugs) {
    const r = await checkExercise(pool, slug, dir, options);
    const dup = duplicateProblems(slug, all);
    if (dup.length) {
      r.problems.push(...dup);
      r.ok = false;
    }
    reports.push(r);
    options.onReport?.(r);
  }
  return { reports, ok: reports.length > 0 && reports.every((r) => r.ok) };
}
