#!/usr/bin/env node
// Prepares the database before serving: applies the committed migrations (prisma migrate
// deploy), then prisma/seed.ts turns on WAL, syncs exercises/ and adds the demo accounts.
// Idempotent: safe on every start. DATABASE_URL picks the file (default file:./data/app.db).
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

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

const args = new Set(process.argv.slice(2));
run("prisma migrate deploy", [require.resolve("prisma/build/index.js"), "migrate", "deploy"]);
if (!args.has("--no-seed")) run("seed", [require.resolve("tsx/cli"), path.join(root, "prisma", "seed.ts")]);
