// The production server under test: `next build` when needed, the database prepared the way
// `npm start` does it (scripts/db-setup.mjs), and the app's server (lib/http/server.ts, compiled as
// `npm start` compiles it) on a free loopback port in its own process group, so a SIGKILL of the
// group takes the grader workers with it. Every group started here is killed when the benchmark
// ends, however it ends.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import { createRequire } from "node:module";
import net from "node:net";
import path from "node:path";
import { bundleForNode } from "../scripts/bundle-entry.mjs";
import { sleep } from "./stats";

// ---- cleanup: no process left behind -----------------------------------------------------------

const liveGroups = new Set<number>();

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

/** Kills every process group this module started (synchronous: safe in 'exit' handlers). */
export function killAllServers(): void {
  for (const pgid of liveGroups) killGroup(pgid, "SIGKILL");
  liveGroups.clear();
}

let handlersInstalled = false;
function installCleanup(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", killAllServers);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      killAllServers();
      process.stderr.write(`\nbench: stopped by ${signal}; servers killed\n`);
      process.exit(130);
    });
  }
}

// ---- build and database --------------------------------------------------------------------------

export function projectRequire(root: string): NodeRequire {
  return createRequire(path.join(root, "package.json"));
}

/** Why `next build` must run first (the same rule as `npm start`), or null. */
export async function buildNeeded(root: string): Promise<string | null> {
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) return "no production build yet";
  try {
    const stateUrl = new URL(`file://${path.join(root, "scripts", "build-state.mjs")}`).href;
    const mod = (await import(stateUrl)) as { buildReason?: (dir?: string) => string | null };
    return mod.buildReason ? mod.buildReason(root) : null;
  } catch {
    return null;
  }
}

