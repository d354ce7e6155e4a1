// The signed-in learner's API routes, called as Next.js calls them, against a fresh migrated
// database, with real better-auth session cookies: each route tried signed out, with a forged
// cookie and as the wrong user (another learner's submission id, another learner's draft, an
// instructor) gets 401/403/404 and nothing of the other user's data; the owner gets their own.
import { randomUUID } from "node:crypto";
import { SLUG_A as SLUG, SLUG_B } from "../db/helpers"; // first: fresh database and exercise copies
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import * as authRoute from "../../app/api/auth/[...all]/route";
import * as classroomsRoute from "../../app/api/classrooms/route";
import * as joinRoute from "../../app/api/classrooms/join/route";
import * as draftRoute from "../../app/api/drafts/[slug]/route";
import * as importRoute from "../../app/api/drafts/import/route";
import * as gradeRoute from "../../app/api/exercises/[slug]/[mode]/route";
import * as progressRoute from "../../app/api/progress/route";
import * as submissionsRoute from "../../app/api/submissions/route";
import * as submissionRoute from "../../app/api/submissions/[id]/route";
import { closeGraderPool } from "../../grader/pool";
import { loadCatalogue } from "../../grader/exercises";
import { identifyLearner } from "../../lib/grading";
import { CLIENT_ADDRESS_HEADER, trustClientAddressHeader } from "../../lib/http/client-address";
import { recordSubmission } from "../../lib/submissions";
import { prisma } from "../db/fixtures";
import { allSecretNeedles, findInText } from "./leak-scan";

// Recording can be made to fail on demand; otherwise the real function runs.
vi.mock("../../lib/submissions", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../lib/submissions")>();
  return { ...actual, recordSubmission: vi.fn(actual.recordSubmission) };
});

const ORIGIN = "http://localhost:43128";
// As the app's server does before any request (lib/http/server.ts).
trustClientAddressHeader();
const exerciseFile = (f: string) => readFileSync(path.join(process.cwd(), "exercises", SLUG, f), "utf8");
const REFERENCE = exerciseFile("reference.ts");
const STARTER = exerciseFile("starter.ts");

interface Person {
  id: string;
  email: string;
  cookie: string;
}

async function signUp(name: string): Promise<Person> {
  const email = `${name.toLowerCase()}-${randomUUID().slice(0, 6)}@test.example`;
  const res = await authRoute.POST(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email, password: `${name}-password`, name }),
    }),
  );
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { user } = (await res.json()) as { user: { id: string } };
  return { id: user.id, email, cookie };
}

type Handler = (request: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** One request to a route handler, as `who` (a cookie) or signed out. */
async function call(
  handler: Handler,
  init: { method?: string; path: string; params?: Record<string, string>; who?: Person | string; body?: unknown; rawBody?: string },
) {
  // What the browser on this site sends; the client address as the app's server would set it.
  const headers: Record<string, string> = { "content-type": "application/json", origin: ORIGIN, [CLIENT_ADDRESS_HEADER]: `10.1.0.${Math.floor(Math.random() * 250)}` };
  const cookie = typeof init.who === "string" ? init.who : init.who?.cookie;
  if (cookie) headers.cookie = cookie;
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const res = await handler(new Request(`${ORIGIN}${init.path}`, { method: init.method ?? "GET", headers, body }), {
    params: Promise.resolve(init.params ?? {}),
  });
  const text = await res.text();
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // not JSON: the assertions below say so
  }
  return { status: res.status, text, json, res };
}

function errorCode(r: { json: Record<string, unknown> }): string | undefined {
  return (r.json.error as { code?: string } | undefined)?.code;
}

let alice: Person;
let bob: Person;
let teacher: Person;
let aliceSubmissionId: string;
const ALICE_MARK = "// alice-only-marker-7f3a";

