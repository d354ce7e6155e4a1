// Server-side access to the exercise folders, cached in memory. The cache is keyed by the
// modification times of every file under exercises/, so an author's edit (or a new folder)
// shows up on the next request without restarting the server. A folder an edit broke is served
// from its last good version, and a new version is served only once its background check passed
// (grader/exercise-snapshots.ts, grader/version-check.ts); exerciseProblems() says which, for
// the instructor pages.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { exercisesDir, publicExercise, type Exercise, type PublicExercise } from "../grader/exercises";
import { servedCatalogue, snapshotsDir, type ServedCatalogue } from "../grader/exercise-snapshots";
import { checkVersion, versionCheckGeneration } from "../grader/version-check";
import type { ExerciseMeta } from "../grader/exercise-schema";

/** What the catalogue page shows for one exercise: browser-safe. */
export interface ExerciseSummary {
  slug: string;
  order: number;
  title: string;
  summary: string;
  difficulty: ExerciseMeta["difficulty"];
  tags: string[];
}

interface CacheEntry {
  dir: string;
  fingerprint: string;
  /** versionCheckGeneration() when built: a finished check may change what is served. */
  generation: number;
  checkedAt: number;
  catalogue: ServedCatalogue;
}

/** Re-stat the folders at most this often (EXERCISES_RECHECK_MS); a burst of requests shares one check. */
function recheckMs(): number {
  const n = Number(process.env.EXERCISES_RECHECK_MS);
  return Number.isFinite(n) && n >= 0 && process.env.EXERCISES_RECHECK_MS !== "" ? n : 500;
}

const globalCache = globalThis as typeof globalThis & { __exerciseCatalogue?: CacheEntry };

/** Paths, sizes and mtimes of every file below dir: changes whenever any file does. */
function fingerprint(dir: string): string {
  const parts: string[] = [];
  const walk = (d: string, depth: number) => {
    let names: string[];
    try {
      names = readdirSync(d).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(d, name);
      let st;
      try {
        st = statSync(full);
      } catch {
        continue;
      }
      if (st.isDirectory()) {
        if (depth < 3) walk(full, depth + 1);
      } else {
        parts.push(`${path.relative(dir, full)}:${st.size}:${st.mtimeMs}`);
      }
    }
  };
  walk(dir, 0);
  return parts.join("|");
}

/** Every exercise served, in order (plus the folders that failed to load, and which of those are served from their last good version). */
export function getCatalogue(): ServedCatalogue {
  const dir = exercisesDir();
  const now = Date.now();
  const cached = globalCache.__exerciseCatalogue;
  const generation = versionCheckGeneration();
  if (cached && cached.dir === dir && cached.generation === generation && now - cached.checkedAt < recheckMs()) return cached.catalogue;

  const fp = fingerprint(dir);
  if (cached && cached.dir === dir && cached.generation === generation && cached.fingerprint === fp) {
    cached.checkedAt = now;
    return cached.catalogue;
  }
  const catalogue = servedCatalogue(dir);
  const stale = new Set(catalogue.stale.map((s) => s.slug));
  for (const e of catalogue.errors) console.error(`${stale.has(e.slug) ? "exercise served from its last good version" : "exercise skipped"}: ${e.message}`);
  for (const r of catalogue.rejected) console.error(`exercise version ${r.slug}@${r.hash} failed its check (${r.servedHash === r.hash ? "served: no version passed yet" : `version ${r.servedHash} served`}): ${r.problems.join("; ")}`);
  // Off the request path: the check runs in a child process; when it finishes the generation
  // changes and the next request rebuilds the catalogue.
  for (const u of catalogue.unchecked) void checkVersion(u.slug, u.hash, u.folder, snapshotsDir(dir));
  globalCache.__exerciseCatalogue = { dir, fingerprint: fp, generation, checkedAt: now, catalogue };
  return catalogue;
}

/** The full exercise (hidden parts included): server-side only. */
export function getExercise(slug: string): Exercise | null {
  return getCatalogue().exercises.find((e) => e.slug === slug) ?? null;
}

/** The browser-safe projection of one exercise. */
export function getPublicExercise(slug: string): PublicExercise | null {
  const ex = getExercise(slug);
  return ex ? publicExercise(ex) : null;
}

export function listExerciseSummaries(): ExerciseSummary[] {
  return getCatalogue().exercises.map((e) => ({
    slug: e.slug,
    order: e.meta.order,
    title: e.meta.title,
    summary: e.meta.summary,
    difficulty: e.meta.difficulty,
    tags: e.meta.tags,
  }));
}

/** What an instructor must fix: a folder that fails to load, or whose version fails `exercises:check`. */
export interface ExerciseProblem {
  slug: string;
  /** "slug/file: problem" (several, one a line, for a version the check rejected) */
  message: string;
  /**
   * The version learners get (its hash), or null: nothing is served. For a rejected version
   * that is the last one that passed, or the rejected one itself when none ever did.
   */
  servedHash: string | null;
}

/** Every exercise folder that fails to load or to pass the check, and what is served instead. */
export function exerciseProblems(): ExerciseProblem[] {
  const catalogue = getCatalogue();
  return [
    ...catalogue.errors.map((e) => ({ slug: e.slug, message: e.message, servedHash: catalogue.stale.find((s) => s.slug === e.slug)?.servedHash ?? null })),
    ...catalogue.rejected.map((r) => ({ slug: r.slug, message: r.problems.join("\n"), servedHash: r.servedHash })),
  ];
}

/** Folders whose new version waits for its check while an older version is served (instructor pages). */
export function pendingExerciseVersions(): { slug: string; hash: string }[] {
  return getCatalogue().unchecked.filter((u) => u.heldBack).map((u) => ({ slug: u.slug, hash: u.hash }));
}