/** `npm run build`: Monaco copied into public/, then `next build`. Returns seconds taken. */
export function buildApp(root: string, log: (line: string) => void): number {
  const t0 = performance.now();
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const copy = path.join(root, "scripts", "copy-monaco.mjs");
  if (existsSync(copy)) spawnSync(process.execPath, [copy], { cwd: root, env, stdio: "inherit" });
  const nextBin = projectRequire(root).resolve("next/dist/bin/next");
  log("  running `next build` (not counted in any figure)…");
  const r = spawnSync(process.execPath, [nextBin, "build"], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
  if (r.status !== 0) throw new Error(`next build failed (${r.signal ?? `exit ${r.status}`})`);
  return (performance.now() - t0) / 1000;
}

/**
 * Prepares a fresh database the way `npm start` does: scripts/db-setup.mjs (migrate deploy and
 * the idempotent seed). Returns the milliseconds it took.
 */
export function setupDatabase(root: string, env: NodeJS.ProcessEnv): number {
  const t0 = performance.now();
  const script = path.join(root, "scripts", "db-setup.mjs");
  const args = existsSync(script)
    ? [script]
    : [projectRequire(root).resolve("prisma/build/index.js"), "migrate", "deploy"];
  const r = spawnSync(process.execPath, args, { cwd: root, env, encoding: "utf8", timeout: 120_000 });
  if (r.status !== 0) {
    throw new Error(`database setup failed (${r.signal ?? `exit ${r.status}`}): ${`${r.stdout}\n${r.stderr}`.trim().slice(-800)}`);
  }
  return performance.now() - t0;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// ---- the server process ------------------------------------------------------------------------

/**
 * The app's own server (lib/http/server.ts: Next.js behind the node:http front that decides client
 * addresses and refuses malformed requests), compiled exactly as `npm start` compiles it. The
 * benchmark measures what `npm start` serves, not a bare `next start`.
 */
export function serverEntry(root: string): Promise<string> {
  return bundleForNode(root, path.join("lib", "http", "server.ts"), "server", "app-server", { format: "esm", packages: "external" });
}

export interface ServerOptions {
  root: string;
  /** The compiled server from serverEntry(). */
  entry: string;
  port: number;
  env: NodeJS.ProcessEnv;
  /** Appended to by the server's stdout and stderr. */
  logFile: string;
  /** Extra node flags for the server process (e.g. --cpu-prof). */
  nodeFlags?: string[];
}

export class Server {
  readonly url: string;
  private child?: ChildProcess;
  private exited?: Promise<void>;

  constructor(readonly options: ServerOptions) {
    this.url = `http://127.0.0.1:${options.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get running(): boolean {
    return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Spawns the app's server in a new process group, bound to the loopback address. */
  start(): void {
    installCleanup();
    const fd = openSync(this.options.logFile, "a");
    const child = spawn(process.execPath, [...(this.options.nodeFlags ?? []), this.options.entry], {
      cwd: this.options.root,
      env: { ...this.options.env, PORT: String(this.options.port), HOSTNAME_BIND: "127.0.0.1" },
      detached: true,
      stdio: ["ignore", fd, fd],
    });
    closeSync(fd);
    this.child = child;
    if (child.pid) liveGroups.add(child.pid);
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
  }

  /** Resolves when the server answers HTTP (any status below 500); returns ms since start. */
  async waitReady(startedAt: number, timeoutMs = 90_000): Promise<number> {
    const deadline = startedAt + timeoutMs;
    while (performance.now() < deadline) {
      if (!this.running) throw new Error(`the server exited during startup; see ${this.options.logFile}:\n${this.logTail()}`);
      const status = await probe(`${this.url}/api/auth/ok`);
      if (status > 0 && status < 500) return performance.now() - startedAt;
      await sleep(25);
    }
    throw new Error(`the server did not answer within ${timeoutMs / 1000} s; see ${this.options.logFile}`);
  }

  /** SIGKILL to the whole process group: the server and its grader workers die at once. */
  async killHard(): Promise<void> {
    const pgid = this.child?.pid;
    if (!pgid) return;
    killGroup(pgid, "SIGKILL");
    await this.exited;
    await waitGroupGone(pgid, 5000);
    liveGroups.delete(pgid);
  }

  /** SIGTERM (lets --cpu-prof write its profile), then SIGKILL for anything left after 10 s. */
  async stop(): Promise<void> {
    const pgid = this.child?.pid;
    if (!pgid) return;
    if (this.running) {
      killGroup(pgid, "SIGTERM");
      await Promise.race([this.exited, sleep(10_000)]);
    }
    killGroup(pgid, "SIGKILL");
    await waitGroupGone(pgid, 5000);
    liveGroups.delete(pgid);
  }

  logTail(chars = 1500): string {
    try {
      return readFileSync(this.options.logFile, "utf8").slice(-chars);
    } catch {
      return "";
    }
  }
}

function probe(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000, agent: false }, (res) => {
      res.resume();
      res.on("end", () => resolve(res.statusCode ?? 0));
    });
    req.on("timeout", () => req.destroy());
    req.on("error", () => resolve(0));
  });
}

// ---- memory of a process group, from /proc ------------------------------------------------------

const PAGE_SIZE = 4096;

/** Pids whose process group is pgid (the server, its grader workers and their helpers). */
export function groupPids(pgid: number): number[] {
  const pids: number[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // Fields after the parenthesised command: state ppid pgrp ...
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) === pgid) pids.push(Number(name));
    } catch {
      // exited while we looked
    }
  }
  return pids;
}

/** Resident memory of the whole group, in bytes. */
export function groupRss(pgid: number): { bytes: number; processes: number } {
  let bytes = 0;
  const pids = groupPids(pgid);
  for (const pid of pids) {
    try {
      const resident = Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]);
      bytes += resident * PAGE_SIZE;
    } catch {
      // exited while we looked
    }
  }
  return { bytes, processes: pids.length };
}

// ---- CPU time of a process group, by role ---------------------------------------------------------

const CLOCK_TICKS = 100; // USER_HZ on Linux

export type CpuRole = "server" | "grader workers" | "esbuild";

function roleOf(pid: number): CpuRole {
  let cmd = "";
  try {
    cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    // gone
  }
  if (cmd.includes("worker.cjs")) return "grader workers";
  if (cmd.includes("esbuild")) return "esbuild";
  return "server";
}

/** utime + stime of every process of the group, in ms. */
export function groupCpu(pgid: number): Map<number, { role: CpuRole; ms: number }> {
  const out = new Map<number, { role: CpuRole; ms: number }>();
  for (const pid of groupPids(pgid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // After the command: state(0) ppid(1) ... utime(11) stime(12)
      const ticks = Number(f[11]) + Number(f[12]);
      out.set(pid, { role: roleOf(pid), ms: (ticks * 1000) / CLOCK_TICKS });
    } catch {
      // exited while we looked
    }
  }
  return out;
}

/** CPU spent by each role between two snapshots (processes that died in between are missed). */
export function cpuDelta(
  before: Map<number, { role: CpuRole; ms: number }>,
  after: Map<number, { role: CpuRole; ms: number }>,
): Record<CpuRole, number> {
  const out: Record<CpuRole, number> = { server: 0, "grader workers": 0, esbuild: 0 };
  for (const [pid, a] of after) out[a.role] += a.ms - (before.get(pid)?.ms ?? 0);
  return out;
}

async function waitGroupGone(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline && groupPids(pgid).length > 0) await sleep(50);
}

/** Samples a group's RSS every intervalMs and keeps the peak. */
export class MemorySampler {
  peakBytes = 0;
  peakProcesses = 0;
  private timer?: NodeJS.Timeout;

  constructor(private readonly pgid: () => number | undefined, private readonly intervalMs = 200) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  sample(): void {
    const pgid = this.pgid();
    if (!pgid) return;
    const { bytes, processes } = groupRss(pgid);
    if (bytes > this.peakBytes) {
      this.peakBytes = bytes;
      this.peakProcesses = processes;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.sample();
  }
}
