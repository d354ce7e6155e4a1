#!/usr/bin/env node
// Prepares the database before serving: applies the committed migrations (prisma migrate
// deploy), then prisma/seed.ts turns on WAL, syncs exercises/ and, when asked for
// (scripts/demo-choice.mjs: `--demo`, SEED_DEMO=1, or the first start of a local install), adds
// the demo accounts. Idempotent: safe on every start. DATABASE_URL picks the database: a SQLite
// file (default file:./data/app.db) or a PostgreSQL server (postgresql://…; the database must
// exist, the migrations of prisma/postgresql/migrations create the tables).
//
// A restart usually has nothing to do, and loading the Prisma CLI and the seed costs ~2 s of a
// restart. So the database is first read directly (better-sqlite3, read-only, ~10 ms): when
// every migration folder is recorded as applied, with the same checksum, and nothing failed,
// the CLI is skipped (PostgreSQL: the same check over one connection); when WAL is on and the demo rows are all there, the seed is skipped too
// (the server syncs exercises/ itself as it starts: lib/warm-up.ts). Anything else, or any
// doubt (no file, an unreadable one), runs both exactly as before.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { bundleForNode } from "./bundle-entry.mjs";
import { demoChoice, demoNotice } from "./demo-choice.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(path.join(root, "package.json"));

// Prisma's CLI would try to download native engines we never use (we run offline).
const placeholder = path.join(root, "prisma", "engine-placeholder.txt");
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || placeholder,
  PRISMA_QUERY_ENGINE_LIBRARY: process.env.PRISMA_QUERY_ENGINE_LIBRARY || placeholder,
  PRISMA_HIDE_UPDATE_MESSAGE: "1",
};

function run(label, args) {
  const r = spawnSync(process.execPath, args, { cwd: root, env, stdio: "inherit" });
  if (r.status !== 0) {
    console.error(`db-setup: ${label} failed (${r.signal ?? `exit ${r.status}`})`);
    process.exit(r.status || 1);
  }
}

/** The file the CLI and the seed will open: lib/database-file.ts, resolved from the project root where they run. */
function databasePath(url) {
  return path.resolve(root, url.slice("file:".length).split("?")[0]);
}

/** Migration folders of the provider's migrations directory with the sha256 of their migration.sql (Prisma's checksum). */
function localMigrations(provider) {
  const dir = provider === "postgresql" ? path.join(root, "prisma", "postgresql", "migrations") : path.join(root, "prisma", "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => ({ name: d.name, checksum: createHash("sha256").update(readFileSync(path.join(dir, d.name, "migration.sql"))).digest("hex") }));
}

/**
 * A read-only connection for inspectDatabase: `all(sql, params)` resolves to rows; `wal()` says
 * whether the seed's one-time setting is in place. Null when there is nothing to read (no
 * SQLite file yet; never creates one). SQLite placeholders are `?`; PostgreSQL's `$n`.
 */
async function openDatabase(url) {
  if (/^postgres(ql)?:\/\//.test(url)) {
    const { Client } = require("pg");
    const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    await client.connect();
    return {
      provider: "postgresql",
      all: async (sql, params = []) => {
        let n = 0;
        return (await client.query(sql.replace(/\?/g, () => `$${++n}`), params)).rows;
      },
      tableExists: async (name) => (await client.query("SELECT to_regclass($1) AS t", [`"${name}"`])).rows[0].t !== null,
      // WAL is SQLite's; PostgreSQL needs no such setting.
      wal: async () => true,
      close: () => client.end(),
    };
  }
  if (!url.startsWith("file:")) return null; // the CLI reports the bad URL
  const file = databasePath(url);
  if (!existsSync(file)) return null;
  const Database = require("better-sqlite3");
  const db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
  return {
    provider: "sqlite",
    all: async (sql, params = []) => db.prepare(sql).all(...params),
    tableExists: async (name) => !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name),
    wal: async () => String(db.pragma("journal_mode", { simple: true })).toLowerCase() === "wal",
    close: async () => db.close(),
  };
}

/**
 * What the database already has: { fresh, migrated, wal, demoPresent, migrations }; fresh when
 * no migration was ever applied (no file, an empty database), the others false when in doubt.
 * Read-only.
 */