beforeAll(async () => {
  alice = await signUp("Alice");
  bob = await signUp("Bob");
  teacher = await signUp("Teacher");
  await prisma.user.update({ where: { id: teacher.id }, data: { role: "instructor" } });
  await prisma.classroom.create({ data: { name: "Teacher's class", joinCode: "TEACHER1", ownerId: teacher.id } });
  // Alice solves exercise 1 (her code carries a marker that must never reach anyone else).
  const res = await call(gradeRoute.POST as Handler, {
    method: "POST",
    path: `/api/exercises/${SLUG}/submit`,
    params: { slug: SLUG, mode: "submit" },
    who: alice,
    body: { code: `${REFERENCE}\n${ALICE_MARK}\n` },
  });
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  aliceSubmissionId = (res.json.submission as { id: string }).id;
}, 60_000);

afterAll(async () => {
  await closeGraderPool();
});

// Every route of the account API, with what a signed-out request sends.
const ROUTES: { name: string; handler: Handler; method: string; path: string; params?: Record<string, string>; body?: unknown }[] = [
  { name: "GET draft", handler: draftRoute.GET as Handler, method: "GET", path: `/api/drafts/${SLUG}`, params: { slug: SLUG } },
  { name: "PUT draft", handler: draftRoute.PUT as Handler, method: "PUT", path: `/api/drafts/${SLUG}`, params: { slug: SLUG }, body: { code: "x" } },
  { name: "DELETE draft", handler: draftRoute.DELETE as Handler, method: "DELETE", path: `/api/drafts/${SLUG}`, params: { slug: SLUG } },
  { name: "import drafts", handler: importRoute.POST as Handler, method: "POST", path: "/api/drafts/import", body: { drafts: { [SLUG]: { code: "x" } } } },
  { name: "list submissions", handler: submissionsRoute.GET as Handler, method: "GET", path: "/api/submissions" },
  { name: "one submission", handler: submissionRoute.GET as Handler, method: "GET", path: "/api/submissions/x", params: { id: "x" } },
  { name: "progress", handler: progressRoute.GET as Handler, method: "GET", path: "/api/progress" },
  { name: "classrooms", handler: classroomsRoute.GET as Handler, method: "GET", path: "/api/classrooms" },
  { name: "join", handler: joinRoute.POST as Handler, method: "POST", path: "/api/classrooms/join", body: { code: "TEACHER1" } },
];

describe("signed out", () => {
  it.each(ROUTES)("$name → 401 asking to sign in, with no data", async (route) => {
    const params = route.name === "one submission" ? { id: aliceSubmissionId } : route.params;
    const r = await call(route.handler, { ...route, params });
    expect(r.status).toBe(401);
    expect(r.json).toEqual({ error: { code: "unauthenticated", message: expect.stringMatching(/sign in/i) } });
    expect(r.text).not.toContain(ALICE_MARK);
  });

  it.each(ROUTES)("$name with a forged session cookie → 401", async (route) => {
    const forged = alice.cookie.replace(/=([^;]+)/, (_m, v: string) => `=${v.slice(0, -6)}AAAAAA`);
    expect(forged).not.toBe(alice.cookie);
    const r = await call(route.handler, { ...route, who: forged });
    expect(r.status).toBe(401);
  });

  it("a signed-out Run or Submit is graded but not recorded, and is limited per address", async () => {
    const before = await prisma.submission.count();
    const r = await call(gradeRoute.POST as Handler, {
      method: "POST",
      path: `/api/exercises/${SLUG}/submit`,
      params: { slug: SLUG, mode: "submit" },
      body: { code: REFERENCE },
    });
    expect(r.status).toBe(200);
    expect(r.json.submission).toBeUndefined();
    expect(await prisma.submission.count()).toBe(before);
    expect((await identifyLearner(new Headers({ [CLIENT_ADDRESS_HEADER]: "203.0.113.7" }))).key).toBe("ip:203.0.113.7");
  });
});

