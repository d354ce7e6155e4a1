// Reads exercise folders from disk. Nothing about a particular exercise lives in code:
// every exercise is exercises/<slug>/ in the format described by exercise-schema.ts.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ZodType } from "zod";
import { exerciseParams, normalizeArgs, type ParamInfo } from "./signature-params";
import {
  SLUG_PATTERN,
  equivalentMutantsSchema,
  metaSchema,
  mistakesSchema,
  testsSchema,
  type EquivalentMutant,
  type ExerciseMeta,
  type Mistake,
  type Plot,
  type TestCase,
  type Tests,
} from "./exercise-schema";
import { scenarioShapeProblems, scenarioSteps } from "./scenarios";

/** Grader-only functions that test data passes as arguments (grader/callbacks.ts). */
export const CALLBACKS_FILE = "callbacks.ts";

export interface MistakeSource extends Mistake {
  source: string;
}

/** A correct solution written differently from the reference (solutions/<name>.ts). */
export interface AlternativeSolution {
  name: string;
  source: string;
}

/** Everything in an exercise folder, hidden parts included: server-side only. */
export interface Exercise {
  slug: string;
  dir: string;
  meta: ExerciseMeta;
  statement: string;
  starter: string;
  reference: string;
  tests: Tests;
  mistakes: MistakeSource[];
  /** Source of callbacks.ts: functions test data passes as arguments, {"$fn": "name"} (grader/callbacks.ts). */
  callbacks?: string;
  /** Source of random.ts, when the exercise has seeded random cases. */
  random?: string;
  /** Correct solutions in other styles, which exercises:check grades: must pass. */
  solutions: AlternativeSolution[];
  /** Mutants of reference.ts the author marked as equivalent (equivalent-mutants.json). */
  equivalentMutants: EquivalentMutant[];
  /**
   * Changes whenever a file learners are graded with changes: a new version of the exercise.
   * Alternative solutions and equivalent-mutants.json are authoring aids and do not count.
   */
  hash: string;
}

/** What the browser may see of an exercise: no reference, hidden cases, mistakes or generator. */
export interface PublicExercise {
  slug: string;
  version: string;
  meta: ExerciseMeta;
  statement: string;
  starter: string;
  examples: TestCase[];
  hiddenCount: number;
  randomCount: number;
  plots: Plot[];
}

