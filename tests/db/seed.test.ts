import { onPostgres, root, testEnv, tmpDir } from "./helpers";
import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Database from "better-sqlite3";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../../generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "../../generated/prisma-postgres/client";
import { createDatabase, dropDatabase, postgresUrl } from "./postgres";
import { auth } from "../../lib/auth";
import { classroomRoster, joinClassroom, listMyClassrooms } from "../../lib/classrooms";
import { prepareDatabase } from "../../lib/db";
import { DEMO, seedDemo } from "../../prisma/seed";
import { makeUser, prisma, syncFixtureExercises } from "./fixtures";

async function counts(client: PrismaClient) {
  const [users, accounts, classrooms, enrollments, exercises] = await Promise.all([
    client.user.count(),
    client.account.count(),
    client.classroom.count(),
    client.enrollment.count(),
    client.exercise.count(),
  ]);
  return { users, accounts, classrooms, enrollments, exercises };
}

describe("demo seed", () => {
  it("creates the demo instructor, learner and classroom once; seeding again duplicates nothing", async () => {
    await syncFixtureExercises();
    const first = await seedDemo();
    expect(first.created).toHaveLength(4);
    const after = await counts(prisma);
    expect(after).toMatchObject({ users: 2, accounts: 2, classrooms: 1, enrollments: 1 });

    expect((await seedDemo()).created).toEqual([]);
    expect(await counts(prisma)).toEqual(after);
  });

  it("demo accounts sign in with the printed passwords and have their roles", async () => {
    const instructor = await auth.api.signInEmail({ body: { email: DEMO.instructor.email, password: DEMO.instructor.password } });
    const learner = await auth.api.signInEmail({ body: { email: DEMO.learner.email, password: DEMO.learner.password } });
    expect(instructor.user.role).toBe("instructor");
    expect(learner.user.role).toBe("learner");

    const teacher = { id: instructor.user.id, role: "instructor" as const };
    const mine = await listMyClassrooms(teacher);
    expect(mine).toMatchObject({ role: "instructor", owned: [{ name: "Demo classroom", joinCode: "DEMO-RNN", learnerCount: 1 }] });
    if (mine.role !== "instructor") throw new Error("unreachable");
    const roster = await classroomRoster(teacher, mine.owned[0].id);
    expect(roster.learners.map((l) => l.email)).toEqual([DEMO.learner.email]);

    // The printed join code works for a new learner.
    const newcomer = await makeUser();
    expect((await joinClassroom(newcomer, DEMO.classroom.joinCode.toLowerCase())).classroom.name).toBe("Demo classroom");
  });

  // SQLite's settings; PostgreSQL has neither.
  it.skipIf(onPostgres)("the app's connection uses WAL and a busy timeout", async () => {
    expect(await prepareDatabase()).toEqual({ journalMode: "wal", busyTimeoutMs: 5000 });
  });
});

// On SQLite files of their own: once, in the SQLite run (the PostgreSQL run has its own below).
describe.skipIf(onPostgres)("scripts/db-setup.mjs (what npm start runs)", () => {
  it("migrates a new database, seeds it, and is idempotent", { timeout: 120_000 }, () => {
    const url = `file:${path.join(tmpDir, "setup.db")}`;
    const run = () =>
      spawnSync(process.execPath, [path.join(root, "scripts", "db-setup.mjs")], {
        cwd: root,
        env: { ...process.env, ...testEnv, DATABASE_URL: url },
        encoding: "utf8",
      });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/journal_mode=wal, busy_timeout=5000 ms; 2 exercises synced \(2 new/);
    expect(first.stdout).toContain("created user instructor@example.com");
    const second = run();
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain("No pending migrations to apply");
    expect(second.stdout).toContain("demo data already present");
    return (async () => {
      const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
      try {
        expect(await counts(client)).toEqual({ users: 2, accounts: 2, classrooms: 1, enrollments: 1, exercises: 2 });
        // WAL is a property of the file: a fresh connection sees it without asking for it.
        const [mode] = await client.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
        expect(mode.journal_mode).toBe("wal");
      } finally {
        await client.$disconnect();
      }
    })();
  });
});

