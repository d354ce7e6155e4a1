// Accounts made outside the web app (lib/accounts.ts), the accounts CLI spawned against a
// scratch database, instructor invitations (lib/invitations.ts) and when demo accounts are made.
import { onPostgres, root, testEnv, tmpDir } from "./helpers";
import { execFile, spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { auth } from "../../lib/auth";
import { createInstructor, resetPassword } from "../../lib/accounts";
import { ConflictError, NotFoundError, ValidationError } from "../../lib/domain-errors";
import { acceptInvitation, createInvitation, describeInvitation, listInvitations, withdrawInvitation } from "../../lib/invitations";
import { INVITATION_TTL_MS } from "../../lib/limits";
import { demoChoice } from "../../scripts/demo-choice.mjs";
import { makeUser, prisma } from "./fixtures";

const STRONG = "violet anchor pebble drum";

async function signInWorks(email: string, password: string): Promise<boolean> {
  try {
    await auth.api.signInEmail({ body: { email, password } });
    return true;
  } catch {
    return false;
  }
}

describe("createInstructor and resetPassword", () => {
  it("makes an instructor who signs in; refuses a weak password, a bad email and a taken one", async () => {
    const made = await createInstructor({ email: " Grace@Example.org ", name: "Grace Hopper", password: STRONG });
    expect(made.email).toBe("grace@example.org");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: made.id } })).role).toBe("instructor");
    expect(await signInWorks("grace@example.org", STRONG)).toBe(true);

    await expect(createInstructor({ email: "weak@example.org", name: "Weak", password: "password1" })).rejects.toThrow(ValidationError);
    await expect(createInstructor({ email: "not-an-email", name: "X", password: STRONG })).rejects.toThrow(ValidationError);
    await expect(createInstructor({ email: "grace@example.org", name: "Again", password: STRONG })).rejects.toThrow(ConflictError);
    expect(await prisma.user.count({ where: { email: "weak@example.org" } })).toBe(0);
  });

  it("a reset sets the new password, ends every session, and keeps the policy", async () => {
    await createInstructor({ email: "reset@example.org", name: "Reset Me", password: STRONG });
    await auth.api.signInEmail({ body: { email: "reset@example.org", password: STRONG } });
    const user = await prisma.user.findUniqueOrThrow({ where: { email: "reset@example.org" } });
    expect(await prisma.session.count({ where: { userId: user.id } })).toBeGreaterThan(0);

    await expect(resetPassword({ email: "reset@example.org", password: "qwertyuiop" })).rejects.toThrow(ValidationError);
    await expect(resetPassword({ email: "nobody@example.org", password: STRONG })).rejects.toThrow(NotFoundError);

    const result = await resetPassword({ email: "reset@example.org", password: "copper lantern orbit mild" });
    expect(result.sessionsEnded).toBeGreaterThan(0);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await signInWorks("reset@example.org", STRONG)).toBe(false);
    expect(await signInWorks("reset@example.org", "copper lantern orbit mild")).toBe(true);
  });
});

