// Import this FIRST in every tests/db file: before any lib/ module opens the database, it gives
// the test file its own fresh database, migrated with the real committed migrations, and its own
// copy of an exercise folder to sync from.
//
// Which database: a SQLite file migrated through `prisma migrate deploy` (the default), or, with
// TEST_DATABASE=postgres (the "db-postgres" project of vitest.config.ts), a throwaway PostgreSQL
// database of its own, copied from the template that tests/db/postgres-setup.ts migrated once
// for the run, and dropped after the file.
import { spawnSync } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";
import { createDatabaseFrom, dropDatabase, postgresUrl } from "./postgres";

export const root = path.resolve(__dirname, "..", "..");
const require = createRequire(path.join(root, "package.json"));

export const tmpDir = mkdtempSync(path.join(os.tmpdir(), "rnn-db-test-"));
export const dbFile = path.join(tmpDir, "test.db");
export const exercisesDir = path.join(tmpDir, "exercises");

/** Two exercises: the real first one, and a copy of it under another slug and order. */
export const SLUG_A = "01-rnn-step";
export const SLUG_B = "02-rnn-step-copy";

cpSync(path.join(root, "exercises", SLUG_A), path.join(exercisesDir, SLUG_A), { recursive: true });
cpSync(path.join(root, "exercises", SLUG_A), path.join(exercisesDir, SLUG_B), { recursive: true });
const metaB = path.join(exercisesDir, SLUG_B, "exercise.json");
// A copied folder is another exercise: it needs its own permanent id.
writeFileSync(metaB, JSON.stringify({ ...JSON.parse(readFileSync(metaB, "utf8")), id: randomUUID(), title: "Copy of step one", order: 2 }, null, 2));

function pgTemplate(): string {
  const template = inject("pgTemplate");
  if (!template) throw new Error("TEST_DATABASE=postgres needs the db-postgres project's setup: npx vitest run --project db-postgres tests/db");
  return template;
}

/** True in the run of tests/db on PostgreSQL (TEST_DATABASE=postgres). */
export const onPostgres = process.env.TEST_DATABASE === "postgres";
/** This file's PostgreSQL database, when onPostgres. */
const pgDatabase = onPostgres ? `${pgTemplate()}_${randomBytes(6).toString("hex")}` : null;
if (pgDatabase) await createDatabaseFrom(pgDatabase, pgTemplate());

const placeholder = path.join(root, "prisma", "engine-placeholder.txt");
export const testEnv: Record<string, string> = {
  DATABASE_URL: pgDatabase ? postgresUrl(pgDatabase) : `file:${dbFile}`,
  EXERCISES_DIR: exercisesDir,
  BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY || placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};
Object.assign(process.env, testEnv);
delete process.env.BETTER_AUTH_URL;

/** Applies prisma/migrations to the database at `url` with the Prisma CLI, like `npm start` does. */
export function migrate(url = testEnv.DATABASE_URL): void {
  const r = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), "migrate", "deploy"], {
    cwd: root,
    env: { ...process.env, ...testEnv, DATABASE_URL: url },
    encoding: "utf8",
  });
  if (r.status !== 0) throw new Error(`prisma migrate deploy failed:\n${r.stdout}\n${r.stderr}`);
}

if (!onPostgres) migrate();
// A client left on globalThis by another test file in this worker would point at its database.
delete (globalThis as { __prisma?: unknown }).__prisma;

afterAll(async () => {
  const client = (globalThis as { __prisma?: { $disconnect(): Promise<void> } }).__prisma;
  await client?.$disconnect();
  delete (globalThis as { __prisma?: unknown }).__prisma;
  rmSync(tmpDir, { recursive: true, force: true });
  if (pgDatabase) await dropDatabase(pgDatabase);
});
