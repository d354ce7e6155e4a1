// The learner's work in progress, one draft per exercise. Signed-out visitors keep drafts in
// localStorage; after signing up or in, the browser posts them to importDrafts(), which adds
// them without overwriting a server draft that is at least as new.
import { z } from "zod";
import { assertSignedIn, type Actor } from "./actor";
import { prisma } from "./db";
import { NotFoundError, parseInput } from "./domain-errors";
import { exerciseIdForSlug } from "./exercise-sync";
import { DRAFT_IMPORT_MAX_COUNT } from "./limits";
import { codeSchema, slugSchema } from "./submissions";

export interface DraftView {
  slug: string;
  code: string;
  updatedAt: Date;
}

async function requireExerciseId(slug: string): Promise<string> {
  const id = await exerciseIdForSlug(slug);
  if (!id) throw new NotFoundError(`There is no exercise "${slug}".`);
  return id;
}

const saveSchema = z.object({ slug: slugSchema, code: codeSchema });

/** Saves (creates or replaces) the acting user's draft for one exercise. */
export async function saveDraft(user: Actor, input: { slug: string; code: string }): Promise<{ slug: string; updatedAt: Date }> {
  assertSignedIn(user);
  const { slug, code } = parseInput(saveSchema, input, "draft");
  const exerciseId = await requireExerciseId(slug);
  const updatedAt = new Date();
  await prisma.draft.upsert({
    where: { userId_exerciseId: { userId: user.id, exerciseId } },
    create: { userId: user.id, exerciseId, code, updatedAt },
    update: { code, updatedAt },
  });
  return { slug, updatedAt };
}

/** The acting user's draft for one exercise, or null (show the starter then). */
export async function getDraft(user: Actor, slug: string): Promise<DraftView | null> {
  assertSignedIn(user);
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return null;
  const row = await prisma.draft.findFirst({
    where: { userId: user.id, exercise: { slug: parsed.data } },
    select: { code: true, updatedAt: true },
  });
  return row ? { slug: parsed.data, code: row.code, updatedAt: row.updatedAt } : null;
}

/** Deletes the acting user's draft for one exercise (Reset to starter); true if there was one. */
export async function deleteDraft(user: Actor, slug: string): Promise<boolean> {
  assertSignedIn(user);
  const parsed = slugSchema.safeParse(slug);
  if (!parsed.success) return false;
  const { count } = await prisma.draft.deleteMany({ where: { userId: user.id, exercise: { slug: parsed.data } } });
  return count > 0;
}

/** All of the acting user's drafts, keyed by slug. */
export async function listDrafts(user: Actor): Promise<Record<string, DraftView>> {
  assertSignedIn(user);
  const rows = await prisma.draft.findMany({
    where: { userId: user.id },
    select: { code: true, updatedAt: true, exercise: { select: { slug: true } } },
  });
  return Object.fromEntries(rows.map((r) => [r.exercise.slug, { slug: r.exercise.slug, code: r.code, updatedAt: r.updatedAt }]));
}

/** When the browser saved a draft: epoch milliseconds or an ISO date string. */
const clientTime = z.union([z.number().finite().nonnegative(), z.iso.datetime({ offset: true })]).transform((t) => new Date(t));

const importedDraft = z.union([
  codeSchema.transform((code) => ({ code, updatedAt: undefined as Date | undefined })),
  z.object({ code: codeSchema, updatedAt: clientTime.optional() }),
]);

const importSchema = z
  .record(z.string(), importedDraft)
  .refine((drafts) => Object.keys(drafts).length <= DRAFT_IMPORT_MAX_COUNT, { message: `at most ${DRAFT_IMPORT_MAX_COUNT} drafts at once` });

export interface ImportReport {
  /** Slugs whose browser draft is now the server draft. */
  imported: string[];
  /** Slugs where the server already had a draft at least as new (kept). */
  kept: string[];
  /** Keys that are not exercises (ignored). */
  skipped: string[];
}

/**
 * Adds drafts a visitor made in the browser before signing in: `{slug: code}` or
 * `{slug: {code, updatedAt}}`. A browser draft replaces a server draft only when it carries a
 * timestamp newer than the server's; without one, an existing server draft always wins.
 */
export async function importDrafts(
  user: Actor,
  drafts: Record<string, string | { code: string; updatedAt?: number | string }>,
): Promise<ImportReport> {
  assertSignedIn(user);
  const parsed = parseInput(importSchema, drafts, "drafts");
  const report: ImportReport = { imported: [], kept: [], skipped: [] };
  const now = new Date();
  for (const [slug, draft] of Object.entries(parsed)) {
    const exerciseId = slugSchema.safeParse(slug).success ? await exerciseIdForSlug(slug) : null;
    if (!exerciseId) {
      report.skipped.push(slug);
      continue;
    }
    // A clock far in the future must not pin the draft forever.
    const clientAt = draft.updatedAt && draft.updatedAt <= now ? draft.updatedAt : undefined;
    const key = { userId_exerciseId: { userId: user.id, exerciseId } };
    const existing = await prisma.draft.findUnique({ where: key, select: { updatedAt: true } });
    if (existing && !(clientAt && clientAt > existing.updatedAt)) {
      report.kept.push(slug);
      continue;
    }
    await prisma.draft.upsert({
      where: key,
      create: { userId: user.id, exerciseId, code: draft.code, updatedAt: clientAt ?? now },
      update: { code: draft.code, updatedAt: clientAt ?? now },
    });
    report.imported.push(slug);
  }
  return report;
}
