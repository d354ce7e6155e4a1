// The versions of every exercise folder, so that an edit `exercises:check` rejects is never
// served: learners keep the last good version while the instructor pages show the problems.
// Each folder that loads is copied once per content hash, and each copy is checked once in the
// background (grader/version-check.ts: grader/check.ts without mutation analysis):
//   <snapshots>/<slug>/<hash>/             (the folder as it was)
//   <snapshots>/<slug>/<hash>.check.json   (what the check said about it)
//   <snapshots>/<slug>/last-checked        (the hash of the newest version that passed the check)
//   <snapshots>/<slug>/last-good           (the hash of the newest version that loaded)
// where <snapshots> is EXERCISE_SNAPSHOTS_DIR, by default .exercise-snapshots/<name of the
// exercises folder> next to that folder. The rule (README "Exercise versions, regrades and broken
// edits"): the folder's version is served once its check passed; until then, or when it fails,
// the last version that passed is served; a folder with no version that passed yet (a first
// start, a new exercise) is served as soon as it loads, and a folder that does not load falls back
// to the last version that passed, else the last one that loaded. The web server and the grader
// workers both resolve a slug here (loadServedExercise, servedCatalogue), so what is shown and
// what is graded agree.
import { cpSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ExerciseFormatError, exercisesDir, loadCatalogue, loadExerciseFrom, type Catalogue, type Exercise } from "./exercises";
import { SLUG_PATTERN } from "./exercise-schema";
import { readVersionCheck, type VersionCheck } from "./version-check";

export function snapshotsDir(dir = exercisesDir()): string {
  const fromEnv = process.env.EXERCISE_SNAPSHOTS_DIR;
  return path.resolve(fromEnv ? fromEnv : path.join(path.dirname(dir), ".exercise-snapshots", path.basename(dir)));
}

const HASH = /^[0-9a-f]{8,64}$/;
const warned = new Set<string>();

/** Keeps a copy of a folder that loaded, and records it as the slug's newest loaded version. */
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

/** The version a marker file names, loaded from its copy; null when there is none. */
function fromMarker(slug: string, marker: string, dir: string): Exercise | null {
  if (!SLUG_PATTERN.test(slug)) return null;
  const root = path.join(snapshotsDir(dir), slug);
  try {
    const hash = readFileSync(path.join(root, marker), "utf8").trim();
    if (!HASH.test(hash)) return null;
    const ex = loadExerciseFrom(path.join(root, hash), slug);
    return ex.hash === hash ? ex : null;
  } catch {
    return null;
  }
}

/** The newest version of `slug` that passed the check (its outcome is stored and ok); null when none did. */
export function lastChecked(slug: string, dir = exercisesDir()): Exercise | null {
  const ex = fromMarker(slug, "last-checked", dir);
  return ex && readVersionCheck(snapshotsDir(dir), slug, ex.hash)?.ok ? ex : null;
}

/** Records `ex` (whose check passed) as the slug's newest checked version. */
function rememberChecked(ex: Exercise, dir: string): void {
  const marker = path.join(snapshotsDir(dir), ex.slug, "last-checked");
  try {
    if (existsSync(marker) && readFileSync(marker, "utf8").trim() === ex.hash) return;
    const tmp = `${marker}.tmp-${process.pid}`;
    writeFileSync(tmp, ex.hash);
    renameSync(tmp, marker);
  } catch (e) {
    console.error(`could not record ${ex.slug}@${ex.hash} as checked: ${(e as Error).message}`);
  }
}

/**
 * What a folder that fails to load is served as: the newest version that passed the check,
 * else (none passed yet) the newest that loaded; null when there is neither.
 */
export function lastGood(slug: string, dir = exercisesDir()): Exercise | null {
  return lastChecked(slug, dir) ?? fromMarker(slug, "last-good", dir);
}

/** The folder's loaded version and what is served for it (see the rule at the top). */
interface Resolved {
  served: Exercise;
  /** The check's outcome for the folder's version; null while it was never checked. */
  check: VersionCheck | null;
  /** The folder's version is not served: its check is pending or failed, an older one passed. */
  heldBack: boolean;
}

function resolveLoaded(disk: Exercise, dir: string): Resolved {
  rememberGood(disk, dir);
  const check = readVersionCheck(snapshotsDir(dir), disk.slug, disk.hash);
  if (check?.ok) {
    rememberChecked(disk, dir);
    return { served: disk, check, heldBack: false };
  }
  const checked = lastChecked(disk.slug, dir);
  if (checked && checked.hash !== disk.hash) return { served: checked, check, heldBack: true };
  return { served: disk, check, heldBack: false };
}

/**
 * The exercise to serve and grade for `slug` (the rule at the top); null when the folder is gone
 * (a removed exercise). A broken folder with no version to fall back on throws its
 * ExerciseFormatError.
 */
export function loadServedExercise(slug: string, dir = exercisesDir()): Exercise | null {
  // A folder that is gone is a removed exercise: nothing is served in its place.
  if (!SLUG_PATTERN.test(slug) || !existsSync(path.join(dir, slug))) return null;
  let disk: Exercise;
  try {
    disk = loadExerciseFrom(path.join(dir, slug), slug);
  } catch (e) {
    if (!(e instanceof ExerciseFormatError)) throw e;
    const good = lastGood(slug, dir);
    if (good) return good;
    throw e;
  }
  return resolveLoaded(disk, dir).served;
}

/** A folder that fails to load while its last good version is served in its place. */
export interface StaleExercise {
  slug: string;
  /** The hash of the version served. */
  servedHash: string;
  error: ExerciseFormatError;
}

/** A folder that loads but whose version the check rejected. */
export interface RejectedVersion {
  slug: string;
  /** The folder's version. */
  hash: string;
  /** The check's problems ("slug/file: problem"). */
  problems: string[];
  /** The version served instead; the rejected one itself when no version ever passed. */
  servedHash: string;
}

/** A folder version that loads and was never checked: grader/version-check.ts checks it. */
export interface UncheckedVersion {
  slug: string;
  hash: string;
  /** Its copy under the snapshots (the folder on disk when no copy could be kept). */
  folder: string;
  /** True when an older checked version is served until this one passes. */
  heldBack: boolean;
}

export interface ServedCatalogue extends Catalogue {
  /** Broken folders served from their last good version (also listed in `errors`). */
  stale: StaleExercise[];
  /** Folders whose version failed the check. */
  rejected: RejectedVersion[];
  /** Folder versions waiting for their check. */
  unchecked: UncheckedVersion[];
}

/**
 * Every exercise to serve (the rule at the top). `errors` lists every folder that fails to load,
 * `rejected` every one whose version failed the check, `unchecked` the versions to check.
 */
export function servedCatalogue(dir = exercisesDir()): ServedCatalogue {
  const catalogue = loadCatalogue(dir);
  const rejected: RejectedVersion[] = [];
  const unchecked: UncheckedVersion[] = [];
  const exercises: Exercise[] = [];
  for (const disk of catalogue.exercises) {
    const r = resolveLoaded(disk, dir);
    exercises.push(r.served);
    if (r.check && !r.check.ok) rejected.push({ slug: disk.slug, hash: disk.hash, problems: r.check.problems, servedHash: r.served.hash });
    if (!r.check) {
      const copy = path.join(snapshotsDir(dir), disk.slug, disk.hash);
      unchecked.push({ slug: disk.slug, hash: disk.hash, folder: existsSync(copy) ? copy : disk.dir, heldBack: r.heldBack });
    }
  }
  const stale: StaleExercise[] = [];
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
  return { exercises, errors: catalogue.errors, stale, rejected, unchecked };
}
