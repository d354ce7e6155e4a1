// The web layer under attack (issue 12), black box: a production server started the way
// `npm start` runs it, attacked over HTTP as a hostile client would, one block per attack class.
// Only HTTP goes in; the scratch database is read to check that nothing was stored. Every test
// here failed against the server before the fix (see the commit that added this file).
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookieFrom, sameOrigin, send, signIn, signUp, spoofedAddress, type Reply } from "./http-client";
import { ensureProductionBuild, projectRoot, startProductionServer, type RunningServer } from "./server";

const DEMO = JSON.parse(readFileSync(path.join(projectRoot, "prisma", "demo.json"), "utf8")) as {
  instructor: { email: string; password: string };
  learner: { email: string; password: string };
};
const SLUG = "01-rnn-step";
const EVIL = "http://evil.example";
const STRONG_PASSWORD = "vector-lantern-97-orbit";
/**
 * Server settings for this file: small limits, so that crossing them takes few requests, and
 * better-auth's sign-in request limit out of the way of the backoff being tested.
 */
const ENV = {
  RATE_LIMIT_PER_MINUTE: "6",
  RATE_LIMIT_BURST: "3",
  SIGNUP_LIMIT_PER_HOUR: "20",
  SIGNIN_LIMIT_PER_MINUTE: "1000",
  SIGNIN_FREE_FAILURES_PER_ADDRESS: "12",
};

let dataDir: string;
let server: RunningServer;
let base: string;
let learner: string; // the demo learner's cookie
let instructor: string; // the demo instructor's cookie

function db() {
  return new Database(path.join(dataDir, "app.db"), { readonly: true, fileMustExist: true });
}
function count(sql: string, ...args: unknown[]): number {
  const conn = db();
  try {
    return (conn.prepare(sql).get(...args) as { n: number }).n;
  } finally {
    conn.close();
  }
}

async function freshLearner(label: string): Promise<{ email: string; cookie: string; id: string }> {
  const email = `${label}-${randomUUID().slice(0, 8)}@test.example`;
  const r = await signUp(base, { email, password: STRONG_PASSWORD, name: label }, { "x-forwarded-for": spoofedAddress() });
  expect(r.status, r.text.slice(0, 200)).toBe(200);
  return { email, cookie: cookieFrom(r), id: (r.json.user as { id: string }).id };
}