describe("Run and Submit signed in", () => {
  it("records the attempt before answering: the id in the response is in the database, with the new progress", async () => {
    const row = await prisma.submission.findUniqueOrThrow({ where: { id: aliceSubmissionId } });
    expect(row.userId).toBe(alice.id);
    expect(row.kind).toBe("submit");
    expect(row.verdict).toBe("pass");
    expect(row.code).toContain(ALICE_MARK);

    const run = await call(gradeRoute.POST as Handler, {
      method: "POST",
      path: `/api/exercises/${SLUG}/run`,
      params: { slug: SLUG, mode: "run" },
      who: alice,
      body: { code: STARTER },
    });
    expect(run.status).toBe(200);
    const stored = run.json.submission as { id: string; kind: string; verdict: string; passed: number; total: number };
    const result = run.json.result as { status: string; passed: number; total: number };
    expect(stored).toMatchObject({ kind: "run", verdict: result.status, passed: result.passed, total: result.total });
    expect(await prisma.submission.count({ where: { id: stored.id, userId: alice.id } })).toBe(1);
    // The solved state from the earlier Submit survives a failing Run; runs are counted apart.
    expect(run.json.progress).toMatchObject({ slug: SLUG, state: "solved", attempts: 1, runs: 1, bestScore: 1 });
  });

  it("rate-limits a signed-in learner per account, wherever they connect from", async () => {
    const headers = new Headers({ cookie: alice.cookie, [CLIENT_ADDRESS_HEADER]: "198.51.100.1" });
    expect(await identifyLearner(headers)).toMatchObject({ key: `user:${alice.id}`, userId: alice.id });
  });

  it("when storing fails, answers 503 saying so (with the verdict) and nothing claims it was saved", async () => {
    vi.mocked(recordSubmission).mockRejectedValueOnce(Object.assign(new Error("SQLITE_FULL: database or disk is full"), { code: "SQLITE_FULL" }));
    const before = await prisma.submission.count({ where: { userId: bob.id } });
    const r = await call(gradeRoute.POST as Handler, {
      method: "POST",
      path: `/api/exercises/${SLUG}/submit`,
      params: { slug: SLUG, mode: "submit" },
      who: bob,
      body: { code: REFERENCE },
    });
    expect(r.status).toBe(503);
    expect(r.res.headers.get("retry-after")).toBe("5");
    expect(errorCode(r)).toBe("not-recorded");
    expect((r.json.error as { message: string }).message).toMatch(/could not be saved.*submit again/i);
    expect(r.text).not.toContain("SQLITE_FULL");
    expect(r.json.submission).toBeUndefined();
    expect((r.json.result as { status: string }).status).toBe("pass"); // the learner still sees how they did
    expect(await prisma.submission.count({ where: { userId: bob.id } })).toBe(before);
  });
});

