// The history pages read one page at a time: the learner's own list (newest first, summaries
// only) and the instructor's learner page (oldest first within a page, newest page first, code
// and results only for the page's rows plus the previous attempt each diff needs).
import { SLUG_A, SLUG_B } from "./helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { createClassroom, joinClassroom, learnerSubmissionsForInstructor } from "../../lib/classrooms";
import { listSubmissionPage, recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, syncFixtureExercises } from "./fixtures";

let teacher: Awaited<ReturnType<typeof makeUser>>;
let learner: Awaited<ReturnType<typeof makeUser>>;
/** What each stored submission's code says: its place in time, so order can be checked. */
const codeOf = (i: number, slug: string) => `// attempt ${i} at ${slug}`;
const STORED = 47;

beforeAll(async () => {
  await syncFixtureExercises();
  teacher = await makeUser("instructor");
  learner = await makeUser("learner");
  const room = await createClassroom(teacher, "Paged");
  await joinClassroom(learner, room.joinCode);
  // Alternating exercises: A at even i, B at odd i.
  for (let i = 0; i < STORED; i++) {
    const slug = i % 2 === 0 ? SLUG_A : SLUG_B;
    await recordSubmission(learner, { slug, kind: "run", code: codeOf(i, slug), result: gradeResult(slug, "run", i % 3 === 0 ? 1 : 0, 1) });
  }
});

describe("the learner's own history", () => {
  it("is a page of summaries, newest first, with the count of all", async () => {
    const first = await listSubmissionPage(learner, undefined, 20);
    expect(first).toMatchObject({ page: 1, pageCount: 3, total: STORED, skip: 0 });
    expect(first.submissions).toHaveLength(20);
    expect(first.submissions[0]).not.toHaveProperty("code");
    const last = await listSubmissionPage(learner, "3", 20);
    expect(last.submissions).toHaveLength(STORED - 40);
    const all = [...first.submissions, ...(await listSubmissionPage(learner, "2", 20)).submissions, ...last.submissions];
    expect(new Set(all.map((s) => s.id)).size).toBe(STORED);
    const times = all.map((s) => s.createdAt.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("answers any page number a URL can hold with a page that exists", async () => {
    expect((await listSubmissionPage(learner, "999", 20)).page).toBe(3);
    expect((await listSubmissionPage(learner, "-4", 20)).page).toBe(1);
    expect((await listSubmissionPage(learner, "1e3", 20)).page).toBe(1);
  });
});

describe("the instructor's learner page", () => {
  it("shows the newest page by default, oldest first within it", async () => {
    const page = await learnerSubmissionsForInstructor(teacher, learner.id, { pageSize: 10 });
    expect(page).toMatchObject({ page: 5, pageCount: 5, total: STORED, skip: 40 });
    expect(page.submissions.map((s) => s.code)).toEqual(Array.from({ length: 7 }, (_, k) => codeOf(40 + k, (40 + k) % 2 === 0 ? SLUG_A : SLUG_B)));
    expect(page.perExercise).toEqual([
      { slug: SLUG_A, count: 24 },
      { slug: SLUG_B, count: 23 },
    ]);
  });

  it("gives each submission the previous attempt at its exercise, across the page boundary too", async () => {
    const page = await learnerSubmissionsForInstructor(teacher, learner.id, { pageSize: 10, page: "2" });
    expect(page.submissions.map((s) => s.code)[0]).toBe(codeOf(10, SLUG_A));
    // 10 (A) follows 8 (A) on the page before; 11 (B) follows 9 (B); 12 (A) follows 10 on this page.
    expect(page.submissions[0].previous?.code).toBe(codeOf(8, SLUG_A));
    expect(page.submissions[1].previous?.code).toBe(codeOf(9, SLUG_B));
    expect(page.submissions[2].previous?.code).toBe(codeOf(10, SLUG_A));
    const first = await learnerSubmissionsForInstructor(teacher, learner.id, { pageSize: 10, page: "1" });
    expect(first.submissions[0].previous).toBeNull();
  });

  it("filters by exercise, paginating what is left", async () => {
    const page = await learnerSubmissionsForInstructor(teacher, learner.id, { slug: SLUG_B, pageSize: 10 });
    expect(page).toMatchObject({ total: 23, pageCount: 3, page: 3 });
    expect(page.submissions.every((s) => s.slug === SLUG_B)).toBe(true);
    expect(page.submissions[0].previous?.code).toBe(codeOf(39, SLUG_B));
  });
});
