// The two providers' migrations stay in step with the data model (README "Running on
// PostgreSQL"): prisma/schema.prisma (SQLite) is the source; prisma/postgresql/schema.prisma is
// derived from it (scripts/pg-schema.mjs) and prisma/postgresql/migrations has a twin of every
// SQLite migration (scripts/pg-migrations.mjs). SQLite's side (migrations give exactly the
// schema) is tests/db/migrations.test.ts; this file checks the rest. The PostgreSQL part needs a
// server (TEST_POSTGRES_URL, default 127.0.0.1:5432) and is skipped, saying so, without one.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { createDatabase, dropDatabase, postgresReachable, postgresUrl, TEST_POSTGRES_URL } from "./postgres";

const root = path.resolve(__dirname, "..", "..");
const require = createRequire(path.join(root, "package.json"));
const placeholder = path.join(root, "prisma", "engine-placeholder.txt");

function migrationNames(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(root, dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

function node(args: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, args, {
    cwd: root,
    encoding: "utf8",
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || placeholder,
      PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY || placeholder,
      PRISMA_HIDE_UPDATE_MESSAGE: "1",
      ...env,
    },
  });
}
const prismaCli = (args: string[], env: Record<string, string> = {}) => node([require.resolve("prisma/build/index.js"), ...args], env);

describe("both providers' migrations", () => {
  it("every SQLite migration has a PostgreSQL twin of the same name, and no twin lacks its SQLite migration", () => {
    expect(migrationNames("prisma/postgresql/migrations")).toEqual(migrationNames("prisma/migrations"));
  });

  it("prisma/postgresql/schema.prisma is prisma/schema.prisma with only the provider and client output changed", () => {
    const check = node(["scripts/pg-schema.mjs", "--check"]);
    expect(check.status, `${check.stderr}`).toBe(0);
  });
});

const reachable = await postgresReachable();
if (!reachable) console.warn(`migration-drift: SKIPPED the PostgreSQL checks: no PostgreSQL at ${TEST_POSTGRES_URL} (set TEST_POSTGRES_URL)`);

type Catalogue = { columns: unknown[]; indexes: unknown[]; constraints: unknown[] };

/** Tables, columns, indexes and constraints of a database's public schema, in a stable order. */
async function catalogue(url: string): Promise<Catalogue> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const q = async (sql: string) => (await client.query(sql)).rows;
    return {
      columns: await q(`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns
        WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`),
      indexes: await q(`SELECT tablename, indexname, indexdef FROM pg_indexes
        WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename, indexname`),
      constraints: await q(`SELECT c.conrelid::regclass::text AS table_name, c.conname, pg_get_constraintdef(c.oid) AS def
        FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
        WHERE n.nspname = 'public' AND c.conrelid::regclass::text NOT IN ('_prisma_migrations', '"_prisma_migrations"') ORDER BY 1, 2`),
    };
  } finally {
    await client.end();
  }
}

async function execute(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe.skipIf(!reachable)("PostgreSQL migrations (needs a PostgreSQL server)", () => {
  const run = `rnn_drift${randomBytes(4).toString("hex")}`;
  const migrated = `${run}_migrated`;
  const fromSchema = `${run}_schema`;
  afterAll(async () => {
    await dropDatabase(migrated);
    await dropDatabase(fromSchema);
  });

  it("applying prisma/postgresql/migrations gives exactly the database prisma/postgresql/schema.prisma describes", async () => {
    await createDatabase(migrated);
    await createDatabase(fromSchema);
    const deploy = prismaCli(["migrate", "deploy"], { DATABASE_URL: postgresUrl(migrated) });
    expect(deploy.status, `${deploy.stdout}\n${deploy.stderr}`).toBe(0);
    expect(deploy.stdout).toContain("prisma/postgresql/schema.prisma");

    const script = prismaCli(["migrate", "diff", "--from-empty", "--to-schema-datamodel", "prisma/postgresql/schema.prisma", "--script"], {
      DATABASE_URL: postgresUrl(fromSchema),
    });
    expect(script.status, script.stderr).toBe(0);
    await execute(postgresUrl(fromSchema), script.stdout);

    const fromMigrations = await catalogue(postgresUrl(migrated));
    expect(fromMigrations.indexes.map((i) => (i as { indexname: string }).indexname)).toContain("Submission_userId_exerciseId_createdAt_idx");
    expect(fromMigrations).toEqual(await catalogue(postgresUrl(fromSchema)));

    // The comparison sees a difference a forgotten migration would make.
    await execute(postgresUrl(fromSchema), `ALTER TABLE "Draft" ADD COLUMN "note" TEXT`);
    expect(await catalogue(postgresUrl(fromSchema))).not.toEqual(fromMigrations);
  });
});
