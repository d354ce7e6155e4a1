// Exercise rows follow the permanent id in exercise.json: renaming a folder keeps every draft,
// submission and progress row, rows from before ids existed are adopted by slug, and a new
// exercise under an old name does not inherit the old one's history.
import { exercisesDir, SLUG_A, SLUG_B } from "./helpers";
import { randomUUID } from "node:crypto";
import { cpSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDraft, saveDraft } from "../../lib/drafts";
import { syncExercises } from "../../lib/exercise-sync";
import { progressFor } from "../../lib/progress";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, prisma } from "./fixtures";

const folder = (slug: string) => path.join(exercisesDir, slug);
const idOf = (slug: string) => JSON.parse(readFileSync(path.join(folder(slug), "exercise.json"), "utf8")).id as string;
const rowOf = (slug: string) => prisma.exercise.findUnique({ where: { slug }, select: { id: true, stableId: true, active: true } });

describe("exercise rows and folder renames", () => {
  it("adopts a row written before exercises had ids, with its history", async () => {
    const legacy = await prisma.exercise.create({ data: { slug: SLUG_A, title: "old title", order: 1, currentHash: "0123456789abcdef" } });
    const user = await makeUser();
    await prisma.draft.create({ data: { userId: user.id, exerciseId: legacy.id, code: "// from before ids", updatedAt: new Date() } });

    const report = await syncExercises();
    expect(report.created).toEqual([SLUG_B]);
    expect(await rowOf(SLUG_A)).toEqual({ id: legacy.id, stableId: idOf(SLUG_A), active: true });
    expect((await getDraft(user, SLUG_A))?.code).toBe("// from before ids");
  });

  it("renaming a folder keeps the learner's draft, submissions and progress under the new name", async () => {
    const user = await makeUser();
    await saveDraft(user, { slug: SLUG_A, code: "// my draft" });
    await recordSubmission(user, { slug: SLUG_A, kind: "submit", code: "// solved", result: gradeResult(SLUG_A, "submit", 3, 3) });
    const before = await rowOf(SLUG_A);

    const renamed = "01-rnn-step-renamed";
    renameSync(folder(SLUG_A), folder(renamed));
    try {
      const report = await syncExercises();
      expect(report.renamed).toEqual([`${SLUG_A} → ${renamed}`]);
      expect(report.created).toEqual([]);
      expect(report.deactivated).toEqual([]);
      expect(await rowOf(SLUG_A)).toBeNull();
      expect((await rowOf(renamed))?.id).toBe(before?.id);
      expect((await getDraft(user, renamed))?.code).toBe("// my draft");
      expect((await progressFor(user))[renamed]).toMatchObject({ state: "solved", attempts: 1 });
      expect(await prisma.submission.count({ where: { userId: user.id, exercise: { slug: renamed } } })).toBe(1);
    } finally {
      renameSync(folder(renamed), folder(SLUG_A));
      await syncExercises();
    }
    expect((await getDraft(user, SLUG_A))?.code).toBe("// my draft");
  });

  it("two folders that swap names keep their own rows", async () => {
    const a = await rowOf(SLUG_A);
    const b = await rowOf(SLUG_B);
    const swap = () => {
      renameSync(folder(SLUG_A), folder("99-swap"));
      renameSync(folder(SLUG_B), folder(SLUG_A));
      renameSync(folder("99-swap"), folder(SLUG_B));
    };
    swap();
    try {
      await syncExercises();
      expect((await rowOf(SLUG_A))?.id).toBe(b?.id);
      expect((await rowOf(SLUG_B))?.id).toBe(a?.id);
      expect((await rowOf(SLUG_A))?.active && (await rowOf(SLUG_B))?.active).toBe(true);
    } finally {
      swap();
      await syncExercises();
    }
    expect((await rowOf(SLUG_A))?.id).toBe(a?.id);
  });

  it("a new exercise under a name that belonged to another gets a fresh row; the old history stays with the old exercise", async () => {
    const user = await makeUser();
    await saveDraft(user, { slug: SLUG_B, code: "// draft of the copy" });
    const old = await rowOf(SLUG_B);
    const moved = path.join(exercisesDir, "..", "parked-copy");
    renameSync(folder(SLUG_B), moved);
    cpSync(folder(SLUG_A), folder(SLUG_B), { recursive: true });
    const meta = path.join(folder(SLUG_B), "exercise.json");
    writeFileSync(meta, JSON.stringify({ ...JSON.parse(readFileSync(meta, "utf8")), id: randomUUID(), order: 2 }));
    try {
      const report = await syncExercises();
      expect(report.created).toEqual([SLUG_B]);
      const fresh = await rowOf(SLUG_B);
      expect(fresh?.id).not.toBe(old?.id);
      expect(await getDraft(user, SLUG_B)).toBeNull();
      const parked = await prisma.exercise.findUnique({ where: { id: old!.id }, select: { slug: true, active: true } });
      expect(parked).toEqual({ slug: `${SLUG_B}~${old!.id}`, active: false });
    } finally {
      rmSync(folder(SLUG_B), { recursive: true });
      renameSync(moved, folder(SLUG_B));
    }
    // The original folder is back: its row (and draft) come back with it.
    await syncExercises();
    expect((await rowOf(SLUG_B))?.id).toBe(old?.id);
    expect((await getDraft(user, SLUG_B))?.code).toBe("// draft of the copy");
  });
});
