// The instructor-only exercise preview: reference solution, every test with its expected value
// (hidden ones included), the known mistakes with their hints, and a live run of the reference,
// the starter and each mistake through the real grader pool.
import { execFile } from "node:child_process";
import path from "node:path";
import { z } from "zod";
import type { ExerciseMeta } from "../../grader/exercise-schema";
import type { Exercise } from "../../grader/exercises";
import { exercisesDir } from "../../grader/exercises";
import { getGraderPool } from "../../grader/pool";
import { bundleForNode } from "../../scripts/bundle-entry.mjs";
import { analyseMutants, mutantSchema, type Mutant, type MutationMode, type MutationReport } from "../../grader/mutation";
import type { ExercisePreviewData, PreviewCase } from "../../grader/preview";
import { newSeed } from "../../grader/rng";
import type { GradeResult } from "../../grader/types";
import { assertInstructor, type Actor } from "../actor";
import { NotFoundError, parseInput } from "../domain-errors";
import { getExercise } from "../exercise-catalogue";

export type { PreviewCase };

export interface ExercisePreview {
  slug: string;
  version: string;
  meta: ExerciseMeta;
  statement: string;
  starter: string;
  reference: string;
  random: string | null;
  mistakes: { id: string; description: string; hint: string; source: string }[];
  /** Correct solutions in other styles (solutions/<name>.ts). */
  solutions: { name: string; source: string }[];
  /** What the live check panel lists: id, label and expectation of each file (no code). */
  liveItems: { id: string; label: string; expectation: string }[];
  cases: PreviewCase[];
  /** Set when the expected values could not be computed (a broken reference, say). */
  casesError: string | null;
  randomSeed: number;
  randomCasesPerSubmit: number;
}

/** Where grader/ and node_modules/ are: same rule as the grader pool. */
function projectRoot(): string {
  return path.resolve(process.env.GRADER_ROOT ?? process.cwd());
}

const PREVIEW_TIMEOUT_MS = 30_000;

let previewCli: Promise<string> | undefined;

/**
 * grader/preview-cli.ts compiled to JavaScript once per server process (no TypeScript loader in
 * production). npm packages stay external: the TypeScript compiler it parses mutants with is
 * loaded from node_modules rather than copied into the bundle.
 */
function compiledPreviewCli(root: string): Promise<string> {
  previewCli ??= bundleForNode(root, path.join("grader", "preview-cli.ts"), "grader", "preview-cli", { packages: "external" });
  previewCli.catch(() => (previewCli = undefined));
  return previewCli;
}

/** Runs grader/preview-cli.ts in a child process: the reference never runs in the web server. */
async function runPreviewCli<K extends "preview" | "mutants">(slug: string, key: K, what: string): Promise<PreviewCliOutput[K]> {
  const root = projectRoot();
  const cli = await compiledPreviewCli(root);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, slug, ...(key === "mutants" ? ["--mutants"] : [])],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: process.env.NODE_ENV ?? "production", EXERCISES_DIR: exercisesDir() },
        timeout: PREVIEW_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        let parsed: ({ ok: true } & Partial<PreviewCliOutput>) | { ok: false; error: string } | undefined;
        try {
          parsed = JSON.parse(stdout);
        } catch {
          // handled below
        }
        if (parsed?.ok && parsed[key] !== undefined) return resolve(parsed[key] as PreviewCliOutput[K]);
        const why =
          (parsed && !parsed.ok ? parsed.error : undefined) ??
          (error?.killed ? `timed out after ${PREVIEW_TIMEOUT_MS / 1000} s` : stderr.trim().slice(-500) || error?.message);
        reject(new Error(`Could not compute the ${what} of ${slug}: ${why}`));
      },
    );
  });
}

interface PreviewCliOutput {
  preview: ExercisePreviewData;
  mutants: Mutant[];
}

const cache = globalThis as typeof globalThis & { __instructorPreviewCache?: Map<string, Promise<unknown>> };

/** `compute()` once per key (an exercise version, say); a failure is forgotten so it can be retried. */
function once<T>(key: string, compute: () => Promise<T>): Promise<T> {
  const map = (cache.__instructorPreviewCache ??= new Map());
  let hit = map.get(key) as Promise<T> | undefined;
  if (!hit) {
    hit = compute();
    if (map.size > 200) map.clear();
    map.set(key, hit);
    hit.catch(() => map.delete(key));
  }
  return hit;
}

/** Expected values per exercise version, computed once (a changed folder has a new hash). */
export function expectedValues(ex: Exercise): Promise<ExercisePreviewData> {
  return once(`preview\0${ex.dir}\0${ex.hash}`, () => runPreviewCli(ex.slug, "preview", "expected values"));
}

function exerciseFor(instructor: Actor, slug: string): Exercise {
  assertInstructor(instructor);
  const ex = typeof slug === "string" ? getExercise(slug) : null;
  if (!ex) throw new NotFoundError(`There is no exercise "${String(slug).slice(0, 80)}".`);
  return ex;
}

