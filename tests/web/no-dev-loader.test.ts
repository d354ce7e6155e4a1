// Production runs compiled JavaScript only: nothing on the `npm start` path (scripts/start.mjs,
// the database setup it runs, the server's own code and the child processes it spawns) may load
// TypeScript through a development loader such as tsx. The CLIs for authors and developers
// (package.json scripts) may.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "..", "..");
const SERVED = ["app", "lib", "grader", "scripts", "prisma", "instrumentation.ts", "next.config.js"];
// A loader named as a module to resolve, import or spawn: "tsx", "tsx/cli", "tsx/esm", "ts-node"…
const LOADER = /(?:require\(|\.resolve\(|import\(|from\s+|--(?:import|loader|require)["',\s]+)["'](?:tsx|ts-node|@swc-node\/register|esbuild-register)(?:\/[\w-]+)?["']/;

function files(entry: string): string[] {
  const full = path.join(root, entry);
  if (!statSync(full, { throwIfNoEntry: false })) return [];
  if (!statSync(full).isDirectory()) return [full];
  return readdirSync(full).flatMap((name) => (name === "node_modules" || name === "generated" ? [] : files(path.join(entry, name))));
}

describe("no development loader on the production path", () => {
  it("finds the old pattern when it is there (the scanner works)", () => {
    expect(LOADER.test('const tsx = createRequire(p).resolve("tsx");')).toBe(true);
    expect(LOADER.test('run("seed", [require.resolve("tsx/cli"), seed]);')).toBe(true);
    expect(LOADER.test('execFile(node, ["--import", "tsx", file])')).toBe(true);
  });

  it("no served file resolves, imports or spawns tsx or another TypeScript loader", () => {
    const offenders = SERVED.flatMap(files)
      .filter((f) => /\.(c|m)?(j|t)sx?$/.test(f))
      .filter((f) => LOADER.test(readFileSync(f, "utf8")))
      .map((f) => path.relative(root, f));
    expect(offenders).toEqual([]);
  });
});
