// Exercise folders renamed, removed or broken under a running production server (`npm start`
// on a copy of exercises/), seen over HTTP: the old URL of a renamed exercise redirects to the
// new one; a removed exercise's URL says so and lists the learner's submissions (never a 404);
// a typo in tests.json leaves learners on the last good version, and Submit still grades.
import { randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadExerciseFrom } from "../../grader/exercises";
import { cookieFrom, sameOrigin, send, signIn, signUp, spoofedAddress } from "./http-client";
import { ensureProductionBuild, projectRoot, startProductionServer, type RunningServer } from "./server";

const RENAMED = "01-rnn-step";
const REMOVED = "02-sequence-probability";
const BROKEN = "03-gradient-product";

let scratch: string;
let exercisesDir: string;
let server: RunningServer;
let cookie: string;

const get = (target: string) => send(server.url, "GET", target, { cookie });

beforeAll(async () => {
  ensureProductionBuild();
  scratch = mkdtempSync(path.join(os.tmpdir(), "rnn-grader-history-pages-"));
  exercisesDir = path.join(scratch, "exercises");
  cpSync(path.join(projectRoot, "exercises"), exercisesDir, { recursive: true });
  server = await startProductionServer({ EXERCISES_DIR: exercisesDir, EXERCISES_RECHECK_MS: "0" });
  const reply = await signUp(server.url, { email: `hist-${randomUUID().slice(0, 8)}@test.example`, password: "vector-lantern-97-orbit", name: "Hana History" }, { "x-forwarded-for": spoofedAddress() });
  expect(reply.status).toBe(200);
  cookie = cookieFrom(reply);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * Waits until the server serves the folder's current version: an edit is served once its
 * background check (grader/version-check.ts) passed, and the server is another process, so its
 * instructor preview, which names the version served, is asked until it does.
 */
async function waitUntilServed(slug: string, as: string): Promise<void> {
  const hash = loadExerciseFrom(path.join(exercisesDir, slug), slug).hash;
  const deadline = Date.now() + 240_000;
  for (;;) {
    const page = await send(server.url, "GET", `/instructor/exercises/${slug}`, { cookie: as });
    if (page.text.includes(`<code>${hash}</code>`)) return;
    if (Date.now() > deadline) throw new Error(`${slug}@${hash} was not served within 240 s of waiting for its check`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function submit(slug: string, code: string) {
  const reply = await send(server.url, "POST", `/api/exercises/${slug}/submit`, { cookie, headers: { ...sameOrigin(server.url), "content-type": "application/json" }, body: JSON.stringify({ code }) });
  expect(reply.status, reply.text.slice(0, 300)).toBe(200);
  return reply.json as { result: { status: string }; submission: { id: string } };
}

/** JSON request as the given user (same-origin, as the pages send them). */
async function call(method: string, target: string, as: string, body?: unknown) {
  const reply = await send(server.url, method, target, { cookie: as, headers: { ...sameOrigin(server.url), "content-type": "application/json" }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  expect(reply.status, `${method} ${target}: ${reply.text.slice(0, 300)}`).toBe(200);
  return reply.json;
}

describe("a regrade through the running server", () => {
  it("after a tolerance is tightened, the regrade runs in the background, finds the near miss, and applying un-solves it", async () => {
    const demo = JSON.parse(readFileSync(path.join(projectRoot, "prisma", "demo.json"), "utf8")) as { instructor: { email: string; password: string } };
    const teacher = cookieFrom(await signIn(server.url, demo.instructor.email, demo.instructor.password));
    const metaFile = path.join(exercisesDir, RENAMED, "exercise.json");
    const original = readFileSync(metaFile, "utf8");
    const withRtol = (rtol: number) => JSON.stringify({ ...JSON.parse(original), tolerance: { rtol, atol: 1e-9 } }, null, 2);
    const { classroom } = (await call("POST", "/api/instructor/classrooms", teacher, { name: "Regrade over HTTP" })) as { classroom: { id: string; joinCode: string } };
    await call("POST", "/api/classrooms/join", cookie, { code: classroom.joinCode });

    writeFileSync(metaFile, withRtol(1e-4));
    await waitUntilServed(RENAMED, teacher);
    const reference = readFileSync(path.join(exercisesDir, RENAMED, "reference.ts"), "utf8");
    const nearly = reference.replace("return Math.tanh(s);", "return Math.tanh(s) * (1 + 1e-5);");
    expect((await submit(RENAMED, nearly)).result.status).toBe("pass");
    writeFileSync(metaFile, original);
    await waitUntilServed(RENAMED, teacher);
    // The History tab marks the attempt as graded on an older version.
    expect((await get(`/exercises/${RENAMED}`)).text).toMatch(/v\d+ · \d{1,2} [A-Z][a-z]{2}(<!-- -->)?<span class="version-badge-note"> · older version/);

    const base = `/api/instructor/classrooms/${classroom.id}/regrades`;
    const { regrade } = (await call("POST", base, teacher, { exercise: RENAMED })) as { regrade: { id: string; total: number } };
    expect(regrade.total).toBe(1);
    let view: { status: string; changes: { name: string; before: { solved: boolean }; after: { solved: boolean } }[] };
    // The grading runs after the response, in the server's background: wait for its outcome.
    for (;;) {
      view = ((await call("GET", `${base}/${regrade.id}`, teacher)) as { regrade: typeof view }).regrade;
      if (view.status !== "grading") break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(view.status).toBe("graded");
    expect(view.changes.map((c) => [c.name, c.before.solved, c.after.solved])).toEqual([["Hana History", true, false]]);
    const applied = (await call("POST", `${base}/${regrade.id}/apply`, teacher)) as { regrade: { status: string } };
    expect(applied.regrade.status).toBe("applied");
    const { progress } = (await call("GET", "/api/progress", cookie)) as { progress: Record<string, { state: string }> };
    expect(progress[RENAMED].state).toBe("attempted");
    // Regraded on the current version: no longer marked.
    expect((await get(`/exercises/${RENAMED}`)).text).not.toContain("older version");
  });
});

describe("exercise pages after the folders change", () => {
  it("a renamed exercise's old URL redirects to the new one", async () => {
    expect((await get(`/exercises/${RENAMED}`)).status).toBe(200);
    renameSync(path.join(exercisesDir, RENAMED), path.join(exercisesDir, "01-rnn-step-renamed"));
    const reply = await get(`/exercises/${RENAMED}`);
    expect(reply.status).toBe(308);
    expect(reply.headers.location).toMatch(/\/exercises\/01-rnn-step-renamed$/);
    expect((await get("/exercises/01-rnn-step-renamed")).status).toBe(200);
  });

  it("a removed exercise's URL says it was removed and lists the learner's submissions", async () => {
    const { submission } = await submit(REMOVED, "export function sequenceLogProb() { return 0; }\n");
    rmSync(path.join(exercisesDir, REMOVED), { recursive: true });
    const reply = await get(`/exercises/${REMOVED}`);
    expect(reply.status).toBe(200);
    expect(reply.text).toContain("This exercise was removed");
    expect(reply.text).toContain(`/submissions/${submission.id}`);
    // The submission itself is still there.
    expect((await get(`/submissions/${submission.id}`)).status).toBe(200);
    expect((await get("/exercises/11-never-existed")).status).toBe(404);
  });

  it("a typo in tests.json: the page and Submit keep the last good version", async () => {
    const page = await get(`/exercises/${BROKEN}`);
    expect(page.status).toBe(200);
    const reference = readFileSync(path.join(exercisesDir, BROKEN, "reference.ts"), "utf8");
    const testsFile = path.join(exercisesDir, BROKEN, "tests.json");
    writeFileSync(testsFile, readFileSync(testsFile, "utf8").replace(/\}\s*$/, ",}"));
    expect((await get(`/exercises/${BROKEN}`)).status).toBe(200);
    const { result } = await submit(BROKEN, reference);
    expect(result.status).toBe("pass");
  });
});
