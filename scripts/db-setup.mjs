#!/usr/bin/env node
// Prepares the database before serving: applies the committed migrations (prisma migrate
// deploy), then prisma/seed.ts turns on WAL, syncs exercises/ and, when asked for
// (scripts/demo-choice.mjs: `--demo`, SEED_DEMO=1, or the first start of a local install), adds
// the demo accounts. Idempotent: safe on every start. DATABASE_URL picks the file (default
// file:./data/app.db).
//
// A restart usually has nothing to do, and loading the Prisma CLI and the seed costs ~2 s of a
// restart. So the database is first read directly (better-sqlite3, read-only, ~10 ms): when
// every migration folder is recorded as applied, with the same checksum, and nothing failed,
// the CLI is skipped; when WAL is on and the demo rows are all there, the seed is skipped too
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
function databasePath() {
  const url = process.env.DATABASE_URL || "file:./data/app.db";
  if (!url.startsWith("file:")) return null; // the CLI reports the bad URL
  return path.resolve(root, url.slice("file:".length).split("?")[0]);
}

/** Migration folders in prisma/migrations with the sha256 of their migration.sql (Prisma's checksum). */
function localMigrations() {
  const dir = path.join(root, "prisma", "migrations");
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(dir, d.name, "migration.sql")))
    .map((d) => ({ name: d.name, checksum: createHash("sha256").update(readFileSync(path.join(dir, d.name, "migration.sql"))).digest("hex") }));
}

/**
 * What the database already has: { fresh, migrated, wal, demoPresent, migrations }; fresh when
 * no migration was ever applied (no file, an empty one), the others false when in doubt.
 * Read-only; never creates the file.
 */
function inspectDatabase(file = databasePath()) {
  const state = { fresh: true, migrated: false, wal: false, demoPresent: false, migrations: 0 };
  if (!file || !existsSync(file)) return state;
  let db;
  try {
    const Database = require("better-sqlite3");
    db = new Database(file, { readonly: true, fileMustExist: true, timeout: 5000 });
    const local = localMigrations();
    state.migrations = local.length;
    const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
    if (!hasTable) return state;
    const rows = db.prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations").all();
    state.fresh = rows.length === 0;
    const applied = new Map(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => [r.migration_name, r.checksum]));
    // A failed one (neither finished nor rolled back) or one missing from the folder: let the CLI say so.
    const unsettled = rows.some((r) => r.finished_at === null && r.rolled_back_at === null);
    const unknown = rows.some((r) => r.rolled_back_at === null && !local.some((m) => m.name === r.migration_name));
    state.migrated = local.length > 0 && !unsettled && !unknown && local.every((m) => applied.get(m.name) === m.checksum);
    if (!state.migrated) return state;

    state.wal = String(db.pragma("journal_mode", { simple: true })).toLowerCase() === "wal";
    state.demoPresent = demoPresent(db);
    return state;
  } catch {
    return { fresh: state.fresh, migrated: false, wal: false, demoPresent: false, migrations: state.migrations };
  } finally {
    db?.close();
  }
}

/** The same checks prisma/seed.ts makes before creating anything: both users with their roles, the classroom, the enrolment. */
function demoPresent(db) {
  const demo = JSON.parse(readFileSync(path.join(root, "prisma", "demo.json"), "utf8"));
  const user = db.prepare('SELECT "id", "role" FROM "User" WHERE "email" = ?');
  const instructor = user.get(demo.instructor.email);
  const learner = user.get(demo.learner.email);
  if (instructor?.role !== "instructor" || learner?.role !== "learner") return false;
  // lib/classrooms.ts normalizeJoinCode
  const joinCode = demo.classroom.joinCode.toUpperCase().replace(/[^A-Z0-9]/g, "");
  const classroom = db.prepare('SELECT "id" FROM "Classroom" WHERE "joinCode" = ?').get(joinCode);
  if (!classroom) return false;
  return !!db.prepare('SELECT 1 FROM "Enrollment" WHERE "classroomId" = ? AND "userId" = ?').get(classroom.id, learner.id);
}

const args = new Set(process.argv.slice(2));
const state = inspectDatabase();
// Asked for explicitly, refused explicitly, or the default: only on a local install's first start.
const demo = demoChoice({ env: process.env, args, firstStart: state.fresh });
// Nothing for the seed to do: WAL is on, and the demo rows are there or not wanted.
state.seeded = state.migrated && state.wal && (!demo.seed || state.demoPresent);
if (state.migrated) {
  console.log(`db: ${state.migrations} migration${state.migrations === 1 ? "" : "s"} found in prisma/migrations, all recorded as applied. No pending migrations to apply.`);
} else {
  run("prisma migrate deploy", [require.resolve("prisma/build/index.js"), "migrate", "deploy"]);
}
const demoData = () => JSON.parse(readFileSync(path.join(root, "prisma", "demo.json"), "utf8"));
if (args.has("--no-seed")) {
  // nothing more
} else if (state.seeded && state.demoPresent) {
  console.log("db: journal_mode=wal; demo data already present; exercises are synced by the server as it starts");
  console.log(demoNotice(demoData(), "present"));
} else if (state.seeded) {
  console.log(`db: journal_mode=wal; demo accounts not made (${demo.reason === "refused" ? "SEED_DEMO=0" : "not asked for: --demo or SEED_DEMO=1"}); exercises are synced by the server as it starts`);
} else {
  // Compiled to JavaScript first (≈ 0.2 s): production runs no TypeScript loader.
  const seed = await bundleForNode(root, path.join("prisma", "seed.ts"), "server", "seed", { format: "esm", packages: "external" });
  run("seed", [seed, ...(demo.seed ? ["--demo", `--demo-reason=${demo.reason}`] : ["--no-demo"])]);
}