describe("submissions: only one's own", () => {
  it("another learner asking for Alice's submission id gets the same 404 as a made-up id", async () => {
    const theirs = await call(submissionRoute.GET as Handler, { path: `/api/submissions/${aliceSubmissionId}`, params: { id: aliceSubmissionId }, who: bob });
    const madeUp = await call(submissionRoute.GET as Handler, { path: "/api/submissions/nope", params: { id: "nope" }, who: bob });
    expect(theirs.status).toBe(404);
    expect(theirs.json).toEqual(madeUp.json);
    expect(theirs.text).not.toContain(ALICE_MARK);
  });

  it("an instructor (even Alice's own, through this learner route) gets 404 too", async () => {
    const r = await call(submissionRoute.GET as Handler, { path: `/api/submissions/${aliceSubmissionId}`, params: { id: aliceSubmissionId }, who: teacher });
    expect(r.status).toBe(404);
    expect(r.text).not.toContain(ALICE_MARK);
  });

  it("Alice reads her own with code and per-test results; hidden tests carry no inputs or values", async () => {
    const r = await call(submissionRoute.GET as Handler, { path: `/api/submissions/${aliceSubmissionId}`, params: { id: aliceSubmissionId }, who: alice });
    expect(r.status).toBe(200);
    const s = r.json.submission as { id: string; code: string; tests: Record<string, unknown>[]; userId?: string; passed: number; total: number };
    expect(s.id).toBe(aliceSubmissionId);
    expect(s.code).toContain(ALICE_MARK);
    expect(s.userId).toBeUndefined();
    expect(s.passed).toBe(s.total);
    const hidden = s.tests.filter((t) => t.hidden);
    expect(hidden.length).toBeGreaterThan(0);
    for (const t of hidden) {
      expect(t).not.toHaveProperty("input");
      expect(t).not.toHaveProperty("expected");
      expect(t).not.toHaveProperty("actual");
    }
  });

  it("lists and progress never include another learner's work", async () => {
    const bobs = await call(submissionsRoute.GET as Handler, { path: "/api/submissions", who: bob });
    expect(bobs.status).toBe(200);
    const ids = (bobs.json.submissions as { id: string }[]).map((s) => s.id);
    expect(ids).not.toContain(aliceSubmissionId);
    expect(bobs.text).not.toContain(ALICE_MARK);

    const alices = await call(submissionsRoute.GET as Handler, { path: `/api/submissions?slug=${SLUG}&kind=submit`, who: alice });
    expect((alices.json.submissions as { id: string }[]).map((s) => s.id)).toEqual([aliceSubmissionId]);

    const bobProgress = await call(progressRoute.GET as Handler, { path: "/api/progress", who: bob });
    expect((bobProgress.json.progress as Record<string, { state: string }>)[SLUG].state).toBe("not-started");
    expect(bobProgress.json.totals).toMatchObject({ solved: 0 });
    const aliceProgress = await call(progressRoute.GET as Handler, { path: "/api/progress", who: alice });
    expect((aliceProgress.json.progress as Record<string, { state: string }>)[SLUG].state).toBe("solved");
    expect(aliceProgress.json.totals).toMatchObject({ solved: 1, total: 2 });
  });

  it("a bad filter is a 400 that says which", async () => {
    const r = await call(submissionsRoute.GET as Handler, { path: "/api/submissions?kind=everything", who: alice });
    expect(r.status).toBe(400);
    expect((r.json.error as { message: string }).message).toMatch(/kind/);
  });

  it("a submission that printed or threw its arguments stores nothing of the hidden cases", async () => {
    const ex = loadCatalogue().exercises.find((e) => e.slug === SLUG)!;
    const needles = (await allSecretNeedles()).filter((n) => n.slug === SLUG);
    const hiddenArgs = ex.tests.hidden.map((c) => ({ slug: SLUG, label: `hidden '${c.name}' args`, text: JSON.stringify(c.args) }));
    for (const body of ["console.log(JSON.stringify(args)); return [];", "throw new Error(JSON.stringify(args));"]) {
      const code = `export function ${ex.meta.export}(...args: any[]): any {\n  ${body}\n}\n`;
      const graded = await call(gradeRoute.POST as Handler, {
        method: "POST",
        path: `/api/exercises/${SLUG}/submit`,
        params: { slug: SLUG, mode: "submit" },
        who: alice,
        body: { code },
      });
      expect(graded.status).toBe(200);
      const id = (graded.json.submission as { id: string }).id;
      const back = await call(submissionRoute.GET as Handler, { path: `/api/submissions/${id}`, params: { id }, who: alice });
      expect(back.status).toBe(200);
      expect(findInText(`stored ${id}`, back.text, [...needles, ...hiddenArgs]).map((l) => l.needle.label)).toEqual([]);
    }
  });
});

