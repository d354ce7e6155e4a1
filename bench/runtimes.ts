// Runs the CPU probe (bench/cpu-probe.ts) under the project's runtime (Node 24 + isolated-vm 6)
// and, for comparison, under Node 20 with isolated-vm 5.0.4: the runtime this project left.
//
// Node 20 is found at $BENCH_NODE20, in the cache `source scripts/use-node.sh 20` fills, or at
// /usr/bin/node. isolated-vm 5.0.4 has no prebuilt binary: a full `npm run bench` builds it once
// against that Node's headers into <cache>/bench-node20-isolated-vm-5.0.4 (a few minutes,
// outside the repository, not counted in any figure); --quick only uses it when it is there.
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { bundleForNode } from "../scripts/bundle-entry.mjs";
import type { ProbeResult, ProbeSpec } from "./cpu-probe";
import { breakdown, type ProfileBreakdown } from "./profile-summary";

export const OLD_ISOLATED_VM = "5.0.4";

export interface RuntimeFigures {
  /** The project's runtime. */
  current: ProbeResult;
  /** Node 20 + isolated-vm 5.0.4, when it could be run. */
  node20?: ProbeResult;
  /** Why Node 20 was not measured, or how it was set up. */
  node20Note: string;
  /** With --profile: where in-process grading spends its CPU, by function and by package (self time). */
  profile?: ProfileBreakdown;
}

export interface RuntimeOptions {
  root: string;
  spec: ProbeSpec;
  /** May spend minutes building isolated-vm 5.0.4 for Node 20 when it is missing. */
  buildOld: boolean;
  skipOld: boolean;
  /** Folder for a V8 CPU profile of grading (a separate run of the probe: profiling slows it). */
  profileDir?: string;
  log: (line: string) => void;
}

const cacheRoot = () => process.env.NODE_CACHE_DIR ?? path.join(os.homedir(), ".cache", "rnn-grader");

function nodeMajor(bin: string): number {
  const r = spawnSync(bin, ["-p", "process.versions.node"], { encoding: "utf8", timeout: 10_000 });
  return r.status === 0 ? Number(r.stdout.trim().split(".")[0]) : NaN;
}

/** A Node 20 binary with its headers (needed to build isolated-vm 5), or why there is none. */
function findNode20(): { bin: string; nodedir: string } | string {
  const candidates = [process.env.BENCH_NODE20, path.join(cacheRoot(), "node-20-linux-x64", "bin", "node"), "/usr/bin/node"];
  for (const bin of candidates) {
    if (!bin || !existsSync(bin) || nodeMajor(bin) !== 20) continue;
    const nodedir = path.dirname(path.dirname(bin));
    if (existsSync(path.join(nodedir, "include", "node", "node_version.h"))) return { bin, nodedir };
  }
  return "no Node 20 with its headers was found (set BENCH_NODE20, or run `source scripts/use-node.sh 20` once in another shell to fetch one)";
}

/** The folder holding node_modules/isolated-vm 5.0.4 built for Node 20, or why there is none. */
function oldIsolatedVm(node: { bin: string; nodedir: string }, build: boolean, log: (line: string) => void): string | { reason: string } {
  const dir = path.join(cacheRoot(), `bench-node20-isolated-vm-${OLD_ISOLATED_VM}`);
  const binary = path.join(dir, "node_modules", "isolated-vm", "out", "isolated_vm.node");
  if (existsSync(binary)) return dir;
  if (!build) return { reason: `isolated-vm ${OLD_ISOLATED_VM} for Node 20 is not built yet (a full \`npm run bench\` builds it once into ${dir})` };
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), '{ "private": true }\n');
  log(`  building isolated-vm ${OLD_ISOLATED_VM} for Node 20 into ${dir} (once; a few minutes, not counted)…`);
  const bin = path.dirname(node.bin);
  const r = spawnSync(path.join(bin, "npm"), ["install", `isolated-vm@${OLD_ISOLATED_VM}`, "--no-audit", "--no-fund", "--no-package-lock"], {
    cwd: dir,
    env: { ...process.env, PATH: `${bin}:${process.env.PATH ?? ""}`, npm_config_nodedir: node.nodedir },
    encoding: "utf8",
    timeout: 30 * 60_000,
  });
  if (r.status !== 0 || !existsSync(binary)) {
    return { reason: `building isolated-vm ${OLD_ISOLATED_VM} for Node 20 failed (${r.signal ?? `exit ${r.status}`}): ${`${r.stdout}\n${r.stderr}`.trim().slice(-300)}` };
  }
  return dir;
}

