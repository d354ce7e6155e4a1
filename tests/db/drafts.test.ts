import { SLUG_A, SLUG_B } from "./helpers";
import { beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../../lib/domain-errors";
import { getDraft, importDrafts, listDrafts, saveDraft } from "../../lib/drafts";
import { makeUser, prisma, syncFixtureExercises } from "./fixtures";

beforeAll(async () => {
  await syncFixtureExercises();
});

describe("drafts", () => {
  it("saves, replaces and reads back one draft per exercise", async () => {
    const learner = await makeUser();
    expect(await getDraft(learner, SLUG_A)).toBeNull();
    await saveDraft(learner, { slug: SLUG_A, code: "let a = 1;" });
    const saved = await saveDraft(learner, { slug: SLUG_A, code: "let a = 2;" });
    const draft = await getDraft(learner, SLUG_A);
    expect(draft).toMatchObject({ slug: SLUG_A, code: "let a = 2;" });
    expect(draft?.updatedAt.getTime()).toBe(saved.updatedAt.getTime());
    expect(await prisma.draft.count({ where: { userId: learner.id } })).toBe(1);
    expect(Object.keys(await listDrafts(learner))).toEqual([SLUG_A]);
  });

  it("rejects oversized code and unknown exercises", async () => {
    const learner = await makeUser();
    await expect(saveDraft(learner, { slug: SLUG_A, code: "é".repeat(40_000) })).rejects.toThrow(ValidationError); // 80 KB in UTF-8
    await expect(saveDraft(learner, { slug: "42-nope", code: "" })).rejects.toThrow(NotFoundError);
    expect(await getDraft(learner, "../../etc/passwd")).toBeNull();
  });

  it("imports browser drafts after sign-up without overwriting newer server drafts", async () => {
    const learner = await makeUser();
    await saveDraft(learner, { slug: SLUG_A, code: "server A" });
    const serverA = (await getDraft(learner, SLUG_A))!;

    const report = await importDrafts(learner, {
      [SLUG_A]: { code: "older browser A", updatedAt: serverA.updatedAt.getTime() - 60_000 },
      [SLUG_B]: "browser B",
      "not-an-exercise": "ignored",
      "77-missing-folder": "ignored too",
    });
    expect(report).toEqual({ imported: [SLUG_B], kept: [SLUG_A], skipped: ["not-an-exercise", "77-missing-folder"] });
    expect((await getDraft(learner, SLUG_A))?.code).toBe("server A");
    expect((await getDraft(learner, SLUG_B))?.code).toBe("browser B");

    // Without a timestamp a browser draft never replaces an existing server draft.
    expect((await importDrafts(learner, { [SLUG_B]: "stale tab" })).kept).toEqual([SLUG_B]);
    expect((await getDraft(learner, SLUG_B))?.code).toBe("browser B");

    // A newer browser draft (edited offline after the last save) wins, keeping its time.
    const newer = new Date(serverA.updatedAt.getTime() + 1000);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await importDrafts(learner, { [SLUG_A]: { code: "newer browser A", updatedAt: newer.toISOString() } })).imported).toEqual([SLUG_A]);
    const a = await getDraft(learner, SLUG_A);
    expect(a?.code).toBe("newer browser A");
    expect(a?.updatedAt.getTime()).toBe(newer.getTime());

    // A timestamp from the future (a wrong clock) cannot pin a draft over the server's.
    const future = Date.now() + 86_400_000;
    expect((await importDrafts(learner, { [SLUG_A]: { code: "future", updatedAt: future } })).kept).toEqual([SLUG_A]);
  });

  it("rejects a malformed import", async () => {
    const learner = await makeUser();
    await expect(importDrafts(learner, { [SLUG_A]: 42 } as never)).rejects.toThrow(ValidationError);
    await expect(importDrafts(learner, "nope" as never)).rejects.toThrow(ValidationError);
    const many = Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`k${i}`, "x"]));
    await expect(importDrafts(learner, many)).rejects.toThrow(/at most 100/);
  });
});
