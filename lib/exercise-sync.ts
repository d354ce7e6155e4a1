// Mirrors the exercises/ folders into the Exercise and ExerciseVersion tables. Exercise content
// stays on disk (grader/exercises.ts); the database only needs stable rows that submissions,
// progress and drafts can point at. A changed folder (new content hash) is a new version.
//
// A row is matched to its folder by the permanent id in exercise.json (Exercise.stableId), so
// renaming a folder renames the row and everything pointing at it follows. Rows written before
// exercises had ids have no stableId: the first sync matches them by slug and records the id.
import type { Catalogue, Exercise } from "../grader/exercises";
import { servedCatalogue } from "../grader/exercise-snapshots";
import { prisma } from "./db";
import { NotFoundError } from "./domain-errors";

export interface SyncReport {
  /** Slugs present on disk, in catalogue order. */
  exercises: string[];
  created: string[];
  /** "slug@hash" for every version seen for the first time. */
  newVersions: string[];
  /** Slugs whose folder disappeared (rows kept for history, marked inactive). */
  deactivated: string[];
  /** "old → new" for every folder renamed since the last sync (its row followed the id). */
  renamed: string[];
  /** Folders that failed to load, as "slug/file: problem". */
  errors: string[];
}

function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}

/** Another process may insert the same row between our read and write; one retry settles it. */
async function retryOnConflict<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    return fn();
  }
}

async function upsertVersion(exerciseId: string, hash: string): Promise<{ id: string; created: boolean }> {
  return retryOnConflict(async () => {
    const existing = await prisma.exerciseVersion.findUnique({
      where: { exerciseId_hash: { exerciseId, hash } },
      select: { id: true },
    });
    if (existing) return { id: existing.id, created: false };
    const row = await prisma.exerciseVersion.create({ data: { exerciseId, hash }, select: { id: true } });
    return { id: row.id, created: true };
  });
}

/**
 * Moves a row that holds `slug` but is not the row of `ownerId` out of the way: its folder was
 * renamed or deleted and another exercise now uses the name. It keeps its history, inactive.
 */
async function releaseSlug(slug: string, ownerId: string | null): Promise<void> {
  const holder = await prisma.exercise.findUnique({ where: { slug }, select: { id: true } });
  if (!holder || holder.id === ownerId) return;
  await prisma.exercise.update({ where: { id: holder.id }, data: { slug: `${slug}~${holder.id}`, active: false } });
}

/** The row of one exercise folder, found by its permanent id (or, for an old row, its slug). */
async function upsertExercise(ex: Exercise): Promise<{ id: string; created: boolean; renamedFrom?: string }> {
  const data = { slug: ex.slug, stableId: ex.meta.id, title: ex.meta.title, order: ex.meta.order, currentHash: ex.hash, active: true };
  const byId = await prisma.exercise.findUnique({ where: { stableId: ex.meta.id }, select: { id: true, slug: true } });
  if (byId) {
    if (byId.slug !== ex.slug) {
      await releaseSlug(ex.slug, byId.id);
      // The old URL keeps working: /exercises/<old> redirects to the new slug.
      await prisma.exerciseAlias.upsert({ where: { slug: byId.slug }, create: { slug: byId.slug, exerciseId: byId.id }, update: { exerciseId: byId.id } });
    }
    await prisma.exercise.update({ where: { id: byId.id }, data });
    return { id: byId.id, created: false, ...(byId.slug !== ex.slug ? { renamedFrom: byId.slug } : {}) };
  }
  const bySlug = await prisma.exercise.findUnique({ where: { slug: ex.slug }, select: { id: true, stableId: true } });
  if (bySlug && bySlug.stableId === null) {
    // Synced before exercises had ids: same folder name, so the same exercise.
    await prisma.exercise.update({ where: { id: bySlug.id }, data });
    return { id: bySlug.id, created: false };
  }
  await releaseSlug(ex.slug, null);
  const row = await prisma.exercise.create({ data, select: { id: true } });
  return { id: row.id, created: true };
}

