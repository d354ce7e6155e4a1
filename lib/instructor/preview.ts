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

/** grader/preview-cli.ts compiled to JavaScript once per server process (no TypeScript loader in production). */
function compiledPreviewCli(root: string): Promise<string> {
  previewCli ??= bundleForNode(root, path.join("grader", "preview-cli.ts"), "grader", "preview-cli");
  previewCli.catch(() => (previewCli = undefined));
  return previewCli;
}

/** Runs grader/preview-cli.ts in a child process: the reference never runs in the web server. */
async function computePreview(slug: string): Promise<ExercisePreviewData> {
  const root = projectRoot();
  const cli = await compiledPreviewCli(root);
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, slug],
      {
        cwd: root,
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: process.env.NODE_ENV ?? "production", EXERCISES_DIR: exercisesDir() },
        timeout: PREVIEW_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        let parsed: { ok: true; preview: ExercisePreviewData } | { ok: false; error: string } | undefined;
        try {
          parsed = JSON.parse(stdout);
        } catch {
          // handled below
        }
        if (parsed?.ok) return resolve(parsed.preview);
        const why = parsed?.error ?? (error?.killed ? `timed out after ${PREVIEW_TIMEOUT_MS / 1000} s` : stderr.trim().slice(-500) || error?.message);
        reject(new Error(`Could not compute the expected values of ${slug}: ${why}`));
      },
    );
  });
}

const cache = globalThis as typeof globalThis & { __instructorPreviewCache?: Map<string, Promise<ExercisePreviewData>> };

/** Expected values per exercise version, computed once (a changed folder has a new hash). */
export function expectedValues(ex: Exercise): Promise<ExercisePreviewData> {
  const map = (cache.__instructorPreviewCache ??= new Map());
  const key = `${ex.dir}\0${ex.hash}`;
  let hit = map.get(key);
  if (!hit) {
    hit = computePreview(ex.slug);
    if (map.size > 200) map.clear();
    map.set(key, hit);
    hit.catch(() => map.delete(key));
  }
  return hit;
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
    cases: data?.cases ?? [],
    casesError,
    randomSeed: data?.randomSeed ?? 0,
    randomCasesPerSubmit: data?.randomCasesPerSubmit ?? (ex.random ? ex.meta.randomCases : 0),
  };
}

// ---- Live check ------------------------------------------------------------------------------

export type LiveRole = "reference" | "starter" | "mistake";

export interface LiveRun {
  /** "reference", "starter" or "mistake:<id>". */
  id: string;
  role: LiveRole;
  label: string;
  /** What exercises:check expects of this file, in words. */
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
  .regex(/^(reference|starter|mistake:[a-z0-9]+(-[a-z0-9]+)*)$/, { message: 'use "reference", "starter" or "mistake:<id>"' })
  .optional();

/**
 * Grades the reference, the starter and every known mistake (or just `only`) as a Submit in
 * the grader pool. Rejects with GradeJobError when the pool cannot grade at all.
 */
export async function runExerciseLive(instructor: Actor, slug: string, options: { only?: unknown } = {}): Promise<LiveCheck> {
  const ex = exerciseFor(instructor, slug);
  const only = parseInput(onlySchema, options.only, "selection");
  const candidates: (Omit<LiveRun, "ok" | "result"> & { code: string })[] = [
    { id: "reference", role: "reference", label: "Reference solution", expectation: "passes every test", code: ex.reference },
    { id: "starter", role: "starter", label: "Starter code", expectation: "compiles and fails", code: ex.starter },
    ...ex.mistakes.map((m) => ({
      id: `mistake:${m.id}`,
      role: "mistake" as const,
      label: `Mistake: ${m.id}`,
      expectation: "fails, recognised with its own hint",
      code: m.source,
    })),
  ];
  const selected = only ? candidates.filter((c) => c.id === only) : candidates;
  if (only && selected.length === 0) throw new NotFoundError(`${ex.slug} has no ${only.replace("mistake:", "mistake ")}.`);
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
  if (role === "reference") return result.status === "pass";
  if (role === "starter") return result.status === "fail";
  const mistakeId = id.slice("mistake:".length);
  return result.status !== "pass" && result.tests.some((t) => t.hint?.id === mistakeId);
}