describe.skipIf(onPostgres)("scripts/db-setup.mjs on a restart", () => {
  const url = `file:${path.join(tmpDir, "restart.db")}`;
  const file = path.join(tmpDir, "restart.db");
  const run = (env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(root, "scripts", "db-setup.mjs")], {
      cwd: root,
      env: { ...process.env, ...testEnv, DATABASE_URL: url, ...env },
      encoding: "utf8",
    });
  // What only the Prisma CLI prints, and what only prisma/seed.ts prints.
  const CLI = "Prisma schema loaded";
  const SEED = /busy_timeout=5000 ms; \d+ exercises synced/;
  const sql = (statement: string) => {
    const db = new Database(file);
    try {
      db.prepare(statement).run();
    } finally {
      db.close();
    }
  };

  it("an existing but empty database file is migrated and seeded like a new one", { timeout: 120_000 }, () => {
    new Database(file).close();
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(CLI);
    expect(first.stdout).toContain("All migrations have been successfully applied");
    expect(first.stdout).toMatch(SEED);
    expect(first.stdout).toContain("created user instructor@example.com");
  });

  it("skips the Prisma CLI and the seed when everything is in place, and says so", { timeout: 60_000 }, () => {
    const again = run();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain(CLI);
    expect(again.stdout).not.toMatch(SEED);
    expect(again.stdout).toContain("No pending migrations to apply");
    expect(again.stdout).toContain("demo data already present");
  });

  it("runs the seed again (and only the seed) when a demo row is missing and the demo is asked for", { timeout: 120_000 }, async () => {
    sql(`DELETE FROM "Enrollment"`);
    const repaired = run({ SEED_DEMO: "1" });
    expect(repaired.status, repaired.stderr).toBe(0);
    expect(repaired.stdout).not.toContain(CLI);
    expect(repaired.stdout).toMatch(SEED);
    expect(repaired.stdout).toContain("created enrolment of learner@example.com");
    const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url }) });
    try {
      expect(await counts(client)).toMatchObject({ users: 2, classrooms: 1, enrollments: 1 });
    } finally {
      await client.$disconnect();
    }
  });

  it("leaves a failed migration to the Prisma CLI, which refuses to go on", { timeout: 120_000 }, () => {
    sql(`UPDATE "_prisma_migrations" SET "finished_at" = NULL`);
    const refused = run();
    expect(refused.status).not.toBe(0);
    expect(`${refused.stdout}${refused.stderr}`).toContain("P3009");
  });
});

describe.skipIf(!onPostgres)("scripts/db-setup.mjs on PostgreSQL (npm run db:setup with DATABASE_URL=postgresql://…)", () => {
  const name = `${new URL(testEnv.DATABASE_URL).pathname.slice(1)}_setup`;
  const url = postgresUrl(name);
  const run = (env: Record<string, string> = {}) =>
    spawnSync(process.execPath, [path.join(root, "scripts", "db-setup.mjs")], {
      cwd: root,
      env: { ...process.env, ...testEnv, DATABASE_URL: url, ...env },
      encoding: "utf8",
    });
  const CLI = "Prisma schema loaded from prisma/postgresql/schema.prisma";
  const SEED = /PostgreSQL; \d+ exercises synced/;
  const withClient = async <T>(work: (client: PrismaClient) => Promise<T>): Promise<T> => {
    const client = new PostgresPrismaClient({ adapter: new PrismaPg({ connectionString: url }) }) as unknown as PrismaClient;
    try {
      return await work(client);
    } finally {
      await client.$disconnect();
    }
  };
  afterAll(() => dropDatabase(name));

  it("migrates an empty database with the PostgreSQL migrations, syncs and seeds it", { timeout: 120_000 }, async () => {
    await createDatabase(name);
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(CLI);
    expect(first.stdout).toContain("All migrations have been successfully applied");
    expect(first.stdout).toMatch(/PostgreSQL; 2 exercises synced \(2 new/);
    expect(first.stdout).toContain("created user instructor@example.com");
    expect(await withClient(counts)).toEqual({ users: 2, accounts: 2, classrooms: 1, enrollments: 1, exercises: 2 });
  });

  it("on a restart skips the Prisma CLI and the seed, and says so", { timeout: 60_000 }, () => {
    const again = run();
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).not.toContain(CLI);
    expect(again.stdout).not.toMatch(SEED);
    expect(again.stdout).toContain("No pending migrations to apply");
    expect(again.stdout).toContain("demo data already present");
  });

  it("runs the seed again (and only the seed) when a demo row is missing and the demo is asked for", { timeout: 120_000 }, async () => {
    await withClient((c) => c.enrollment.deleteMany({}));
    const repaired = run({ SEED_DEMO: "1" });
    expect(repaired.status, repaired.stderr).toBe(0);
    expect(repaired.stdout).not.toContain(CLI);
    expect(repaired.stdout).toMatch(SEED);
    expect(repaired.stdout).toContain("created enrolment of learner@example.com");
    expect(await withClient(counts)).toMatchObject({ users: 2, classrooms: 1, enrollments: 1 });
  });
});
