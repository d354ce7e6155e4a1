// The learner's work in progress, one draft per exercise. Signed-out visitors keep drafts in
// localStorage; after signing up or in, the browser posts them to importAndGradeDrafts(), which
// adds them without overwriting a server draft that is at least as new, then submits each one
// it took so the account's progress counts what the visitor's code really does.
import { z } from "zod";
import { assertSignedIn, type Actor } from "./actor";
import { prisma } from "./db";
import { NotFoundError, parseInput } from "./domain-errors";
import { getExercise } from "./exercise-catalogue";
import { exerciseIdForSlug } from "./exercise-sync";
import { gradeSubmission } from "./grading";
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
export async function importDrafts(user: Actor, drafts: BrowserDrafts): Promise<ImportReport> {
  return (await storeImportedDrafts(user, drafts)).report;
}

type BrowserDrafts = Record<string, string | { code: string; updatedAt?: number | string }>;

async function storeImportedDrafts(user: Actor, drafts: BrowserDrafts): Promise<{ report: ImportReport; codes: Map<string, string> }> {
  assertSignedIn(user);
  const parsed = parseInput(importSchema, drafts, "drafts");
  const report: ImportReport = { imported: [], kept: [], skipped: [] };
  const codes = new Map<string, string>();
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
    codes.set(slug, draft.code);
  }
  return { report, codes };
}

/** How one imported draft fared when it was submitted on import. */
export interface ImportedGrade {
  slug: string;
  verdict: "pass" | "fail" | "error";
  passed: number;
  total: number;
  /** The account's progress on this exercise after the submit (solved before counts too). */
  solved: boolean;
}

export interface GradedImportReport extends ImportReport {
  /** Imported drafts that were submitted: each is a Submit in the learner's history. */
  graded: ImportedGrade[];
  /** Imported drafts that were not submitted, and why (written for the learner). */
  notGraded: { slug: string; reason: string }[];
}

/**
 * importDrafts(), then every draft it took is submitted as the learner's own Submit (recorded
 * with its progress, like pressing Submit), so a visitor who solved an exercise before signing
 * up finds it solved, and one whose last draft no longer passes is not told otherwise. A draft
 * that is still the untouched starter is not submitted. Grading goes through gradeSubmission:
 * the learner's rate limit applies, so an import cannot grade more than a burst of Submits.
 */
export async function importAndGradeDrafts(user: Actor, drafts: BrowserDrafts): Promise<GradedImportReport> {
  const { report, codes } = await storeImportedDrafts(user, drafts);
  const graded: ImportedGrade[] = [];
  const notGraded: GradedImportReport["notGraded"] = [];
  for (const [slug, code] of codes) {
    if (code.trim() === getExercise(slug)?.starter.trim()) {
      notGraded.push({ slug, reason: "It is still the starter code." });
      continue;
    }
    const outcome = await gradeSubmission({ slug, mode: "submit", body: { code }, learner: { key: `user:${user.id}`, userId: user.id, actor: user } });
    if (!outcome.ok || !outcome.submission) {
      notGraded.push({ slug, reason: outcome.ok ? "It could not be saved to your history." : outcome.message });
      continue;
    }
    const { status, passed, total } = outcome.result;
    graded.push({ slug, verdict: status, passed, total, solved: outcome.progress?.state === "solved" });
  }
  return { ...report, graded, notGraded };
}
