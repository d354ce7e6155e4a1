#!/usr/bin/env node
// Writes the PostgreSQL twin of every SQLite migration that has none yet
// (`npm run db:pg-migrations`). prisma/migrations/ (SQLite) is the reference: each of its
// folders gets a folder of the same name in prisma/postgresql/migrations/ that makes the same
// change on PostgreSQL, so a database of either provider that has applied migration N has the
// same tables as the other.
//
// How, offline and without git history: for SQLite migration k, apply migrations 1..k-1, then
// 1..k, to scratch SQLite files; `prisma db pull` reads each back as a data model; with the
// provider switched to postgresql, `prisma migrate diff` between the two is migration k in
// PostgreSQL's SQL. (`migrate diff --from-migrations` and `migrate dev` need engines or a
// shadow database we do not have.) tests/db/migration-drift.test.ts then checks that applying
// prisma/postgresql/migrations gives exactly prisma/postgresql/schema.prisma.
//
// Needs a reachable PostgreSQL server for the diff (PG_DIFF_URL; default the machines' and CI's
// postgresql://postgres@127.0.0.1:5432/postgres); nothing on it is read or changed.
// Existing PostgreSQL migrations are never rewritten (they may be applied somewhere already);
// `--check` only reports missing ones (exit 1).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));
const SQLITE_DIR = path.join(root, "prisma", "migrations");
const PG_DIR = path.join(root, "prisma", "postgresql", "migrations");
const placeholder = path.join(root, "prisma", "engine-placeholder.txt");
/** A PostgreSQL server the diff may connect to (PG_DIFF_URL, else the tests' server). */
const DIFF_URL = process.env.PG_DIFF_URL || process.env.TEST_POSTGRES_URL || "postgresql://postgres@127.0.0.1:5432/postgres";

/** Migration folder names of a migrations directory, in the order Prisma applies them. */
export function migrationNames(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort();
}

/** SQLite migrations with no PostgreSQL twin. */
export function missingPostgresMigrations() {
  const pg = new Set(migrationNames(PG_DIR));
  return migrationNames(SQLITE_DIR).filter((n) => !pg.has(n));
}

function prisma(args, env) {
  const r = spawnSync(process.execPath, [require.resolve("prisma/build/index.js"), ...args], {
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
  if (r.status !== 0) throw new Error(`prisma ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const models = new Map();

/** The data model of a SQLite database made by SQLite migrations 1..count, as a PostgreSQL schema file (made once per run). */
function postgresModelAfter(names, count, dir) {
  if (!models.has(count)) models.set(count, pullModelAfter(names, count, dir));
  return models.get(count);
}

function pullModelAfter(names, count, dir) {
  const Database = require("better-sqlite3");
  const file = path.join(dir, `after-${count}.db`);
  const db = new Database(file);
  for (const name of names.slice(0, count)) db.exec(readFileSync(path.join(SQLITE_DIR, name, "migration.sql"), "utf8"));
  db.close();
  const schema = path.join(dir, `after-${count}.prisma`);
  writeFileSync(schema, 'datasource db {\n  provider = "sqlite"\n  url      = env("DATABASE_URL")\n}\n');
  const model = prisma(["db", "pull", "--print", "--schema", schema], { DATABASE_URL: `file:${file}` });
  // The CLI prints a warning about the datasource url (unused with an adapter) before the model.
  const start = model.indexOf("datasource db {");
  if (start < 0) throw new Error(`db pull printed no datasource:\n${model}`);
  const pg = model.slice(start).replace(/provider\s*=\s*"sqlite"/, 'provider = "postgresql"');
  const out = path.join(dir, `after-${count}.pg.prisma`);
  writeFileSync(out, pg);
  return out;
}

/** PostgreSQL SQL that takes a database from SQLite migration k-1's state to migration k's. */
export function postgresMigrationSql(names, k, dir) {
  const to = postgresModelAfter(names, k + 1, dir);
  const from = k === 0 ? ["--from-empty"] : ["--from-schema-datamodel", postgresModelAfter(names, k, dir)];
  // The config's adapter follows DATABASE_URL: a PostgreSQL URL makes the diff speak
  // PostgreSQL. The JavaScript schema engine connects to it, though a diff of two data models
  // reads and changes nothing there: any reachable server's maintenance database will do.
  return prisma(["migrate", "diff", ...from, "--to-schema-datamodel", to, "--script"], { DATABASE_URL: DIFF_URL });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const missing = missingPostgresMigrations();
  if (process.argv.includes("--check")) {
    if (missing.length) {
      console.error(`No PostgreSQL twin for: ${missing.join(", ")}. Run \`npm run db:pg-migrations\`.`);
      process.exit(1);
    }
    process.exit(0);
  }
  const names = migrationNames(SQLITE_DIR);
  const dir = mkdtempSync(path.join(os.tmpdir(), "pg-migrations-"));
  try {
    mkdirSync(PG_DIR, { recursive: true });
    const lock = path.join(PG_DIR, "migration_lock.toml");
    if (!existsSync(lock)) {
      writeFileSync(lock, '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
    }
    for (const name of missing) {
      const sql = postgresMigrationSql(names, names.indexOf(name), dir);
      mkdirSync(path.join(PG_DIR, name), { recursive: true });
      writeFileSync(path.join(PG_DIR, name, "migration.sql"), sql);
      console.log(`wrote prisma/postgresql/migrations/${name}/migration.sql`);
      // Only the schema is carried over: a statement that changes rows must be written again.
      const data = readFileSync(path.join(SQLITE_DIR, name, "migration.sql"), "utf8")
        .split("\n")
        .filter((l) => /^\s*(UPDATE|DELETE FROM|INSERT INTO)\b/i.test(l) && !/INSERT INTO "new_/.test(l));
      if (data.length) console.warn(`  ${name} also changes rows (${data.length} statement(s)): add their PostgreSQL form to the twin by hand`);
    }
    if (!missing.length) console.log("every SQLite migration has its PostgreSQL twin");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
