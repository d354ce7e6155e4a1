// Compiles a TypeScript entry point of this repository into one JavaScript file that plain
// `node` runs: the grader worker, the instructor preview's child process, the database seed and
// the benchmark's one-shot grader. Production never runs TypeScript through a development loader
// (tsx): what `npm start` serves is compiled, here or by `next build`.
import { mkdirSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/**
 * Builds <root>/<entry> into <root>/node_modules/.cache/<cacheDir>/<name>.cjs (or .mjs) and
 * returns that path. `packages: "external"` leaves every npm package to Node's resolver (for
 * ESM-only libraries such as better-auth); by default everything but native and service
 * packages is bundled in.
 * @param {string} root
 * @param {string} entry
 * @param {string} cacheDir
 * @param {string} name
 * @param {{ format?: "cjs" | "esm", packages?: "bundle" | "external" }} [options]
 * @returns {Promise<string>}
 */
export async function bundleForNode(root, entry, cacheDir, name, options = {}) {
  const format = options.format ?? "cjs";
  // Resolved from the project root at run time, so a bundler never tries to inline esbuild.
  const esbuild = createRequire(path.join(root, "package.json"))("esbuild");
  const dir = path.join(root, "node_modules", ".cache", cacheDir);
  mkdirSync(dir, { recursive: true });
  const ext = format === "esm" ? "mjs" : "cjs";
  const outfile = path.join(dir, `${name}.${ext}`);
  // Build beside the target and rename: other processes may be running the previous bundle.
  const tmp = path.join(dir, `${name}.${process.pid}.${Date.now()}.tmp.${ext}`);
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format,
    target: "node22",
    ...(options.packages === "external" ? { packages: "external" } : { external: ["isolated-vm", "esbuild"] }),
    logLevel: "silent",
  });
  renameSync(tmp, outfile);
  return outfile;
}