// On PostgreSQL only what touches the database runs again: argument handling and SQLite files
// are the same in both runs, and each spawn costs seconds.
describe("the accounts CLI (spawned against a scratch database)", () => {
  const dbUrl = testEnv.DATABASE_URL;
  const cli = (args: string[], stdin?: string, env: Record<string, string> = {}) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const child = execFile(
        path.join(root, "node_modules", ".bin", "tsx"),
        [path.join(root, "scripts", "accounts-cli.ts"), ...args],
        { cwd: root, env: { ...process.env, ...testEnv, DATABASE_URL: dbUrl, ...env }, timeout: 60_000 },
        (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
      );
      child.stdin!.end(stdin ?? "");
    });

  it("create-instructor: password from stdin, then it signs in as an instructor", { timeout: 180_000 }, async () => {
    const run = await cli(["create-instructor", "--email", "ada@cli.example", "--name", "Ada Lovelace", "--password-stdin"], `${STRONG}\n`);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("created instructor ada@cli.example");
    expect(run.stdout).not.toContain(STRONG);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "ada@cli.example" } })).role).toBe("instructor");
    expect(await signInWorks("ada@cli.example", STRONG)).toBe(true);
  });

  it.skipIf(onPostgres)("create-instructor without --password-stdin prints a generated password that works", { timeout: 180_000 }, async () => {
    const run = await cli(["create-instructor", "--email", "gen@cli.example", "--name", "Generated"]);
    expect(run.code).toBe(0);
    const password = /password \(shown once[^)]*\): (\S+)/.exec(run.stdout)?.[1];
    expect(password).toBeTruthy();
    expect(await signInWorks("gen@cli.example", password!)).toBe(true);
  });

  it.skipIf(onPostgres)("refusals exit 1 with a sentence: weak password, taken email, unknown account", { timeout: 180_000 }, async () => {
    const weak = await cli(["create-instructor", "--email", "w@cli.example", "--name", "W", "--password-stdin"], "password123\n");
    expect(weak.code).toBe(1);
    expect(weak.stderr).toMatch(/^error: That password is too easy to guess/);
    const taken = await cli(["create-instructor", "--email", "ada@cli.example", "--name", "Ada", "--password-stdin"], `${STRONG}\n`);
    expect(taken.code).toBe(1);
    expect(taken.stderr).toContain("exists already");
    const unknown = await cli(["reset-password", "--email", "ghost@cli.example", "--password-stdin"], `${STRONG}\n`);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("No account has the email ghost@cli.example");
  });

  it.skipIf(onPostgres)("usage errors exit 2 and print the usage", { timeout: 180_000 }, async () => {
    const cases = [["create-instructor", "--email", "x@cli.example"], ["reset-password"], ["promote"], ["reset-password", "--email", "a@b.c", "--bogus"]];
    const runs = await Promise.all(cases.map((args) => cli(args)));
    runs.forEach((run, i) => {
      expect(run.code, cases[i].join(" ")).toBe(2);
      expect(run.stderr).toContain("usage:");
    });
  });

  it("reset-password sets the new password from stdin; the old one stops working", { timeout: 180_000 }, async () => {
    const run = await cli(["reset-password", "--email", "ada@cli.example", "--password-stdin"], "quartz meadow velvet tide\n");
    expect(run.code, run.stderr).toBe(0);
    expect(await signInWorks("ada@cli.example", STRONG)).toBe(false);
    expect(await signInWorks("ada@cli.example", "quartz meadow velvet tide")).toBe(true);
  });

  it.skipIf(onPostgres)("a database that was never set up is a sentence and exit 1", { timeout: 180_000 }, async () => {
    const run = await cli(["reset-password", "--email", "ada@cli.example"], "", { DATABASE_URL: `file:${path.join(tmpDir, "empty.db")}` });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("npm run db:setup");
  });
});

