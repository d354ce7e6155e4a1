// Validates exercise folders through the same pool the server uses: the metadata loads, the
// reference passes every test, the starter fails (and compiles), every known mistake fails and
// is recognised by its own hint, and the random generator is deterministic per seed.
import path from "node:path";
import { deepEqual } from "./compare";
import { ExerciseCodeError, exerciseModules } from "./compile";
import { ExerciseFormatError, exerciseSlugs, exercisesDir, loadExerciseFrom, type Exercise } from "./exercises";
import { randomCaseArgs } from "./grade";
import { GradeJobError, type GraderPool } from "./pool";
import type { GradeResult } from "./types";

/** Seeds used to grade the reference (several, so random cases vary). */
const REFERENCE_SEEDS = [1, 2, 3, 20240601];
const MISTAKE_SEED = 1;

export interface CheckReport {
  slug: string;
  /** exercise.json's order, once the folder loaded. */
  order?: number;
  ok: boolean;
  /** Each names the file (and field or test) an author must look at. */
  problems: string[];
  reference: string;
  starter: string;
  mistakes: string;
  random: string;
  durationMs: number;
}

export async function checkExercise(pool: GraderPool, slug: string, dir = exercisesDir()): Promise<CheckReport> {
  const started = performance.now();
  const report: CheckReport = {
    slug,
    ok: false,
    problems: [],
    reference: "-",
    starter: "-",
    mistakes: "-",
    random: "-",
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

  try {
    await exerciseModules(ex);
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

  try {
    await Promise.all([
      checkRandom(ex, report),
      checkReference(pool, ex, report),
      checkStarter(pool, ex, report),
      checkMistakes(pool, ex, report),
    ]);
  } catch (e) {
    // The pool refuses to grade an exercise whose own files fail (e.g. reference.ts throws).
    if (!(e instanceof GradeJobError) || e.code !== "exercise-broken") throw e;
    report.problems.push(e.message.replace(/^This exercise cannot be graded: /, ""));
  }
  return done();
}

async function checkRandom(ex: Exercise, report: CheckReport): Promise<void> {
  if (!ex.random) {
    report.random = "none";
    return;
  }
  const modules = await exerciseModules(ex);
  try {
    const a = randomCaseArgs(ex, modules, 7);
    const b = randomCaseArgs(ex, modules, 7);
    const c = randomCaseArgs(ex, modules, 8);
    const before = report.problems.length;
    if (!deepEqual(a, b)) report.problems.push(`${ex.slug}/random.ts: not deterministic (seed 7 gave different cases twice)`);
    if (a.length > 0 && deepEqual(a, c)) report.problems.push(`${ex.slug}/random.ts: seeds 7 and 8 gave the same cases (does it use rng?)`);
    a.forEach((args, i) => {
      if (args.length !== ex.meta.params.length) {
        report.problems.push(`${ex.slug}/random.ts: case ${i + 1} has ${args.length} args, exercise.json lists ${ex.meta.params.length} params`);
      }
    });
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

async function checkReference(pool: GraderPool, ex: Exercise, report: CheckReport): Promise<void> {
  const results = await Promise.all([
    pool.grade({ slug: ex.slug, code: ex.reference, mode: "run" }),
    ...REFERENCE_SEEDS.map((seed) => pool.grade({ slug: ex.slug, code: ex.reference, mode: "submit", seed })),
  ]);
  let ok = true;
  for (const r of results) {
    if (r.status !== "pass") {
      ok = false;
      report.problems.push(`${ex.slug}/reference.ts: ${r.mode} (seed ${r.seed}) is ${r.status}, not pass: ${failures(r)}`);
    }
  }
  const submit = results[1];
  report.reference = ok ? `pass ${submit.passed}/${submit.total} ×${REFERENCE_SEEDS.length}` : "FAIL";
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

export interface CheckSummary {
  reports: CheckReport[];
  ok: boolean;
}

/** Checks the given slugs (default: every exercise folder), reporting each as it finishes. */
export async function checkExercises(
  pool: GraderPool,
  options: { slugs?: string[]; dir?: string; onReport?: (r: CheckReport) => void } = {},
): Promise<CheckSummary> {
  const dir = options.dir ?? exercisesDir();
  const slugs = options.slugs ?? exerciseSlugs(dir);
  const reports: CheckReport[] = [];
  for (const slug of slugs) {
    const r = await checkExercise(pool, slug, dir);
    reports.push(r);
    options.onReport?.(r);
  }
  // Two exercises with the same order would be listed in an arbitrary order.
  if (!options.slugs) {
    const seen = new Map<number, string>();
    for (const r of reports) {
      const order = r.order;
      if (order === undefined) continue;
      const other = seen.get(order);
      if (other) {
        r.problems.push(`${r.slug}/exercise.json: order ${order} is also used by ${other}`);
        r.ok = false;
      } else seen.set(order, r.slug);
    }
  }
  return { reports, ok: reports.length > 0 && reports.every((r) => r.ok) };
}
