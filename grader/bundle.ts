// Bundles a TypeScript entry point of this repository into one CommonJS file that plain `node`
// can run or fork: the grader worker (pool.ts) and the benchmark's one-shot grader are built the
// same way, so the baseline measures the same code. Native and service packages stay external.
import { mkdirSync, renameSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** Builds <root>/<entry> into <root>/node_modules/.cache/<cacheDir>/<name>.cjs and returns that path. */
export async function bundleForNode(root: string, entry: string, cacheDir: string, name: string): Promise<string> {
  // Resolved from the project root at run time, so a bundler never tries to inline esbuild.
  const esbuild = createRequire(path.join(root, "package.json"))("esbuild") as typeof import("esbuild");
  const dir = path.join(root, "node_modules", ".cache", cacheDir);
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, `${name}.cjs`);
  // Build beside the target and rename: other processes may be running the previous bundle.
  const tmp = path.join(dir, `${name}.${process.pid}.${Date.now()}.tmp.cjs`);
  await esbuild.build({
    entryPoints: [path.join(root, entry)],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: ["isolated-vm", "esbuild"],
    logLevel: "silent",
  });
  renameSync(tmp, outfile);
  return outfile;
}