function json(method: string, target: string, body: unknown, cookie?: string, headers: Record<string, string> = {}): Promise<Reply> {
  return send(base, method, target, { cookie, headers: { ...sameOrigin(base), ...headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
}

beforeAll(async () => {
  ensureProductionBuild();
  dataDir = mkdtempSync(path.join(os.tmpdir(), "rnn-grader-attacks-"));
  server = await startProductionServer(ENV, { dataDir });
  base = server.url;
  learner = cookieFrom(await signIn(base, DEMO.learner.email, DEMO.learner.password));
  instructor = cookieFrom(await signIn(base, DEMO.instructor.email, DEMO.instructor.password));
  expect(learner).toContain("session_token");
  expect(instructor).toContain("session_token");
}, 600_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
}, 60_000);

describe("no 5xx for malformed requests", () => {
  // Read when the tests run, not when the file is collected: on a fresh clone the build that
  // writes this manifest happens in beforeAll.
  let dynamicRoutes: string[] = [];
  beforeAll(() => {
    const manifest = JSON.parse(readFileSync(path.join(projectRoot, ".next", "app-path-routes-manifest.json"), "utf8")) as Record<string, string>;
    dynamicRoutes = [...new Set(Object.values(manifest))].filter((r) => r.includes("[") && !r.includes("[..."));
  });

  it("there are dynamic routes to try", () => {
    expect(dynamicRoutes.length).toBeGreaterThanOrEqual(10);
  });

  it("malformed %-encoding in any dynamic path segment is a 4xx", async () => {
    const bad: string[] = [];
    for (const route of dynamicRoutes) {
      for (const token of ["%", "%E0%A4%A", "%ED%A0%80", "%FF"]) {
        const target = route.replace(/\[[^\]]+\]/, token).replace(/\[([^\]]+)\]/g, (_m, name: string) => (name === "mode" ? "run" : SLUG));
        for (const method of ["GET", "POST"]) {
          const r = await send(base, method, target, { cookie: learner, headers: sameOrigin(base), body: method === "POST" ? "{}" : undefined });
          if (r.status >= 500 || r.status < 400) bad.push(`${method} ${target} → ${r.status}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it("odd characters in ?next= when signed in still redirect to a path on this site", async () => {
    for (const next of ["/%E2%80%A8", "/%ED%A0%80", "/%C0%AF", "/%FF", "/caf%C3%A9", "/%0d%0aSet-Cookie:x=y"]) {
      const r = await send(base, "GET", `/signin?next=${next}`, { cookie: learner });
      expect(r.status, next).toBe(307);
      const location = String(r.headers.location);
      expect(location.startsWith("/") && !location.startsWith("//")).toBe(true);
      expect(location).not.toMatch(/[\r\n]/);
      expect(r.headers["set-cookie"]?.some((c) => c.startsWith("x="))).not.toBe(true);
    }
  });

  it("a non-form payload to a server action is a 4xx", async () => {
    const manifestFile = path.join(projectRoot, ".next", "server", "server-reference-manifest.json");
    const ids = Object.keys((JSON.parse(readFileSync(manifestFile, "utf8")) as { node: Record<string, unknown> }).node);
    for (const id of [...ids, "7f".padEnd(42, "0")]) {
      for (const [type, body] of [
        ["text/plain;charset=UTF-8", '[{"error":null},"not a form"]'],
        ["text/plain;charset=UTF-8", "garbage{"],
        ["multipart/form-data; boundary=x", "nonsense"],
        ["application/json", "{}"],
      ]) {
        const r = await send(base, "POST", "/instructor", { cookie: instructor, headers: { "next-action": id, "content-type": type, origin: base }, body });
        expect(r.status, `${id} ${type} ${body}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${id} ${type} ${body}`).toBeLessThan(500);
      }
    }
  });

  it("TRACE and other methods a route does not serve are 4xx", async () => {
    for (const target of ["/api/progress", `/api/drafts/${SLUG}`, "/api/auth/get-session", "/", `/exercises/${SLUG}`]) {
      for (const method of ["TRACE", "PATCH", "PROPFIND"]) {
        const r = await send(base, method, target, { cookie: learner });
        expect(r.status, `${method} ${target}`).toBeGreaterThanOrEqual(400);
        expect(r.status, `${method} ${target}`).toBeLessThan(500);
      }
    }
  });
});

describe("cross-site request forgery", () => {
  let victim: { email: string; cookie: string; id: string };
  beforeAll(async () => {
    victim = await freshLearner("csrf-victim");
  });

  it("a text/plain POST from another site cannot make a signed-in learner join a classroom", async () => {
    const r = await send(base, "POST", "/api/classrooms/join", {
      cookie: victim.cookie,
      headers: { origin: EVIL, "content-type": "text/plain" },
      body: JSON.stringify({ code: "DEMO-RNN" }),
    });
    expect(r.status).toBe(403);
    expect(count('SELECT count(*) n FROM "Enrollment" WHERE userId = ?', victim.id)).toBe(0);
  });

  it("nor import drafts, nor submit, nor write or delete a draft", async () => {
    const attempts: [string, string, string | undefined][] = [
      ["POST", "/api/drafts/import", JSON.stringify({ drafts: { [SLUG]: { code: "// planted" } } })],
      ["POST", `/api/exercises/${SLUG}/submit`, JSON.stringify({ code: "export const planted = 1;" })],
      ["PUT", `/api/drafts/${SLUG}`, JSON.stringify({ code: "// planted" })],
      ["DELETE", `/api/drafts/${SLUG}`, undefined],
    ];
    for (const [method, target, body] of attempts) {
      for (const type of ["text/plain", "application/json"]) {
        const r = await send(base, method, target, { cookie: victim.cookie, headers: { origin: EVIL, "content-type": type }, body });
        expect(r.status, `${method} ${target} ${type}`).toBe(403);
      }
    }
    expect(count('SELECT count(*) n FROM "Draft" WHERE userId = ?', victim.id)).toBe(0);
    expect(count('SELECT count(*) n FROM "Submission" WHERE userId = ?', victim.id)).toBe(0);
  });

  it("a cookie-carrying state change with no Origin at all is refused, as better-auth refuses it", async () => {
    const r = await send(base, "PUT", `/api/drafts/${SLUG}`, { cookie: victim.cookie, headers: { "content-type": "application/json" }, body: '{"code":"x"}' });
    expect(r.status).toBe(403);
  });

  it("from this site, a JSON body is required (415 otherwise) and the same requests work", async () => {
    const plain = await send(base, "PUT", `/api/drafts/${SLUG}`, { cookie: victim.cookie, headers: { origin: base, "content-type": "text/plain" }, body: '{"code":"x"}' });
    expect(plain.status).toBe(415);
    expect((await json("PUT", `/api/drafts/${SLUG}`, { code: "// mine" }, victim.cookie)).status).toBe(200);
    expect((await json("POST", "/api/classrooms/join", { code: "DEMO-RNN" }, victim.cookie)).status).toBe(200);
  });
});

describe("bounds on what users send", () => {
  it("a name of a megabyte is refused at sign-up and nothing is stored", async () => {
    const email = `huge-${randomUUID().slice(0, 8)}@test.example`;
    const r = await signUp(base, { email, password: STRONG_PASSWORD, name: "N".repeat(1024 * 1024) }, { "x-forwarded-for": spoofedAddress() });
    expect([400, 413]).toContain(r.status);
    expect(count('SELECT count(*) n FROM "User" WHERE email = ?', email)).toBe(0);
  });

  it("nor can a signed-in user rename themselves to one", async () => {
    const r = await json("POST", "/api/auth/update-user", { name: "N".repeat(200_000) }, learner);
    expect([400, 413]).toContain(r.status);
    expect(count('SELECT count(*) n FROM "User" WHERE length(name) > 1000')).toBe(0);
  });

  it("the commonest weak passwords are refused with a message saying why", async () => {
    for (const password of ["aaaaaaaa", "password1", "12345678", "qwertyuiop"]) {
      const email = `weak-${randomUUID().slice(0, 8)}@test.example`;
      const r = await signUp(base, { email, password, name: "Weak" }, { "x-forwarded-for": spoofedAddress() });
      expect(r.status, password).toBe(400);
      expect(String(r.json.message)).toMatch(/guess/i);
      expect(count('SELECT count(*) n FROM "User" WHERE email = ?', email)).toBe(0);
    }
  });
});

describe("invalid Unicode never reaches the database", () => {
  const LONE = '"// \\ud800 lone surrogate"';

  it("a draft or an import holding a lone surrogate is a 400", async () => {
    const put = await json("PUT", `/api/drafts/${SLUG}`, `{"code":${LONE}}`, learner);
    expect(put.status).toBe(400);
    const imported = await json("POST", "/api/drafts/import", `{"drafts":{"${SLUG}":{"code":${LONE},"updatedAt":${Date.now()}}}}`, learner);
    expect(imported.status).toBe(400);
  });

  it("a Submit holding one is refused before grading: never graded and then lost", async () => {
    const before = count('SELECT count(*) n FROM "Submission"');
    const r = await json("POST", `/api/exercises/${SLUG}/submit`, `{"code":${LONE}}`, learner);
    expect(r.status).toBe(400);
    expect(r.json.result).toBeUndefined();
    expect(count('SELECT count(*) n FROM "Submission"')).toBe(before);
  });

  it("a name holding one is a 400 at sign-up", async () => {
    const email = `lone-${randomUUID().slice(0, 8)}@test.example`;
    const r = await send(base, "POST", "/api/auth/sign-up/email", {
      headers: { ...sameOrigin(base), "x-forwarded-for": spoofedAddress() },
      body: `{"email":"${email}","password":"${STRONG_PASSWORD}","name":"Ann \\udc00"}`,
    });
    expect(r.status).toBe(400);
    expect(count('SELECT count(*) n FROM "User" WHERE email = ?', email)).toBe(0);
  });
});

describe("history pages load one page at a time", () => {
  const STORED = 130;
  let learnerId: string;

  beforeAll(async () => {
    const run = await json("POST", `/api/exercises/${SLUG}/run`, { code: "export const x = 1;" }, learner);
    expect(run.status, run.text.slice(0, 200)).toBe(200);
    const id = (run.json.submission as { id: string }).id;
    const conn = new Database(path.join(dataDir, "app.db"));
    try {
      const row = conn.prepare('SELECT * FROM "Submission" WHERE id = ?').get(id) as Record<string, unknown>;
      learnerId = String(row.userId);
      const columns = Object.keys(row);
      const insert = conn.prepare(`INSERT INTO "Submission" (${columns.map((c) => `"${c}"`).join(",")}) VALUES (${columns.map(() => "?").join(",")})`);
      conn.transaction(() => {
        for (let i = 1; i < STORED; i++) insert.run(...columns.map((c) => (c === "id" ? `${id}x${String(i).padStart(4, "0")}` : row[c])));
      })();
    } finally {
      conn.close();
    }
  });

  it("the learner's history shows a page of rows and links to the older ones", async () => {
    const first = await send(base, "GET", "/submissions", { cookie: learner });
    expect(first.status).toBe(200);
    const rows = first.text.match(/data-submission-id=/g) ?? [];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThanOrEqual(50);
    expect(first.text).toMatch(/href="\/submissions\?page=2"/);
  });

  it("the instructor's learner page shows at most a page of code, not every submission", async () => {
    const r = await send(base, "GET", `/instructor/learners/${learnerId}`, { cookie: instructor });
    expect(r.status).toBe(200);
    const codeBlocks = r.text.match(/data-testid="submission-code"/g) ?? [];
    expect(codeBlocks.length).toBeGreaterThan(0);
    expect(codeBlocks.length).toBeLessThanOrEqual(25);
    expect(r.text).toContain(String(STORED));
  });
});

describe("client addresses come from the connection, not from X-Forwarded-For", () => {
  it("rotating X-Forwarded-For does not reset the signed-out Run limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await send(base, "POST", `/api/exercises/${SLUG}/run`, {
        headers: { ...sameOrigin(base), "x-forwarded-for": spoofedAddress() },
        body: JSON.stringify({ code: "export const x = 1;" }),
      });
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);
  });
});

describe("brute force", () => {
  it("sign-in backs off per account, whatever address the guesses come from, and a restart keeps it", async () => {
    const victim = await freshLearner("guessed");
    const guesses: number[] = [];
    for (let i = 0; i < 8; i++) guesses.push((await signIn(base, victim.email, `wrong-guess-${i}-xyz`, { "x-forwarded-for": spoofedAddress() })).status);
    expect(guesses).toContain(429);
    // Even the right password waits now: the backoff gives no oracle.
    const right = await signIn(base, victim.email, STRONG_PASSWORD, { "x-forwarded-for": spoofedAddress() });
    expect(right.status).toBe(429);
    expect(Number(right.headers["retry-after"])).toBeGreaterThanOrEqual(1);

    await server.stop();
    server = await startProductionServer(ENV, { dataDir });
    base = server.url;
    const afterRestart = await signIn(base, victim.email, STRONG_PASSWORD, { "x-forwarded-for": spoofedAddress() });
    expect(afterRestart.status).toBe(429);
  }, 180_000);

  it("join codes cannot be tried without limit", async () => {
    const guesser = await freshLearner("code-guesser");
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const code = `ZZZZ${String(i).padStart(4, "0")}`.replace(/0/g, "Q").replace(/1/g, "R");
      statuses.push((await json("POST", "/api/classrooms/join", { code }, guesser.cookie, { "x-forwarded-for": spoofedAddress() })).status);
    }
    expect(statuses).toContain(429);
    // The limit is on guessing: the instructor's real code still needs waiting too (no oracle).
    expect((await json("POST", "/api/classrooms/join", { code: "DEMO-RNN" }, guesser.cookie)).status).toBe(429);
  });

  it("sign-ups from one address are limited, whatever X-Forwarded-For says", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 24 && !statuses.includes(429); i++) {
      const r = await signUp(base, { email: `many-${randomUUID().slice(0, 8)}@test.example`, password: STRONG_PASSWORD, name: `Many ${i}` }, { "x-forwarded-for": spoofedAddress() });
      statuses.push(r.status);
    }
    expect(statuses).toContain(429);
  });

  it("sign-in backs off per address after many failures on any accounts", async () => {
    const replies: Reply[] = [];
    for (let i = 0; i < 20 && !replies.some((r) => r.status === 429); i++) {
      replies.push(await signIn(base, `nobody-${i}@test.example`, `wrong-${i}-password`, { "x-forwarded-for": spoofedAddress() }));
    }
    const limited = replies.find((r) => r.status === 429);
    expect(limited?.json.message).toMatch(/from this network/);
  }, 120_000);
});
