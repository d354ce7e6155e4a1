// The last good version of every exercise folder, so that an edit `exercises:check` rejects (a
// typo in tests.json) is never served: learners keep the last version that loaded while the
// instructor pages show the error. Each folder that loads is copied once per content hash to
//   <snapshots>/<slug>/<hash>/      (the folder as it was)
//   <snapshots>/<slug>/last-good    (the hash of the newest one that loaded)
// where <snapshots> is EXERCISE_SNAPSHOTS_DIR, by default .exercise-snapshots/<name of the
// exercises folder> next to that folder. The web server and the grader workers both resolve a
// slug here (loadServedExercise, servedCatalogue), so what is shown and what is graded agree.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ExerciseFormatError, exercisesDir, loadCatalogue, loadExerciseFrom, type Catalogue, type Exercise } from "./exercises";
import { SLUG_PATTERN } from "./exercise-schema";

export function snapshotsDir(dir = exercisesDir()): string {
  const fromEnv = process.env.EXERCISE_SNAPSHOTS_DIR;
  return path.resolve(fromEnv ? fromEnv : path.join(path.dirname(dir), ".exercise-snapshots", path.basename(dir)));
}

const HASH = /^[0-9a-f]{8,64}$/;
const warned = new Set<string>();

/** Keeps a copy of a folder that loaded, and records it as the slug's last good version. */
export function rememberGood(ex: Exercise, dir = exercisesDir()): void {
  const root = path.join(snapshotsDir(dir), ex.slug);
  const marker = path.join(root, "last-good");
  try {
    if (existsSync(marker) && readFileSync(marker, "utf8").trim() === ex.hash && existsSync(path.join(root, ex.hash))) return;
    const target = path.join(root, ex.hash);
    if (!existsSync(target)) {
      // Copied aside first and renamed into place: a reader never sees half a folder.
      const tmp = `${target}.tmp-${process.pid}-${Date.now()}`;
      mkdirSync(root, { recursive: true });
      cpSync(ex.dir, tmp, { recursive: true });
      try {
        renameSync(tmp, target);
      } catch (e) {
        rmSync(tmp, { recursive: true, force: true });
        // Another process put the same version in place first.
        if (!existsSync(target)) throw e;
      }
    }
    const tmpMarker = `${marker}.tmp-${process.pid}`;
    writeFileSync(tmpMarker, ex.hash);
    renameSync(tmpMarker, marker);
  } catch (e) {
    // Serving goes on without a snapshot (a read-only disk): a later broken edit is then 404.
    // Said once per version, not on every load.
    const key = `${root}@${ex.hash}`;
    if (!warned.has(key)) console.error(`could not keep a copy of ${ex.slug}@${ex.hash}: ${(e as Error).message}`);
    warned.add(key);
  }
}

/** The slug's last good version, loaded from its copy; null when there is none. */
export function lastGood(slug: string, dir = exercisesDir()): Exercise | null {
  if (!SLUG_PATTERN.test(slug)) return null;
  const root = path.join(snapshotsDir(dir), slug);
  try {
    const hash = readFileSync(path.join(root, "last-good"), "utf8").trim();
    if (!HASH.test(hash)) return null;
    const ex = loadExerciseFrom(path.join(root, hash), slug);
    return ex.hash === hash ? ex : null;
  } catch {
    return null;
  }
}

/**
 * The exercise to serve and grade for `slug`: the folder on disk when it loads (remembered as
 * the last good version), else its last good version; null when neither exists. A broken folder
 * with no good version behind it throws its ExerciseFormatError.
 */
export function loadServedExercise(slug: string, dir = exercisesDir()): Exercise | null {
  // A folder that is gone is a removed exercise: nothing is served in its place.
  if (!SLUG_PATTERN.test(slug) || !existsSync(path.join(dir, slug))) return null;
  try {
    const ex = loadExerciseFrom(path.join(dir, slug), slug);
    rememberGood(ex, dir);
    return ex;
  } catch (e) {
    if (!(e instanceof ExerciseFormatError)) throw e;
    const good = lastGood(slug, dir);
    if (good) return good;
    throw e;
  }
}

/** A folder that fails to load while its last good version is served in its place. */
export interface StaleExercise {
  slug: string;
  /** The hash of the version served. */
  servedHash: string;
  error: ExerciseFormatError;
}

export interface ServedCatalogue extends Catalogue {
  /** Broken folders served from their last good version (also listed in `errors`). */
  stale: StaleExercise[];
}

/**
 * Every exercise to serve: the folders that load (each remembered as its last good version) and,
 * for a folder that fails, its last good version. `errors` still lists every failing folder.
 */
export function servedCatalogue(dir = exercisesDir()): ServedCatalogue {
  const catalogue = loadCatalogue(dir);
  for (const ex of catalogue.exercises) rememberGood(ex, dir);
  const stale: StaleExercise[] = [];
  const exercises = [...catalogue.exercises];
  const ids = new Set(exercises.map((e) => e.meta.id));
  for (const error of catalogue.errors) {
    const good = lastGood(error.slug, dir);
    // A copied folder that clashes with another's id has no version of its own to fall back on.
    if (!good || ids.has(good.meta.id)) continue;
    ids.add(good.meta.id);
    exercises.push(good);
    stale.push({ slug: error.slug, servedHash: good.hash, error });
  }
  exercises.sort((a, b) => a.meta.order - b.meta.order || a.slug.localeCompare(b.slug));
  return { exercises, errors: catalogue.errors, stale };
}