/** A problem in an exercise folder, pointing at the file and field an author must fix. */
export class ExerciseFormatError extends Error {
  constructor(
    readonly slug: string,
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${slug}/${file}: ${problems.join("; ")}`);
    this.name = "ExerciseFormatError";
  }
}

export function exercisesDir(): string {
  return path.resolve(process.env.EXERCISES_DIR ?? path.join(process.cwd(), "exercises"));
}

/** Slugs of the folders under exercises/ that look like exercises (NN-kebab-name). */
export function exerciseSlugs(dir = exercisesDir()): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => SLUG_PATTERN.test(name) && statSync(path.join(dir, name)).isDirectory())
    .sort();
}

function readText(slug: string, dir: string, file: string): string {
  const full = path.join(dir, file);
  if (!existsSync(full)) throw new ExerciseFormatError(slug, file, ["file is missing"]);
  return readFileSync(full, "utf8");
}

function parseJson<T>(slug: string, dir: string, file: string, schema: ZodType<T>, prepare?: (raw: unknown) => unknown): T {
  const text = readText(slug, dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ExerciseFormatError(slug, file, [`not valid JSON (${(e as Error).message})`]);
  }
  if (prepare) raw = prepare(raw);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ExerciseFormatError(
      slug,
      file,
      parsed.error.issues.map((i) => `${i.path.length ? i.path.join(".") : "(root)"}: ${i.message}`),
    );
  }
  return parsed.data;
}

/** Loads and validates one exercise folder; throws ExerciseFormatError on any problem. */
export function loadExerciseFrom(dir: string, slug = path.basename(dir)): Exercise {
  const meta = parseJson(slug, dir, "exercise.json", metaSchema);
  // Arguments by name, left-out optional ones and null for undefined become plain argument lists.
  // Only for one exported function: a class's steps and the calls of several exports give their
  // arguments as lists, checked against the API below (grader/scenarios.ts).
  const params = exerciseParams(meta);
  const tests = parseJson(slug, dir, "tests.json", testsSchema, (raw) => {
    if (meta.class !== undefined || meta.module !== undefined) return raw;
    const argProblems: string[] = [];
    const normalized = normalizeTestArgs(raw, params, argProblems);
    if (argProblems.length) throw new ExerciseFormatError(slug, "tests.json", argProblems);
    return normalized;
  });
  const mistakeList = existsSync(path.join(dir, "mistakes.json"))
    ? parseJson(slug, dir, "mistakes.json", mistakesSchema)
    : [];
  const statement = readText(slug, dir, "statement.md");
  const starter = readText(slug, dir, "starter.ts");
  const reference = readText(slug, dir, "reference.ts");
  const random = existsSync(path.join(dir, "random.ts")) ? readText(slug, dir, "random.ts") : undefined;
  const callbacks = existsSync(path.join(dir, CALLBACKS_FILE)) ? readText(slug, dir, CALLBACKS_FILE) : undefined;
  const mistakes = mistakeList.map((m) => ({ ...m, source: readText(slug, dir, `mistakes/${m.id}.ts`) }));
  const solutions = listSolutions(dir).map((name) => ({ name, source: readText(slug, dir, `solutions/${name}.ts`) }));
  const equivalentMutants = existsSync(path.join(dir, EQUIVALENT_MUTANTS_FILE))
    ? parseJson(slug, dir, EQUIVALENT_MUTANTS_FILE, equivalentMutantsSchema)
    : [];

  const problems: string[] = [];
  if (meta.class && meta.module) problems.push(`exercise.json: "class" and "module" exclude each other`);
  if (meta.module && !meta.module.functions.includes(meta.export)) problems.push(`exercise.json: module.functions must include the export \`${meta.export}\``);
  for (const c of [...tests.visible, ...tests.hidden]) {
    if (c.call !== undefined && meta.module === undefined) problems.push(`test "${c.name}": call needs several exports (exercise.json "module")`);
    if (meta.module !== undefined && c.steps === undefined) {
      // With several exports a case is one call of one of them: a one-step scenario.
      // An expected error moves into the step too: scenarios check throws per step.
      const step = {
        call: c.call ?? meta.export,
        args: c.args,
        ...(c.expected !== undefined ? { expected: c.expected } : {}),
        ...(c.decimals !== undefined ? { decimals: c.decimals } : {}),
        ...(c.throws !== undefined ? { throws: c.throws } : {}),
      };
      c.steps = [step];
      c.args = [c.steps];
      delete c.expected;
      delete c.decimals;
      delete c.throws;
    }
    // A class exercise's cases are scenarios (grader/scenarios.ts), a function's are calls.
    if (meta.class !== undefined || meta.module !== undefined || c.steps !== undefined) {
      if (c.steps === undefined) problems.push(`test "${c.name}": exercise.json declares a class: give the case steps (a scenario), not args`);
      else problems.push(...scenarioShapeProblems(meta, c.steps).map((p) => `test "${c.name}": ${p}`));
      continue;
    }
    // A plain call's argument count was checked against the signature when tests.json was read.
  }
  const names = [...tests.visible, ...tests.hidden].map((c) => c.name);
  for (const dup of duplicates(names)) problems.push(`test name "${dup}" is used twice`);
  for (const dup of duplicates([...tests.visible, ...tests.hidden].map((c) => c.id))) problems.push(`test id "${dup}" is used twice`);
  if (meta.randomCases > 0 && random === undefined) {
    problems.push(`randomCases is ${meta.randomCases} but there is no random.ts`);
  }
  if (problems.length) throw new ExerciseFormatError(slug, "tests.json", problems);

