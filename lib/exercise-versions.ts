// Which version of an exercise graded a submission, as people read it: "v3 · 29 Nov", numbered
// per exercise in the order the versions were first seen (lib/exercise-sync.ts records one per
// content hash), and whether a newer version has replaced it since.
import { prisma } from "./db";
import { getExercise } from "./exercise-catalogue";

/**
 * The version served now: the folder's hash as the catalogue reads it (an edit counts at once,
 * before the database's next sync), else the last synced one (a removed exercise).
 */
export function servedHash(exercise: { slug: string; currentHash: string }): string {
  return getExercise(exercise.slug)?.hash ?? exercise.currentHash;
}

export interface VersionLabel {
  /** 1 for the exercise's first version, counting up. */
  number: number;
  /** Content hash (grader/exercises.ts). */
  hash: string;
  /** When this version was first seen. */
  createdAt: Date;
  /** False once the exercise has a newer version: the submission was graded on an older one. */
  current: boolean;
}

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** "v3 · 29 Nov" */
export function formatVersion(v: Pick<VersionLabel, "number" | "createdAt">): string {
  return `v${v.number} · ${dayMonth.format(v.createdAt)}`;
}

/** Labels of these ExerciseVersion ids (unknown ids are left out). */
export async function versionLabels(versionIds: readonly string[]): Promise<Map<string, VersionLabel>> {
  const ids = [...new Set(versionIds)];
  if (ids.length === 0) return new Map();
  const wanted = await prisma.exerciseVersion.findMany({ where: { id: { in: ids } }, select: { exerciseId: true } });
  const exerciseIds = [...new Set(wanted.map((w) => w.exerciseId))];
  const exercises = await prisma.exercise.findMany({
    where: { id: { in: exerciseIds } },
    select: { slug: true, currentHash: true, versions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true, hash: true, createdAt: true } } },
  });
  const labels = new Map<string, VersionLabel>();
  for (const ex of exercises) {
    const current = servedHash(ex);
    ex.versions.forEach((v, i) => {
      if (ids.includes(v.id)) labels.set(v.id, { number: i + 1, hash: v.hash, createdAt: v.createdAt, current: v.hash === current });
    });
  }
  return labels;
}
