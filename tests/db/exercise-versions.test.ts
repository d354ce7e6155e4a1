// Which exercise version graded each submission (lib/exercise-versions.ts): numbered per exercise
// in the order versions appear, dated, and marked once the exercise has changed since.
import { exercisesDir, SLUG_A } from "./helpers";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { syncExercises } from "../../lib/exercise-sync";
import { formatVersion, versionLabels } from "../../lib/exercise-versions";
import { getSubmission, listSubmissions, recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser } from "./fixtures";

process.env.EXERCISES_RECHECK_MS = "0";

describe("exercise versions of submissions", () => {
  it("labels v1 then v2 after an edit, and marks the v1 submission as graded on an older version", async () => {
    await syncExercises();
    const user = await makeUser();
    const first = (await recordSubmission(user, { slug: SLUG_A, kind: "submit", code: "// v1", result: gradeResult(SLUG_A, "submit", 3, 3) })).submission;
    let labels = await versionLabels([first.versionId]);
    expect(labels.get(first.versionId)).toMatchObject({ number: 1, current: true });

    // An author edits the statement: a new version.
    const statement = path.join(exercisesDir, SLUG_A, "statement.md");
    const before = readFileSync(statement, "utf8");
    writeFileSync(statement, `${before}\n\nOne more sentence.\n`);
    try {
      // Older at once, before the database's next sync: learners are served the edit already.
      expect((await versionLabels([first.versionId])).get(first.versionId)?.current).toBe(false);
      const report = await syncExercises();
      expect(report.newVersions).toHaveLength(1);
      const second = (await recordSubmission(user, { slug: SLUG_A, kind: "submit", code: "// v2", result: gradeResult(SLUG_A, "submit", 3, 3) })).submission;
      expect(second.versionId).not.toBe(first.versionId);
      labels = await versionLabels((await listSubmissions(user)).map((s) => s.versionId));
      const v1 = labels.get(first.versionId)!;
      const v2 = labels.get(second.versionId)!;
      expect([v1.number, v1.current, v2.number, v2.current]).toEqual([1, false, 2, true]);
      expect(formatVersion(v2)).toMatch(/^v2 · \d{1,2} [A-Z][a-z]{2}$/);
      expect((await getSubmission(user, first.id)).versionId).toBe(first.versionId);
    } finally {
      writeFileSync(statement, before);
      await syncExercises();
    }
    // Back to the first content: that version is current again.
    expect((await versionLabels([first.versionId])).get(first.versionId)?.current).toBe(true);
  });

  it("unknown ids get no label", async () => {
    expect((await versionLabels(["nope"])).size).toBe(0);
    expect((await versionLabels([])).size).toBe(0);
  });
});