describe("drafts: only one's own", () => {
  const put = (who: Person, code: string, slug = SLUG) =>
    call(draftRoute.PUT as Handler, { method: "PUT", path: `/api/drafts/${slug}`, params: { slug }, who, body: { code } });
  const get = (who: Person, slug = SLUG) => call(draftRoute.GET as Handler, { path: `/api/drafts/${slug}`, params: { slug }, who });

  it("saves and reads back the owner's draft", async () => {
    const saved = await put(alice, `${ALICE_MARK}\nlet draft = 1;`);
    expect(saved.status).toBe(200);
    const back = await get(alice);
    expect((back.json.draft as { code: string }).code).toBe(`${ALICE_MARK}\nlet draft = 1;`);
  });

  it("another learner sees only their own (none), and their writes and deletes never touch Alice's", async () => {
    const bobsView = await get(bob);
    expect(bobsView.status).toBe(200);
    expect(bobsView.json.draft).toBeNull();
    expect(bobsView.text).not.toContain(ALICE_MARK);

    expect((await put(bob, "let bob = 2;")).status).toBe(200);
    const del = await call(draftRoute.DELETE as Handler, { method: "DELETE", path: `/api/drafts/${SLUG}`, params: { slug: SLUG }, who: bob });
    expect(del.json).toEqual({ deleted: true });
    expect((await get(bob)).json.draft).toBeNull();
    expect(((await get(alice)).json.draft as { code: string }).code).toContain(ALICE_MARK);
  });

  it("Reset deletes the draft", async () => {
    await put(alice, "temporary", SLUG_B);
    const del = await call(draftRoute.DELETE as Handler, { method: "DELETE", path: `/api/drafts/${SLUG_B}`, params: { slug: SLUG_B }, who: alice });
    expect(del.json).toEqual({ deleted: true });
    expect((await get(alice, SLUG_B)).json.draft).toBeNull();
  });

  it("bad input gets a clear 4xx: over 64 KB → 413, malformed → 400, unknown exercise → 404", async () => {
    const big = await put(alice, "x".repeat(64 * 1024 + 1));
    expect(big.status).toBe(413);
    expect(errorCode(big)).toBe("too-large");
    expect((big.json.error as { message: string }).message).toMatch(/64 KB/);
    // A draft just under the limit in bytes is fine; multi-byte characters count as bytes.
    expect((await put(alice, "é".repeat(32 * 1024))).status).toBe(200);
    expect((await put(alice, "é".repeat(32 * 1024 + 1))).status).toBe(413);

    const malformed = await call(draftRoute.PUT as Handler, { method: "PUT", path: `/api/drafts/${SLUG}`, params: { slug: SLUG }, who: alice, rawBody: '{"code": ' });
    expect(malformed.status).toBe(400);
    const noCode = await call(draftRoute.PUT as Handler, { method: "PUT", path: `/api/drafts/${SLUG}`, params: { slug: SLUG }, who: alice, body: { text: "x" } });
    expect(noCode.status).toBe(400);
    expect((noCode.json.error as { message: string }).message).toMatch(/code/);
    const unknown = await put(alice, "x", "99-no-such-exercise");
    expect(unknown.status).toBe(404);
    const trick = await put(alice, "x", "../../package.json");
    expect(trick.status).toBe(404);
  });
});

