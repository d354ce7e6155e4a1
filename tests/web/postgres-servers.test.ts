// Two production web servers (scripts/start.mjs, as `npm start`) on one PostgreSQL database,
// as README "Deployment" describes: a Submit on one reaches a classroom page streamed by the
// other, Run/Submit limits are one budget across both, and a sign-out on one ends the session
// on the other at once, though the other remembered it for grading (lib/session-cache.ts).
// Skipped, saying so, without a PostgreSQL server (TEST_POSTGRES_URL, default 127.0.0.1:5432).
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase, postgresReachable, postgresUrl, TEST_POSTGRES_URL } from "../db/postgres";
import { cookieFrom, sameOrigin, send, signIn } from "./http-client";
import { ensureProductionBuild, projectRoot, startProductionServer, type RunningServer } from "./server";

const reachable = await postgresReachable();
if (!reachable) console.warn(`postgres-servers: SKIPPED: no PostgreSQL at ${TEST_POSTGRES_URL}`);

const SLUG = "01-rnn-step";
const reference = readFileSync(path.join(projectRoot, "exercises", SLUG, "reference.ts"), "utf8");
const demo = JSON.parse(readFileSync(path.join(projectRoot, "prisma", "demo.json"), "utf8")) as {
  instructor: { email: string; password: string };
  learner: { email: string; password: string };
};

/** Reads a server-sent-events response until `done` holds for what arrived; then closes it. */
function readEvents(url: string, target: string, cookie: string, done: (text: string) => boolean, timeoutMs = 60_000): { text: Promise<string>; opened: Promise<void> } {
  let opened!: () => void;
  const openedP = new Promise<void>((r) => (opened = r));
  const text = new Promise<string>((resolve, reject) => {
    const u = new URL(url);
    const req = http.get({ host: u.hostname, port: u.port, path: target, headers: { cookie }, agent: false }, (res) => {
      let got = "";
      const timer = setTimeout(() => (req.destroy(), reject(new Error(`no matching event in time; got:\n${got}`))), timeoutMs);
      res.on("data", (c: Buffer) => {
        got += c.toString("utf8");
        if (got.includes("event: ready")) opened();
        if (done(got)) {
          clearTimeout(timer);
          req.destroy();
          resolve(got);
        }
      });
    });
    req.on("error", (e) => reject(e));
  });
  return { text, opened: openedP };
}

describe.skipIf(!reachable)("two web servers on one PostgreSQL database", () => {
  const database = `rnn_web${randomBytes(4).toString("hex")}`;
  let a: RunningServer;
  let b: RunningServer;
  let learner = "";

  const submit = (server: RunningServer, cookie: string) =>
    send(server.url, "POST", `/api/exercises/${SLUG}/submit`, { cookie, headers: sameOrigin(server.url), body: JSON.stringify({ code: reference }) });

  beforeAll(async () => {
    ensureProductionBuild();
    await createDatabase(database);
    const env = {
      DATABASE_URL: postgresUrl(database),
      // One secret for every server, as a deployment sets it.
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      RATE_LIMIT_PER_MINUTE: "1",
      RATE_LIMIT_BURST: "3",
    };
    // One after the other: the first migrates and seeds, the second finds it done.
    a = await startProductionServer(env);
    b = await startProductionServer(env);
    learner = cookieFrom(await signIn(b.url, demo.learner.email, demo.learner.password));
    expect(learner).toContain("session_token");
  }, 600_000);

  afterAll(async () => {
    await a?.stop();
    await b?.stop();
    await dropDatabase(database);
  });

  it("a Submit on server B reaches the classroom page streamed by server A", async () => {
    const client = new pg.Client({ connectionString: postgresUrl(database) });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(`SELECT "id" FROM "Classroom" WHERE "joinCode" = 'DEMORNN'`);
    await client.end();
    const instructor = cookieFrom(await signIn(a.url, demo.instructor.email, demo.instructor.password));
    const stream = readEvents(a.url, `/api/instructor/classrooms/${rows[0].id}/events`, instructor, (t) => t.includes("event: change"));
    await stream.opened;
    const res = await submit(b, learner);
    expect(res.status, res.text).toBe(200);
    expect(res.json.submission).toMatchObject({ verdict: "pass" });
    expect(await stream.text).toContain(`"slug":"${SLUG}"`);
  });

  it("Run and Submit limits are one budget across the servers (burst 3: B, A, B, then A refuses)", async () => {
    // The first Submit above, on B, took one.
    expect((await submit(a, learner)).status).toBe(200);
    expect((await submit(b, learner)).status).toBe(200);
    const refused = await submit(a, learner);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("a sign-out on server A ends the session on server B, which had it remembered for grading", async () => {
    const out = await send(a.url, "POST", "/api/auth/sign-out", { cookie: learner, headers: sameOrigin(a.url), body: "{}" });
    expect(out.status).toBe(200);
    // Signed out, a Submit is graded for the address (its own budget) and stored for nobody.
    const after = await submit(b, learner);
    expect(after.status, after.text).toBe(200);
    expect(after.json.result).toMatchObject({ status: "pass" });
    expect(after.json.submission).toBeUndefined();
  });
});