  const hash = createHash("sha256");
  for (const part of [
    JSON.stringify(meta),
    JSON.stringify(tests),
    statement,
    starter,
    reference,
    random ?? "",
    callbacks ?? "",
    ...mistakes.map((m) => JSON.stringify(m)),
  ]) {
    hash.update(part).update("\0");
  }
  return {
    slug,
    dir,
    meta,
    statement,
    starter,
    reference,
    tests,
    mistakes,
    random,
    ...(callbacks !== undefined ? { callbacks } : {}),
    solutions,
    equivalentMutants,
    hash: hash.digest("hex").slice(0, 16),
  };
}

export const EQUIVALENT_MUTANTS_FILE = "equivalent-mutants.json";

/** tests.json with each case's `args` as the list the function is called with; problems are collected. */
function normalizeTestArgs(raw: unknown, params: ParamInfo[], problems: string[]): unknown {
  if (raw === null || typeof raw !== "object") return raw;
  const out: Record<string, unknown> = { ...(raw as Record<string, unknown>) };
  for (const group of ["visible", "hidden"]) {
    const cases = out[group];
    if (!Array.isArray(cases)) continue;
    out[group] = cases.map((c: unknown) => {
      if (c === null || typeof c !== "object" || !("args" in c)) return c;
      const r = normalizeArgs((c as { args: unknown }).args, params);
      if ("problem" in r) {
        const name = (c as { name?: unknown }).name;
        problems.push(`test ${typeof name === "string" ? JSON.stringify(name) : `${group} #${cases.indexOf(c) + 1}`}: ${r.problem}`);
        return c;
      }
      return { ...c, args: r.args };
    });
  }
  return out;
}

function duplicates(values: string[]): Set<string> {
  return new Set(values.filter((v, i) => values.indexOf(v) !== i));
}

/** Names of solutions/<name>.ts, sorted. */
function listSolutions(dir: string): string[] {
  const sub = path.join(dir, "solutions");
  if (!existsSync(sub)) return [];
  return readdirSync(sub)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .sort();
}

export function loadExercise(slug: string): Exercise | null {
  if (!SLUG_PATTERN.test(slug)) return null;
  const dir = path.join(exercisesDir(), slug);
  if (!existsSync(dir)) return null;
  return loadExerciseFrom(dir, slug);
}

export interface Catalogue {
  exercises: Exercise[];
  errors: ExerciseFormatError[];
}

/**
 * Every valid exercise in order, plus the folders that failed to load (the app skips those).
 * A folder whose id another folder already has (a copied folder) fails: one id, one exercise.
 */
export function loadCatalogue(dir = exercisesDir()): Catalogue {
  const exercises: Exercise[] = [];
  const errors: ExerciseFormatError[] = [];
  const byId = new Map<string, string>();
  for (const slug of exerciseSlugs(dir)) {
    try {
      const ex = loadExerciseFrom(path.join(dir, slug), slug);
      const other = byId.get(ex.meta.id);
      if (other) throw new ExerciseFormatError(slug, "exercise.json", [duplicateIdProblem(ex.meta.id, other)]);
      byId.set(ex.meta.id, slug);
      exercises.push(ex);
    } catch (e) {
      if (e instanceof ExerciseFormatError) errors.push(e);
      else throw e;
    }
  }
  exercises.sort((a, b) => a.meta.order - b.meta.order || a.slug.localeCompare(b.slug));
  return { exercises, errors };
}

export function duplicateIdProblem(id: string, otherSlug: string): string {
  return `id: ${id} is also the id of ${otherSlug} (a copied folder needs a new id: any fresh UUID)`;
}

export function publicExercise(ex: Exercise): PublicExercise {
  return {
    slug: ex.slug,
    version: ex.hash,
    meta: ex.meta,
    statement: ex.statement,
    starter: ex.starter,
    // A scenario's per-step expected values stay out, as a case's `expected` does.
    examples: ex.tests.visible.map(({ id, name, args, steps }) => {
      if (!steps) return { id, name, args };
      const shown = scenarioSteps(steps);
      return { id, name, args: [shown], steps: shown };
    }),
    hiddenCount: ex.tests.hidden.length,
    randomCount: ex.random ? ex.meta.randomCases : 0,
    plots: ex.meta.plots,
  };
}