/** Upserts one row per exercise folder and one per content version. Idempotent. */
export async function syncExercises(catalogue: Catalogue = servedCatalogue()): Promise<SyncReport> {
  const report: SyncReport = {
    exercises: [],
    created: [],
    newVersions: [],
    deactivated: [],
    renamed: [],
    errors: catalogue.errors.map((e) => e.message),
  };
  for (const ex of catalogue.exercises) {
    report.exercises.push(ex.slug);
    const row = await retryOnConflict(() => upsertExercise(ex));
    if (row.created) report.created.push(ex.slug);
    if (row.renamedFrom) report.renamed.push(`${row.renamedFrom} → ${ex.slug}`);
    const version = await upsertVersion(row.id, ex.hash);
    if (version.created) report.newVersions.push(`${ex.slug}@${ex.hash}`);
  }
  // Folders that failed to load are not "gone": keep them active so a typo does not hide history.
  const keep = [...report.exercises, ...catalogue.errors.map((e) => e.slug)];
  const gone = await prisma.exercise.findMany({
    where: { active: true, slug: { notIn: keep } },
    select: { slug: true },
  });
  if (gone.length) {
    await prisma.exercise.updateMany({ where: { slug: { in: gone.map((g) => g.slug) } }, data: { active: false } });
    report.deactivated = gone.map((g) => g.slug);
  }
  return report;
}

// One sync at a time per process: concurrent first submissions (and the start-up sync in
// lib/warm-up.ts) share it.
let inFlight: Promise<SyncReport> | null = null;
export function syncOnce(): Promise<SyncReport> {
  inFlight ??= syncExercises().finally(() => {
    inFlight = null;
  });
  return inFlight;
}

/**
 * The Exercise and ExerciseVersion ids for a graded submission, syncing from disk when the slug
 * or version is not known yet. `version` defaults to the exercise's current hash; a version that
 * is not on disk any more (the folder changed while grading) is still recorded.
 */
export async function resolveExerciseVersion(slug: string, version?: string): Promise<{ exerciseId: string; versionId: string }> {
  // Every Submit names its version, and (slug, hash) → ids never changes once written (rows are
  // deactivated, never deleted), so the two lookups are done once per process. Keyed by client:
  // a test file with its own database gets its own client, hence its own entries.
  if (version === undefined) return lookUpExerciseVersion(slug);
  let known = resolvedVersions.get(prisma);
  if (!known) resolvedVersions.set(prisma, (known = new Map()));
  const key = `${slug}\0${version}`;
  const hit = known.get(key);
  if (hit) return hit;
  const ids = await lookUpExerciseVersion(slug, version);
  if (known.size >= 10_000) known.clear();
  known.set(key, ids);
  return ids;
}

const resolvedVersions = new WeakMap<object, Map<string, { exerciseId: string; versionId: string }>>();

async function lookUpExerciseVersion(slug: string, version?: string): Promise<{ exerciseId: string; versionId: string }> {
  let exercise = await prisma.exercise.findUnique({ where: { slug }, select: { id: true, currentHash: true } });
  if (!exercise || (version !== undefined && version !== exercise.currentHash)) {
    await syncOnce();
    exercise = await prisma.exercise.findUnique({ where: { slug }, select: { id: true, currentHash: true } });
  }
  if (!exercise) throw new NotFoundError(`There is no exercise "${slug}".`);
  const { id: versionId } = await upsertVersion(exercise.id, version ?? exercise.currentHash);
  return { exerciseId: exercise.id, versionId };
}

/** The Exercise id for a slug (syncing once if unknown), or null when there is no such exercise. */
export async function exerciseIdForSlug(slug: string): Promise<string | null> {
  let exercise = await prisma.exercise.findUnique({ where: { slug }, select: { id: true } });
  if (!exercise) {
    await syncOnce();
    exercise = await prisma.exercise.findUnique({ where: { slug }, select: { id: true } });
  }
  return exercise?.id ?? null;
}

export type FormerExercise =
  | { kind: "renamed"; slug: string }
  | { kind: "removed"; exerciseId: string; title: string };

/**
 * What became of a slug no folder has now: the exercise was renamed (its new slug) or removed
 * (its row, kept for history); null when there never was one. For the exercise page, so that an
 * old link redirects or explains instead of a 404.
 */
export async function formerExercise(slug: string): Promise<FormerExercise | null> {
  const select = { id: true, slug: true, title: true, active: true } as const;
  const lookUp = async () => {
    const bySlug = await prisma.exercise.findUnique({ where: { slug }, select });
    const alias = bySlug ? null : await prisma.exerciseAlias.findUnique({ where: { slug }, select: { exercise: { select } } });
    return bySlug ?? alias?.exercise ?? null;
  };
  let row = await lookUp();
  // The database still lists it under this name, but no folder serves it: the folder was renamed
  // or removed since the last sync. Sync (once for concurrent requests) and look again.
  if (row?.active && row.slug === slug) {
    await syncOnce();
    row = await lookUp();
  }
  if (!row) return null;
  if (row.active) return row.slug !== slug ? { kind: "renamed", slug: row.slug } : null;
  return { kind: "removed", exerciseId: row.id, title: row.title };
}