async function inspectDatabase(url = process.env.DATABASE_URL || "file:./data/app.db") {
  const state = { fresh: true, migrated: false, wal: false, demoPresent: false, migrations: 0 };
  let db;
  try {
    db = await openDatabase(url);
    if (!db) return state;
    state.provider = db.provider;
    const local = localMigrations(db.provider);
    state.migrations = local.length;
    if (!(await db.tableExists("_prisma_migrations"))) return state;
    const rows = await db.all("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations");
    state.fresh = rows.length === 0;
    const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    // A failed one (neither finished nor rolled back) or one missing from the folder: let the CLI say so.
    const unsettled = rows.some((r) => r.finished_at === null && r.rolled_back_at === null);
    const unknown = rows.some((r) => r.rolled_back_at === null && !local.some((m) => m.name === r.migration_name));
    state.migrated = local.length > 0 && !unsettled && !unknown && local.every((m) => applied.get(m.name) === m.checksum);
    if (!state.migrated) return state;

    state.wal = await db.wal();
    state.demoPresent = await demoPresent(db);
    return state;
  } catch {
    return { fresh: state.fresh, migrated: false, wal: false, demoPresent: false, migrations: state.migrations };
  } finally {
    await db?.close();
  }
}

/** The same checks prisma/seed.ts makes before creating anything: both users with their roles, the classroom, the enrolment. */
async function demoPresent(db) {
  const demo = JSON.parse(readFileSync(path.join(root, "prisma", "demo.json"), "utf8"));
  const user = async (email) => (await db.all('SELECT "id", "role" FROM "User" WHERE "email" = ?', [email]))[0];
  const instructor = await user(demo.instructor.email);
  const learner = await user(demo.learner.email);
  if (instructor?.role !== "instructor" || learner?.role !== "learner") return false;
  // lib/classrooms.ts normalizeJoinCode
  const joinCode = demo.classroom.joinCode.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const [classroom] = await db.all('SELECT "id" FROM "Classroom" WHERE "joinCode" = ?', [joinCode]);
  if (!classroom) return false;
  return (await db.all('SELECT 1 FROM "Enrollment" WHERE "classroomId" = ? AND "userId" = ?', [classroom.id, learner.id])).length > 0;
}

const args = new Set(process.argv.slice(2));
const state = await inspectDatabase();
// Asked for explicitly, refused explicitly, or the default: only on a local install's first start.
const demo = demoChoice({ env: process.env, args, firstStart: state.fresh });
// Nothing for the seed to do: WAL is on, and the demo rows are there or not wanted.
state.seeded = state.migrated && state.wal && (!demo.seed || state.demoPresent);
if (state.migrated) {
  console.log(`db: ${state.migrations} migration${state.migrations === 1 ? "" : "s"} found, all recorded as applied. No pending migrations to apply.`);
} else {
  run("prisma migrate deploy", [require.resolve("prisma/build/index.js"), "migrate", "deploy"]);
}
// What the quick path confirmed about the connection settings.
const settings = state.provider === "postgresql" ? "PostgreSQL" : "journal_mode=wal";
const demoData = () => JSON.parse(readFileSync(path.join(root, "prisma", "demo.json"), "utf8"));
if (args.has("--no-seed")) {
  // nothing more
} else if (state.seeded && state.demoPresent) {
  console.log(`db: ${settings}; demo data already present; exercises are synced by the server as it starts`);
  console.log(demoNotice(demoData(), "present"));
} else if (state.seeded) {
  console.log(`db: ${settings}; demo accounts not made (${demo.reason === "refused" ? "SEED_DEMO=0" : "not asked for: --demo or SEED_DEMO=1"}); exercises are synced by the server as it starts`);
} else {
  // Compiled to JavaScript first (≈ 0.2 s): production runs no TypeScript loader.
  const seed = await bundleForNode(root, path.join("prisma", "seed.ts"), "server", "seed", { format: "esm", packages: "external" });
  run("seed", [seed, ...(demo.seed ? ["--demo", `--demo-reason=${demo.reason}`] : ["--no-demo"])]);
}
