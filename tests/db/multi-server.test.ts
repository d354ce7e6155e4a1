// Several web servers on one PostgreSQL database (README "Deployment"): what one server does
// takes effect on the others at once. The other server is a real second process
// (tests/db/other-server.ts) with its own memory; this test file is the first. Runs in the
// db-postgres project (TEST_DATABASE=postgres); on SQLite the app is one server and these
// paths are not taken.
import { onPostgres, root, testEnv } from "./helpers";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { auth } from "../../lib/auth";
import { identifyLearner } from "../../lib/grading";
import { listening, subscribe, type LiveChange } from "../../lib/live";
import { gradingLimiter } from "../../lib/rate-limit";

const require = createRequire(path.join(root, "package.json"));
const ORIGIN = "http://localhost:43127";

/** Runs one command in the other server process; resolves to what it printed. */
function otherServer(what: string, arg: string, env: Record<string, string> = {}): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve("tsx/cli"), path.join(__dirname, "other-server.ts"), what, arg], {
      cwd: root,
      env: { ...process.env, ...testEnv, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`other server: exit ${code}\n${err}`))));
  });
}

function cookieHeader(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

describe.skipIf(!onPostgres)("several web servers on one PostgreSQL database", () => {
  it("a change stored by another server reaches this server's live classroom streams", async () => {
    const received: LiveChange[] = [];
    const unsubscribe = subscribe((c) => received.push(c));
    try {
      await listening();
      const change: LiveChange = { userId: "u-live", slug: "01-rnn-step", kind: "submit", at: new Date().toISOString() };
      await otherServer("publish", JSON.stringify(change));
      // NOTIFY is delivered after the other process's statement commits; give it a moment.
      for (let i = 0; i < 100 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(received).toEqual([change]);
    } finally {
      unsubscribe();
    }
  });

  it("a sign-out on another server ends the session for grading here, though this server remembered it", async () => {
    const signUp = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email: "two-servers@test.example", password: "harbor-violet-42", name: "Two Servers" }),
      }),
    );
    const cookie = cookieHeader(signUp);
    const headers = new Headers({ cookie });
    const first = await identifyLearner(headers);
    expect(first).toMatchObject({ key: expect.stringMatching(/^user:/) });
    // Remembered here now (lib/session-cache.ts).
    expect(await identifyLearner(headers)).toEqual(first);
    expect(await otherServer("sign-out", cookie)).toEqual({ status: 200 });
    expect(await identifyLearner(headers)).toEqual({ key: "ip:unknown" });
  });

  it("Run and Submit limits are shared: two servers taking at once grant the burst once, not once each", async () => {
    const env = { RATE_LIMIT_PER_MINUTE: "1", RATE_LIMIT_BURST: "5" };
    Object.assign(process.env, env);
    const key = "user:shared-limit";
    const startAt = Date.now() + 3000;
    const other = otherServer("take", JSON.stringify([key, 6, startAt]), env) as Promise<{ allowed: number }>;
    await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
    const here = await Promise.all(Array.from({ length: 6 }, () => gradingLimiter().take(key)));
    const allowedHere = here.filter((d) => d.allowed).length;
    expect(allowedHere + (await other).allowed).toBe(5);
    // And the next one, on either server, waits about a minute (1 per minute).
    const next = await gradingLimiter().take(key);
    expect(next.allowed).toBe(false);
    expect(next.retryAfterSeconds).toBeGreaterThan(30);
  });
});