describe("importing a visitor's browser drafts", () => {
  it("adds new ones, keeps a newer server draft, skips what is not an exercise, and only for the caller", async () => {
    const carol = await signUp("Carol");
    await call(draftRoute.PUT as Handler, { method: "PUT", path: `/api/drafts/${SLUG_B}`, params: { slug: SLUG_B }, who: carol, body: { code: "server, newer" } });
    const r = await call(importRoute.POST as Handler, {
      method: "POST",
      path: "/api/drafts/import",
      who: carol,
      body: {
        drafts: {
          [SLUG]: { code: "from the browser", updatedAt: Date.now() - 60_000 },
          [SLUG_B]: { code: "browser, older", updatedAt: Date.now() - 3_600_000 },
          "not-an-exercise": { code: "?" },
        },
      },
    });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ imported: [SLUG], kept: [SLUG_B], skipped: ["not-an-exercise"] });
    const mine = await prisma.draft.findMany({ where: { userId: carol.id }, include: { exercise: true } });
    expect(Object.fromEntries(mine.map((d) => [d.exercise.slug, d.code]))).toEqual({ [SLUG]: "from the browser", [SLUG_B]: "server, newer" });
    // Alice's draft of the same exercise is untouched.
    const alices = await prisma.draft.findFirstOrThrow({ where: { userId: alice.id, exercise: { slug: SLUG } } });
    expect(alices.code).not.toBe("from the browser");
  });

  it("submits each imported draft as the learner's own Submit, so progress counts what the code does", async () => {
    const dave = await signUp("Dave");
    const r = await call(importRoute.POST as Handler, {
      method: "POST",
      path: "/api/drafts/import",
      who: dave,
      body: { drafts: { [SLUG]: { code: REFERENCE, updatedAt: Date.now() - 1000 }, [SLUG_B]: { code: STARTER } } },
    });
    expect(r.status).toBe(200);
    expect(r.json.imported).toEqual([SLUG, SLUG_B]);
    expect(r.json.graded).toEqual([expect.objectContaining({ slug: SLUG, verdict: "pass", solved: true })]);
    // The untouched starter is not submitted: it would only add a failing attempt.
    expect(r.json.notGraded).toEqual([{ slug: SLUG_B, reason: "It is still the starter code." }]);
    const progress = await call(progressRoute.GET as Handler, { path: "/api/progress", who: dave });
    expect(progress.json).toMatchObject({ progress: { [SLUG]: { state: "solved", attempts: 1 }, [SLUG_B]: { state: "not-started" } } });
    const subs = await prisma.submission.findMany({ where: { userId: dave.id } });
    expect(subs.map((s) => [s.kind, s.verdict, s.code])).toEqual([["submit", "pass", REFERENCE]]);
    // A wrong draft counts as an attempt, never as solved.
    const erin = await signUp("Erin");
    const wrong = await call(importRoute.POST as Handler, {
      method: "POST",
      path: "/api/drafts/import",
      who: erin,
      body: { drafts: { [SLUG]: { code: REFERENCE.replace("Math.tanh", "") } } },
    });
    expect(wrong.json.graded).toEqual([expect.objectContaining({ slug: SLUG, verdict: "fail", solved: false })]);
  });

  it("a malformed import is a 400", async () => {
    expect((await call(importRoute.POST as Handler, { method: "POST", path: "/api/drafts/import", who: alice, body: [1, 2] })).status).toBe(400);
    const tooBig = await call(importRoute.POST as Handler, {
      method: "POST",
      path: "/api/drafts/import",
      who: alice,
      body: { drafts: { [SLUG]: { code: "x".repeat(70 * 1024) } } },
    });
    expect(tooBig.status).toBe(400);
    expect((tooBig.json.error as { message: string }).message).toMatch(/64 KB/);
  });
});

describe("classrooms", () => {
  const join = (who: Person, code: string) => call(joinRoute.POST as Handler, { method: "POST", path: "/api/classrooms/join", who, body: { code } });

  it("a wrong code is a 404 that says to check it", async () => {
    const r = await join(bob, "NOPE-NOPE");
    expect(r.status).toBe(404);
    expect((r.json.error as { message: string }).message).toMatch(/No classroom has the join code NOPE-NOPE/);
  });

  it("joining is idempotent and case- and dash-insensitive", async () => {
    const first = await join(bob, "teacher1");
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ classroom: { name: "Teacher's class" }, alreadyMember: false });
    const again = await join(bob, "TEAC-HER1");
    expect(again.json).toMatchObject({ alreadyMember: true });
    expect(await prisma.enrollment.count({ where: { userId: bob.id } })).toBe(1);
  });

  it("each user lists only their own classrooms; the join code is not shown to learners", async () => {
    const bobs = await call(classroomsRoute.GET as Handler, { path: "/api/classrooms", who: bob });
    expect(bobs.json).toMatchObject({ role: "learner", enrolled: [{ name: "Teacher's class" }] });
    expect(bobs.text).not.toContain("TEACHER1");
    const alices = await call(classroomsRoute.GET as Handler, { path: "/api/classrooms", who: alice });
    expect(alices.json).toEqual({ role: "learner", enrolled: [] });
    const teachers = await call(classroomsRoute.GET as Handler, { path: "/api/classrooms", who: teacher });
    expect(teachers.json).toMatchObject({ role: "instructor", owned: [{ name: "Teacher's class", joinCode: "TEAC-HER1", learnerCount: 1 }] });
  });

  it("an instructor cannot join as a learner (403); a malformed body is a 400", async () => {
    const r = await join(teacher, "TEACHER1");
    expect(r.status).toBe(403);
    expect(errorCode(r)).toBe("forbidden");
    const bad = await call(joinRoute.POST as Handler, { method: "POST", path: "/api/classrooms/join", who: bob, body: { joinCode: 5 } });
    expect(bad.status).toBe(400);
  });
});
