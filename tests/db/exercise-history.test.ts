// Removing or renaming an exercise folder keeps its history: the gradebook column and scores, a
// learner's solved count and last activity; the old URL leads to the new slug after a rename,
// and to a "removed" notice with the learner's submissions after a removal (never a 404).
import { exercisesDir, SLUG_A, SLUG_B } from "./helpers";
import { renameSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { classroomRoster, createClassroom, joinClassroom } from "../../lib/classrooms";
import { formerExercise, syncExercises } from "../../lib/exercise-sync";
import { classroomGradebook } from "../../lib/instructor/dashboard";
import { listSubmissionsOfExercise, recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser } from "./fixtures";

process.env.EXERCISES_RECHECK_MS = "0";
type U = Awaited<ReturnType<typeof makeUser>>;
let owner: U, learner: U;
let classroomId: string;
const folder = (slug: string) => path.join(exercisesDir, slug);

async function snapshot() {
  const roster = await classroomRoster(owner, classroomId);
  const me = roster.learners.find((l) => l.id === learner.id)!;
  const { csv } = await classroomGradebook(owner, classroomId);
  const [header, row] = csv.replace(/^\uFEFF/, "").trim().split("\r\n").map((l) => l.split(","));
  return { columns: roster.exercises.map((e) => e.title), solved: me.solvedCount, lastActivity: me.lastActivityAt?.toISOString(), header, row };
}

beforeAll(async () => {
  await syncExercises();
  owner = await makeUser("instructor", "Olga Owner");
  learner = await makeUser("learner", "Lea Learner");
  const room = await createClassroom(owner, "History class");
  classroomId = room.id;
  await joinClassroom(learner, room.joinCode);
  await recordSubmission(learner, { slug: SLUG_A, kind: "submit", code: "// a", result: gradeResult(SLUG_A, "submit", 3, 3) });
  await recordSubmission(learner, { slug: SLUG_B, kind: "submit", code: "// b", result: gradeResult(SLUG_B, "submit", 3, 3) });
});

describe("a removed exercise keeps its history", () => {
  it("its column, score, the solved count and last activity stay; its URL explains instead of a 404", async () => {
    const before = await snapshot();
    expect(before.solved).toBe(2);
    const parked = path.join(exercisesDir, "..", "parked-b");
    renameSync(folder(SLUG_B), parked);
    try {
      // The first visit after the removal already knows, before any other sync.
      expect(await formerExercise(SLUG_B)).toMatchObject({ kind: "removed" });
      const report = await syncExercises();
      expect(report.deactivated).toEqual([]);
      const after = await snapshot();
      expect(after.columns).toEqual(before.columns);
      expect(after.solved).toBe(2);
      expect(after.lastActivity).toBe(before.lastActivity);
      const col = after.header.findIndex((h) => h.includes("[removed]"));
      expect(after.header[col]).toBe("02 Copy of step one [removed] (practice best %)");
      expect(after.row[col]).toBe("100");
      const former = await formerExercise(SLUG_B);
      expect(former).toMatchObject({ kind: "removed", title: "Copy of step one" });
      if (former?.kind !== "removed") return;
      expect((await listSubmissionsOfExercise(learner, former.exerciseId)).map((s) => s.verdict)).toEqual(["pass"]);
      // Another learner's page lists none of them.
      expect(await listSubmissionsOfExercise(await makeUser(), former.exerciseId)).toEqual([]);
    } finally {
      renameSync(parked, folder(SLUG_B));
      await syncExercises();
    }
    expect(await formerExercise(SLUG_B)).toBeNull();
  });
});

describe("a renamed exercise keeps its history", () => {
  it("the row follows the folder, the counts stay, and the old slug leads to the new one", async () => {
    const before = await snapshot();
    const renamed = "01-rnn-step-v2";
    renameSync(folder(SLUG_A), folder(renamed));
    try {
      // The first visit of the old URL after the rename finds it, before any other sync.
      expect(await formerExercise(SLUG_A)).toEqual({ kind: "renamed", slug: renamed });
      await syncExercises();
      const after = await snapshot();
      expect(after.columns).toEqual(before.columns);
      expect(after.solved).toBe(before.solved);
      expect(after.lastActivity).toBe(before.lastActivity);
      expect(after.row).toEqual(before.row);
      expect(await formerExercise(SLUG_A)).toEqual({ kind: "renamed", slug: renamed });
      expect(await formerExercise("09-never-was")).toBeNull();
    } finally {
      renameSync(folder(renamed), folder(SLUG_A));
      await syncExercises();
    }
    // Renamed back: the slug is live again, and the other name now points here.
    expect(await formerExercise(SLUG_A)).toBeNull();
    expect(await formerExercise("01-rnn-step-v2")).toEqual({ kind: "renamed", slug: SLUG_A });
  });
});
