// Reads exercise folders from disk. Nothing about a particular exercise lives in code:
// every exercise is exercises/<slug>/ in the format described by exercise-schema.ts.
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import type { ZodType } from "zod";
import {
  SLUG_PATTERN,
  metaSchema,
  mistakesSchema,
  testsSchema,
  type ExerciseMeta,
  type Mistake,
  type Plot,
  type TestCase,
  type Tests,
} from "./exercise-schema";

export interface MistakeSource extends Mistake {
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
  /** Source of random.ts, when the exercise has seeded random cases. */
  random?: string;
  /** Changes whenever any file of the folder changes: a new version of the exercise. */
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

function parseJson<T>(slug: string, dir: string, file: string, schema: ZodType<T>): T {
  const text = readText(slug, dir, file);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new ExerciseFormatError(slug, file, [`not valid JSON (${(e as Error).message})`]);
  }
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
  const tests = parseJson(slug, dir, "tests.json", testsSchema);
  const mistakeList = existsSync(path.join(dir, "mistakes.json"))
    ? parseJson(slug, dir, "mistakes.json", mistakesSchema)
    : [];
  const statement = readText(slug, dir, "statement.md");
  const starter = readText(slug, dir, "starter.ts");
  const reference = readText(slug, dir, "reference.ts");
  const random = existsSync(path.join(dir, "random.ts")) ? readText(slug, dir, "random.ts") : undefined;
  const mistakes = mistakeList.map((m) => ({ ...m, source: readText(slug, dir, `mistakes/${m.id}.ts`) }));

  const problems: string[] = [];
  for (const c of [...tests.visible, ...tests.hidden]) {
    if (c.args.length !== meta.params.length) {
      problems.push(`test "${c.name}": ${c.args.length} args but exercise.json lists ${meta.params.length} params`);
    }
  }
  const names = [...tests.visible, ...tests.hidden].map((c) => c.name);
  for (const dup of new Set(names.filter((n, i) => names.indexOf(n) !== i))) {
    problems.push(`test name "${dup}" is used twice`);
  }
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
    ...mistakes.map((m) => JSON.stringify(m)),
  ]) {
    hash.update(part).update("\0");
  }
  return { slug, dir, meta, statement, starter, reference, tests, mistakes, random, hash: hash.digest("hex").slice(0, 16) };
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

/** Every valid exercise in order, plus the folders that failed to load (the app skips those). */
export function loadCatalogue(dir = exercisesDir()): Catalogue {
  const exercises: Exercise[] = [];
  const errors: ExerciseFormatError[] = [];
  for (const slug of exerciseSlugs(dir)) {
    try {
      exercises.push(loadExerciseFrom(path.join(dir, slug), slug));
    } catch (e) {
      if (e instanceof ExerciseFormatError) errors.push(e);
      else throw e;
    }
  }
  exercises.sort((a, b) => a.meta.order - b.meta.order || a.slug.localeCompare(b.slug));
  return { exercises, errors };
}

export function publicExercise(ex: Exercise): PublicExercise {
  return {
    slug: ex.slug,
    version: ex.hash,
    meta: ex.meta,
    statement: ex.statement,
    starter: ex.starter,
    examples: ex.tests.visible,
    hiddenCount: ex.tests.hidden.length,
    randomCount: ex.random ? ex.meta.randomCases : 0,
    plots: ex.meta.plots,
  };
}
