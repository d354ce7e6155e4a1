// Decides whether the production build in .next is missing or older than the sources it was
// built from. Shared by scripts/start.mjs and the bundle-leak test so both rebuild for the same
// reasons. Exercise folders are read at request time, so editing them never needs a rebuild.
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Everything that ends up in the Next.js bundle. */
const SOURCE_DIRS = ["app", "lib", "grader", "prisma", "public"];
const SOURCE_FILES = ["next.config.js", "package.json", "package-lock.json", "tsconfig.json", "proxy.ts", "middleware.ts", "instrumentation.ts"];
const SKIP = new Set(["node_modules", ".next", "monaco", "generated"]);

function newestMtime(entry, newest = 0) {
  let st;
  try {
    st = statSync(entry);
  } catch {
    return newest;
  }
  if (!st.isDirectory()) return Math.max(newest, st.mtimeMs);
  for (const name of readdirSync(entry)) {
    if (SKIP.has(name)) continue;
    newest = newestMtime(path.join(entry, name), newest);
  }
  return newest;
}

export function newestSourceMtime(dir = root) {
  let newest = 0;
  for (const d of SOURCE_DIRS) newest = newestMtime(path.join(dir, d), newest);
  for (const f of SOURCE_FILES) newest = newestMtime(path.join(dir, f), newest);
  return newest;
}

/** Why a build is needed, or null when .next is up to date. */
export function buildReason(dir = root) {
  const buildId = path.join(dir, ".next", "BUILD_ID");
  if (!existsSync(buildId)) return "no production build yet";
  if (newestSourceMtime(dir) > statSync(buildId).mtimeMs) return "sources changed since the last build";
  return null;
}