function runProbe(bin: string, script: string, spec: ProbeSpec, env: NodeJS.ProcessEnv, cwd: string, flags: string[] = []): Promise<ProbeResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, ["--no-node-snapshot", ...flags, script, JSON.stringify(spec)], { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), 10 * 60_000);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      try {
        resolve((spec.gradeOnly ? {} : JSON.parse(stdout)) as ProbeResult);
      } catch {
        reject(new Error(`the CPU probe under ${bin} ended with ${signal ?? `exit ${code}`}: ${stderr.trim().slice(-400)}`));
      }
    });
  });
}

export async function benchRuntimes(opts: RuntimeOptions): Promise<RuntimeFigures> {
  const script = await bundleForNode(opts.root, path.join("bench", "cpu-probe.ts"), "bench", "cpu-probe", { packages: "external" });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    NODE_ENV: "production",
    EXERCISES_DIR: path.join(opts.root, "exercises"),
  };
  opts.log(`  CPU probe on ${process.version}…`);
  const current = await runProbe(process.execPath, script, opts.spec, env, opts.root);
  const profile = opts.profileDir ? await profileGrading(script, opts, env) : undefined;
  return { current, profile, ...(await benchNode20(script, opts, env)) };
}

async function profileGrading(script: string, opts: RuntimeOptions, env: NodeJS.ProcessEnv): Promise<ProfileBreakdown | undefined> {
  const dir = opts.profileDir!;
  mkdirSync(dir, { recursive: true });
  opts.log(`  CPU profile of in-process grading into ${dir}…`);
  await runProbe(process.execPath, script, { ...opts.spec, gradeOnly: true }, env, opts.root, ["--cpu-prof", `--cpu-prof-dir=${dir}`]).catch(() => undefined);
  const file = readdirSync(dir).find((f) => f.endsWith(".cpuprofile"));
  return file ? breakdown(path.join(dir, file)) : undefined;
}

async function benchNode20(script: string, opts: RuntimeOptions, env: NodeJS.ProcessEnv): Promise<Pick<RuntimeFigures, "node20" | "node20Note">> {
  if (opts.skipOld) return { node20Note: "Node 20 not measured (--no-node20)." };
  const node = findNode20();
  if (typeof node === "string") return { node20Note: `Node 20 not measured: ${node}.` };
  const dir = oldIsolatedVm(node, opts.buildOld, opts.log);
  if (typeof dir !== "string") return { node20Note: `Node 20 not measured: ${dir.reason}.` };
  // The same bundle, beside isolated-vm 5.0.4; every other package comes from the project.
  const oldScript = path.join(dir, "cpu-probe.cjs");
  copyFileSync(script, oldScript);
  opts.log(`  CPU probe on Node 20 (${node.bin}) with isolated-vm ${OLD_ISOLATED_VM}…`);
  try {
    const node20 = await runProbe(node.bin, oldScript, opts.spec, { ...env, NODE_PATH: path.join(opts.root, "node_modules") }, opts.root);
    return { node20, node20Note: `Node 20: ${node.bin}, isolated-vm ${OLD_ISOLATED_VM} built for it in ${dir}.` };
  } catch (e) {
    return { node20Note: `Node 20 not measured: ${(e as Error).message}` };
  }
}