describe("instructor invitations", () => {
  it("a learner who accepts becomes an instructor; the link then works for nobody else", async () => {
    const teacher = await makeUser("instructor");
    const { token, expiresAt } = await createInvitation(teacher);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(INVITATION_TTL_MS - 60_000);
    expect((await describeInvitation(token)).invitedBy).toBe(teacher.name);
    // Only the hash is stored.
    expect(JSON.stringify(await prisma.instructorInvitation.findMany())).not.toContain(token);

    const colleague = await makeUser("learner");
    expect(await acceptInvitation(colleague, token)).toEqual({ role: "instructor" });
    expect((await prisma.user.findUniqueOrThrow({ where: { id: colleague.id } })).role).toBe("instructor");

    const other = await makeUser("learner");
    await expect(acceptInvitation(other, token)).rejects.toThrow(NotFoundError);
    await expect(describeInvitation(token)).rejects.toThrow(NotFoundError);
    expect((await prisma.user.findUniqueOrThrow({ where: { id: other.id } })).role).toBe("learner");
    expect((await listInvitations(teacher))[0]).toMatchObject({ state: "used", usedBy: { name: colleague.name } });
  });

  it("only one of many simultaneous acceptances wins", async () => {
    const teacher = await makeUser("instructor");
    const { token } = await createInvitation(teacher);
    const learners = await Promise.all(Array.from({ length: 5 }, () => makeUser("learner")));
    const outcomes = await Promise.allSettled(learners.map((l) => acceptInvitation(l, token)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(await prisma.user.count({ where: { id: { in: learners.map((l) => l.id) }, role: "instructor" } })).toBe(1);
  });

  it("expired and withdrawn links are refused; nobody but their maker withdraws them; learners cannot make them", async () => {
    const teacher = await makeUser("instructor");
    const longAgo = new Date(Date.now() - INVITATION_TTL_MS - 1000);
    const expired = await createInvitation(teacher, longAgo);
    const learner = await makeUser("learner");
    await expect(acceptInvitation(learner, expired.token)).rejects.toThrow(NotFoundError);

    const withdrawn = await createInvitation(teacher);
    await expect(withdrawInvitation(await makeUser("instructor"), withdrawn.id)).rejects.toThrow(NotFoundError);
    await withdrawInvitation(teacher, withdrawn.id);
    await expect(acceptInvitation(learner, withdrawn.token)).rejects.toThrow(NotFoundError);
    expect((await listInvitations(teacher)).map((i) => i.state).sort()).toEqual(["expired", "withdrawn"]);

    await expect(createInvitation(learner)).rejects.toThrow(/Only instructors/);
    await expect(acceptInvitation(learner, "short")).rejects.toThrow(ValidationError);
    // An instructor leaves the link for someone else.
    const open = await createInvitation(teacher);
    await expect(acceptInvitation(await makeUser("instructor"), open.token)).rejects.toThrow(ConflictError);
    expect((await describeInvitation(open.token)).invitedBy).toBe(teacher.name);
  });
});

describe("demo accounts only when asked for (scripts/demo-choice.mjs)", () => {
  it("the flag, the variable, and the first local start turn them on; a configured deployment does not get them", () => {
    expect(demoChoice({ env: {}, args: ["--demo"], firstStart: false })).toEqual({ seed: true, reason: "asked" });
    expect(demoChoice({ env: { SEED_DEMO: "1" }, args: [], firstStart: false }).seed).toBe(true);
    expect(demoChoice({ env: {}, args: [], firstStart: true })).toEqual({ seed: true, reason: "first-local-start" });
    expect(demoChoice({ env: {}, args: [], firstStart: false })).toEqual({ seed: false, reason: "not-asked" });
    expect(demoChoice({ env: { BETTER_AUTH_URL: "https://grader.example.org" }, args: [], firstStart: true }).seed).toBe(false);
    expect(demoChoice({ env: { SEED_DEMO: "0" }, args: [], firstStart: true })).toEqual({ seed: false, reason: "refused" });
    expect(demoChoice({ env: { SKIP_DEMO_SEED: "1" }, args: [], firstStart: true }).seed).toBe(false);
  });

  const setup = (file: string, env: Record<string, string> = {}, args: string[] = []) =>
    spawnSync(process.execPath, [path.join(root, "scripts", "db-setup.mjs"), ...args], {
      cwd: root,
      env: { ...process.env, ...testEnv, DATABASE_URL: `file:${path.join(tmpDir, file)}`, ...env },
      encoding: "utf8",
    });

  it.skipIf(onPostgres)("a deployment's first start (BETTER_AUTH_URL set) makes no account and says how to create an instructor", { timeout: 120_000 }, () => {
    const run = setup("deploy.db", { BETTER_AUTH_URL: "https://grader.example.org" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("no demo accounts made");
    expect(run.stdout).toContain("npm run account:create-instructor");
    expect(run.stdout).not.toContain("instructor-demo");
    // Asked for later: made, with the notice.
    const asked = setup("deploy.db", { BETTER_AUTH_URL: "https://grader.example.org" }, ["--demo"]);
    expect(asked.status, asked.stderr).toBe(0);
    expect(asked.stdout).toContain("created user instructor@example.com");
    expect(asked.stdout).toContain("DEMO ACCOUNTS");
  });

  it.skipIf(onPostgres)("a local first start makes them with a notice; a later start does not make them again unless asked", { timeout: 120_000 }, () => {
    const first = setup("local.db");
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain("DEMO ACCOUNTS: this is the first start of a local install");
    expect(first.stdout).toContain("published in the README");
    const again = setup("local.db");
    expect(again.stdout).toContain("DEMO ACCOUNTS are in this database");
    const handle = new Database(path.join(tmpDir, "local.db"));
    handle.prepare('DELETE FROM "Enrollment"').run();
    handle.close();
    const later = setup("local.db");
    expect(later.status, later.stderr).toBe(0);
    expect(later.stdout).toContain("demo accounts not made (not asked for");
    expect(later.stdout).not.toContain("created enrolment");
    const asked = setup("local.db", { SEED_DEMO: "1" });
    expect(asked.stdout).toContain("created enrolment of learner@example.com");
  });
});

describe("invitation routes", () => {
  const ORIGIN = "http://localhost:43130";
  async function cookieOf(email: string, role: "instructor" | "learner"): Promise<string> {
    const res = await auth.handler(
      new Request(`${ORIGIN}/api/auth/sign-up/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ email, password: "harbor-violet-42", name: email.split("@")[0] }),
      }),
    );
    expect(res.status).toBe(200);
    await prisma.user.update({ where: { email }, data: { role } });
    return res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  }
  const request = (pathname: string, method: string, cookie?: string, body?: string) =>
    new Request(`${ORIGIN}${pathname}`, {
      method,
      headers: { origin: ORIGIN, ...(body !== undefined ? { "content-type": "application/json" } : {}), ...(cookie ? { cookie } : {}) },
      body,
    });

  it("make: instructors only (learner 403, signed out 401); accept: 401 signed out, 400 bad body, 404 unknown, 200 once", async () => {
    const { POST: make } = await import("../../app/api/instructor/invitations/route");
    const { POST: accept } = await import("../../app/api/invitations/accept/route");
    const { DELETE: withdraw } = await import("../../app/api/instructor/invitations/[id]/route");
    const teacher = await cookieOf("inv-teacher@test.example", "instructor");
    const learner = await cookieOf("inv-learner@test.example", "learner");
    expect((await make(request("/api/instructor/invitations", "POST"))).status).toBe(401);
    expect((await make(request("/api/instructor/invitations", "POST", learner))).status).toBe(403);
    const made = await make(request("/api/instructor/invitations", "POST", teacher));
    expect(made.status).toBe(200);
    const { invitation } = (await made.json()) as { invitation: { id: string; path: string } };
    expect(invitation.path).toMatch(/^\/invite\/[A-Za-z0-9_-]{32}$/);
    const token = invitation.path.split("/").pop()!;

    expect((await accept(request("/api/invitations/accept", "POST", undefined, JSON.stringify({ token })))).status).toBe(401);
    expect((await accept(request("/api/invitations/accept", "POST", learner, "{oops"))).status).toBe(400);
    expect((await accept(request("/api/invitations/accept", "POST", learner, JSON.stringify({ token: 7 })))).status).toBe(400);
    expect((await accept(request("/api/invitations/accept", "POST", learner, JSON.stringify({ token: "A".repeat(32) })))).status).toBe(404);
    expect((await accept(request("/api/invitations/accept", "POST", learner, JSON.stringify({ token })))).status).toBe(200);
    // Used: the learner (now an instructor) cannot take it again, and it cannot be withdrawn.
    expect((await accept(request("/api/invitations/accept", "POST", learner, JSON.stringify({ token })))).status).toBe(409);
    const params = { params: Promise.resolve({ id: invitation.id }) };
    expect((await withdraw(request(`/api/instructor/invitations/${invitation.id}`, "DELETE", teacher), params)).status).toBe(404);
  });
});
