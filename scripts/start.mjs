#!/usr/bin/env node
// `npm start`: serve the production app from a fresh clone with nothing else running.
// 1. prepare the database, 2. copy Monaco into public/, 3. `next build` when .next is missing or
// stale, 4. the app's server (lib/http/server.ts: Next.js behind a node:http server that decides
// each client's address and refuses malformed requests) on $PORT (default 3000), in a child
// process. Signals are forwarded so Ctrl+C stops cleanly.
import { spawn, spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { buildReason, root } from "./build-state.mjs";
import { bundleForNode } from "./bundle-entry.mjs";
import { copyMonaco } from "./copy-monaco.mjs";

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.chdir(root);

// ---- Database --------------------------------------------------------------------------------
// scripts/db-setup.mjs: `prisma migrate deploy`, WAL mode, exercise sync and the idempotent demo
// seed, on DATABASE_URL (default data/app.db; created on first start). Before the build: pages
// read the database at request time, not at build time.
async function prepareDatabase() {
  run(process.execPath, [path.join(root, "scripts", "db-setup.mjs")]);
}
// ---------------------------------------------------------------------------------------------

const require = createRequire(path.join(root, "package.json"));
const nextBin = require.resolve("next/dist/bin/next");

/** Runs a command to completion, exiting with its status if it fails. */
function run(command, args, options = {}) {
  const r = spawnSync(command, args, { stdio: "inherit", env: process.env, ...options });
  if (r.status !== 0) {
    console.error(`start: \`${[path.basename(command), ...args].join(" ")}\` failed (${r.signal ?? `exit ${r.status}`})`);
    process.exit(r.status ?? 1);
  }
}

await prepareDatabase();
copyMonaco({ quiet: true });

const reason = process.env.SKIP_BUILD === "1" ? null : buildReason();
if (reason) {
  console.log(`start: building the app (${reason}); this takes a minute or two the first time…`);
  run(process.execPath, [nextBin, "build"]);
}

// Compiled like the seed: what `npm start` serves never runs TypeScript through a loader.
const serverEntry = await bundleForNode(root, path.join("lib", "http", "server.ts"), "server", "app-server", { format: "esm", packages: "external" });
const server = spawn(process.execPath, [serverEntry], { stdio: "inherit", env: { ...process.env, PORT: process.env.PORT || "3000" } });
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => server.kill(signal));
}
server.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