export async function exercisePreview(instructor: Actor, slug: string): Promise<ExercisePreview> {
  const ex = exerciseFor(instructor, slug);
  let data: ExercisePreviewData | null = null;
  let casesError: string | null = null;
  try {
    data = await expectedValues(ex);
  } catch (e) {
    casesError = (e as Error).message;
  }
  return {
    slug: ex.slug,
    version: ex.hash,
    meta: ex.meta,
    statement: ex.statement,
    starter: ex.starter,
    reference: ex.reference,
    random: ex.random ?? null,
    mistakes: ex.mistakes.map(({ id, description, hint, source }) => ({ id, description, hint, source })),
    solutions: ex.solutions.map(({ name, source }) => ({ name, source })),
    liveItems: liveCandidates(ex).map(({ id, label, expectation }) => ({ id, label, expectation })),
    cases: data?.cases ?? [],
    casesError,
    randomSeed: data?.randomSeed ?? 0,
    randomCasesPerSubmit: data?.randomCasesPerSubmit ?? (ex.random ? ex.meta.randomCases : 0),
  };
}

// ---- Live check ------------------------------------------------------------------------------

export type LiveRole = "reference" | "starter" | "mistake" | "solution";

export interface LiveRun {
  /** "reference", "starter", "mistake:<id>" or "solution:<name>". */
  id: string;
  role: LiveRole;
  label: string;
  /** What exercises:check expects of this file, in words ("the file should …"). */
  expectation: string;
  /** Whether the grader's verdict meets the expectation. */
  ok: boolean;
  result: GradeResult;
}

export interface LiveCheck {
  slug: string;
  /** One seed for every run, so all of them meet the same random cases. */
  seed: number;
  runs: LiveRun[];
}

const onlySchema = z
  .string()
  .regex(/^(reference|starter|mistake:[a-z0-9]+(-[a-z0-9]+)*|solution:[A-Za-z0-9_.-]+)$/, {
    message: 'use "reference", "starter", "mistake:<id>" or "solution:<name>"',
  })
  .optional();

/** What the live check grades for an exercise, in the order the page lists it. */
export function liveCandidates(ex: Pick<Exercise, "reference" | "starter" | "mistakes" | "solutions">): (Omit<LiveRun, "ok" | "result"> & { code: string })[] {
  return [
    { id: "reference", role: "reference", label: "Reference solution", expectation: "pass every test", code: ex.reference },
    ...ex.solutions.map((sol) => ({
      id: `solution:${sol.name}`,
      role: "solution" as const,
      label: `Alternative solution: ${sol.name}`,
      expectation: "pass every test",
      code: sol.source,
    })),
    { id: "starter", role: "starter", label: "Starter code", expectation: "compile and fail", code: ex.starter },
    ...ex.mistakes.map((m) => ({
      id: `mistake:${m.id}`,
      role: "mistake" as const,
      label: `Mistake: ${m.id}`,
      expectation: "fail, with its own hint",
      code: m.source,
    })),
  ];
}

/**
 * Grades the reference, the alternative solutions, the starter and every known mistake (or
 * just `only`) as a Submit in the grader pool. Rejects with GradeJobError when the pool cannot
 * grade at all.
 */
export async function runExerciseLive(instructor: Actor, slug: string, options: { only?: unknown } = {}): Promise<LiveCheck> {
  const ex = exerciseFor(instructor, slug);
  const only = parseInput(onlySchema, options.only, "selection");
  const candidates = liveCandidates(ex);
  const selected = only ? candidates.filter((c) => c.id === only) : candidates;
  if (only && selected.length === 0) throw new NotFoundError(`${ex.slug} has no ${only.replace(/^(mistake|solution):/, "$1 ")}.`);
  const seed = newSeed();
  const pool = getGraderPool();
  const runs = await Promise.all(
    selected.map(async ({ code, ...run }): Promise<LiveRun> => {
      const result = await pool.grade({ slug: ex.slug, code, mode: "submit", seed });
      return { ...run, ok: meetsExpectation(run.role, run.id, result), result };
    }),
  );
  return { slug: ex.slug, seed, runs };
}

export function meetsExpectation(role: LiveRole, id: string, result: GradeResult): boolean {
  if (role === "reference" || role === "solution") return result.status === "pass";
  if (role === "starter") return result.status === "fail";
  const mistakeId = id.slice("mistake:".length);
  return result.status !== "pass" && result.tests.some((t) => t.hint?.id === mistakeId);
}

// ---- Mutation analysis ---------------------------------------------------------------------

/** "full" when asked for (e.g. ?mutants=full), quick otherwise: what exercises:check runs. */
export function mutationModeOf(value: unknown): MutationMode {
  return value === "full" ? "full" : "quick";
}

/**
 * The mutation analysis of an exercise's tests, as exercises:check computes it: mutants of the
 * reference made in a child process, each graded through the shared grader pool one at a time
 * (a learner's submission waits for at most one mutant). Once per exercise version, mode and
 * equivalent-mutants.json.
 */
export async function exerciseMutationAnalysis(instructor: Actor, slug: string, mode: MutationMode): Promise<MutationReport> {
  const ex = exerciseFor(instructor, slug);
  const key = `mutants\0${ex.dir}\0${ex.hash}\0${mode}\0${JSON.stringify(ex.equivalentMutants)}`;
  return once(key, async () => {
    const mutants = z.array(mutantSchema).parse(await runPreviewCli(ex.slug, "mutants", "mutants"));
    return analyseMutants(getGraderPool(), ex, mutants, { mode, concurrency: 1 });
  });
}
