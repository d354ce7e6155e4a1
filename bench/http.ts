// Parts 3 and 4 over HTTP against the production server, on one fresh SQLite database:
//   3. a classroom burst: N learners each keep one Submit in flight for a fixed time;
//   4. a fault: during another burst the server's whole process group is SIGKILLed, started
//      again the way `npm start` does it, and the same learners carry on.
// Both end with a direct read of the database: every acknowledged submission stored with the
// verdict the learner saw, and progress consistent with the submissions.
import { randomBytes } from "node:crypto";
import { mkdirSync, readdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  errorCounts,
  isAcked,
  latency,
  runBurst,
  signUpAll,
  submitOnce,
  wrongVerdicts,
  type Attempt,
  type LatencyFigures,
  type MixOptions,
} from "./classroom";
import { checkDatabase, type DbCheck } from "./db-check";
import { Learner } from "./learner";
import { breakdown } from "./profile-summary";
import { buildApp, buildNeeded, cpuDelta, freePort, groupCpu, MemorySampler, Server, serverEntry, setupDatabase, type CpuRole } from "./server";
import { sleep } from "./stats";
import type { Category, ExerciseSubmissions } from "./submissions";

export interface HttpOptions {
  root: string;
  tmpDir: string;
  learners: number;
  burstMs: number;
  /** Offered rate of the paced run, submissions/s over the whole class (0: skip it; default: half the closed-loop capacity). */
  pacedRate?: number;
  /** Submissions of one learner alone on the server, for the unloaded round trip. */
  unloadedRuns: number;
  /** Fault burst: time before the kill, and time the learners carry on once it answers again. */
  faultBeforeMs: number;
  faultAfterMs: number;
  mix: MixOptions;
  build: boolean;
  /** Write a V8 CPU profile of the Next.js process here (server stopped with SIGTERM). */
  profileDir?: string;
  log: (line: string) => void;
}

export interface BurstFigures {
  /** "closed loop" (capacity) or "paced" (a Poisson stream at offeredPerSecond). */
  mode: "closed loop" | "paced";
  offeredPerSecond?: number;
  learners: number;
  durationMs: number;
  submissions: number;
  acknowledged: number;
  perSecond: number;
  latency: LatencyFigures;
  byCategory: Partial<Record<Category, LatencyFigures>>;
  errors: Record<string, number>;
  wrongVerdicts: string[];
  peakRssBytes: number;
  peakProcesses: number;
  /** CPU milliseconds per acknowledged submission, by process role, and for this load client. */
  cpuPerSubmission: Record<CpuRole | "load client", number>;
  /** Share of the machine's cores busy with the server tree and the client during the burst. */
  cpuBusyShare: number;
}

export interface FaultFigures {
  beforeKill: number;
  inFlightAtKill: number;
  /** SIGKILL of the group until every process in it was gone. */
  killMs: number;
  /** Database setup as `npm start` runs it on every start. */
  dbSetupMs: number;
  /** The app server spawned until it answers HTTP. */
  serverStartMs: number;
  /** Server answering until the first acknowledged submission (grader pool cold start). */
  firstGradeMs: number;
  afterRestart: number;
  errors: Record<string, number>;
  db: DbCheck;
}

export interface HttpFigures {
  buildSeconds?: number;
  staleBuild?: string;
  initialDbSetupMs: number;
  coldStartMs: number;
  firstGradeMs: number;
  signUpMs: number;
  signUpFailures: string[];
  /** One learner alone, one Submit at a time with pauses: the round trip nobody queues for. */
  unloaded: LatencyFigures;
  /** Closed loop: what the server sustains with every learner always waiting on a Submit. */
  saturation: BurstFigures;
  /** Paced at the target rate: the latency learners see at that load. */
  paced?: BurstFigures;
  /** Every acknowledged submission of part 3, read back from the database. */
  burstDb: DbCheck;
  fault?: FaultFigures;
  faultError?: string;
  profile?: string;
  /** The Next.js process's CPU during part 3 (setup and bursts), by package: [area, ms]. */
  profileAreas?: [string, number][];
  /** The same, by function (self time): [function and file, ms]. */
  profileFunctions?: [string, number][];
  serverLog: string;
  mix: MixOptions;
}

function serverEnv(opts: HttpOptions, port: number, dbFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  // Nothing of the benchmark's own runtime (tsx loaders) leaks into the server.
  for (const k of Object.keys(env)) if (k === "NODE_OPTIONS" || k.startsWith("TSX")) delete env[k];
  return {
    ...env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(port),
    DATABASE_URL: `file:${dbFile}`,
    // One secret for the whole run, so sessions survive the restart in part 4.
    BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_SECRET_FILE: path.join(path.dirname(dbFile), "auth-secret"),
    // Fifty learners share one loopback address: the per-learner limit is not what is measured.
    RATE_LIMIT_PER_MINUTE: "1000000",
    RATE_LIMIT_BURST: "100000",
    SIGNUP_LIMIT_PER_HOUR: "100000",
  };
}

const cpus = os.availableParallelism();

function perAck<K extends string>(totals: Record<K, number>, n: number): Record<K, number> {
  const out = {} as Record<K, number>;
  for (const k of Object.keys(totals) as K[]) out[k] = n > 0 ? totals[k] / n : NaN;
  return out;
}

function byCategory(attempts: Attempt[]): Partial<Record<Category, LatencyFigures>> {
  const out: Partial<Record<Category, LatencyFigures>> = {};
  for (const c of ["correct", "wrong", "loop", "memory"] as Category[]) {
    const xs = attempts.filter((a) => a.category === c);
    if (xs.length) out[c] = latency(xs);
  }
  return out;
}

export async function benchHttp(all: ExerciseSubmissions[], opts: HttpOptions): Promise<HttpFigures> {
  const figures: Partial<HttpFigures> = { mix: opts.mix };
  const reason = await buildNeeded(opts.root);
  if (reason && opts.build) {
    opts.log(`  ${reason}`);
    figures.buildSeconds = buildApp(opts.root, opts.log);
  } else if (reason) {
    figures.staleBuild = reason;
    opts.log(`  warning: ${reason}; --no-build given, measuring the existing build`);
  }

  const dir = path.join(opts.tmpDir, "http");
  mkdirSync(dir, { recursive: true });
  const dbFile = path.join(dir, "bench.db");
  const port = await freePort();
  const env = serverEnv(opts, port, dbFile);
  const serverLog = path.join(dir, "server.log");
  figures.serverLog = serverLog;
  const entry = await serverEntry(opts.root);
  let server = new Server({ root: opts.root, entry, port, env, logFile: serverLog });
  const learners: Learner[] = [];
  const attempts: Attempt[] = [];
  try {
    figures.initialDbSetupMs = setupDatabase(opts.root, env);
    const t0 = performance.now();
    server.start();
    figures.coldStartMs = await server.waitReady(t0);
    opts.log(`  database ready in ${(figures.initialDbSetupMs / 1000).toFixed(1)} s, server answering after ${(figures.coldStartMs / 1000).toFixed(1)} s`);

    const runTag = `${Date.now().toString(36)}${randomBytes(2).toString("hex")}`;
    for (let i = 0; i < opts.learners; i++) learners.push(new Learner(server.url, i, runTag));
    const signUp = await signUpAll(learners);
    figures.signUpMs = signUp.ms;
    figures.signUpFailures = signUp.failures;
    const active = learners.filter((l) => l.signedIn);
    opts.log(`  ${active.length}/${learners.length} learners signed up in ${(signUp.ms / 1000).toFixed(1)} s`);
    if (active.length === 0) throw new Error(`no learner could sign up: ${signUp.failures.slice(0, 3).join("; ")}`);

    // Warm-up: the pool starts on the first grade; then every exercise once per worker.
    const seq = new Map<number, number>();
    const first = await submitOnce(active[0], all[0].correct, 0, "warm-up", attempts);
    seq.set(active[0].index, 1);
    figures.firstGradeMs = first.ms;
    if (!isAcked(first)) throw new Error(`the first submission failed: HTTP ${first.status} ${first.noReply ?? ""}`);
    await Promise.all(
      all.map((subs, i) => {
        const l = active[i % active.length];
        const n = seq.get(l.index) ?? 0;
        seq.set(l.index, n + 1);
        return submitOnce(l, subs.correct, n, "warm-up", attempts);
      }),
    );

    // ---- part 3: one learner alone (the unloaded round trip), the burst in a closed loop
    // (capacity), then paced at half that capacity (the latency learners see at that load)
    const alone: Attempt[] = [];
    for (let i = 0; i < opts.unloadedRuns; i++) {
      const subs = all[i % all.length];
      const sub = i % 2 === 0 ? subs.correct : subs.wrong[Math.floor(i / 2) % subs.wrong.length];
      const l = active[0];
      const n = seq.get(l.index) ?? 0;
      seq.set(l.index, n + 1);
      // The pause lets the worker prepare its next isolate, as between two real clicks.
      await sleep(30);
      await submitOnce(l, sub, n, "unloaded", alone);
    }
    attempts.push(...alone);
    figures.unloaded = latency(alone.filter(isAcked));
    opts.log(`  one learner alone: round trip p50 ${figures.unloaded.p50.toFixed(1)} ms over ${figures.unloaded.count} Submits`);

    const userIds = active.map((l) => l.userId!);
    const measure = async (mode: BurstFigures["mode"], meanGapMs?: number): Promise<BurstFigures> => {
      const sampler = new MemorySampler(() => server.pid);
      sampler.start();
      const log: Attempt[] = [];
      const cpuBefore = groupCpu(server.pid!);
      const clientBefore = process.cpuUsage();
      const started = performance.now();
      const deadline = started + opts.burstMs;
      const stop = () => performance.now() >= deadline;
      await runBurst({ all, learners: active, mix: opts.mix, stop, phase: () => mode, log, meanGapMs }, seq);
      const elapsed = performance.now() - started;
      const cpu = cpuDelta(cpuBefore, groupCpu(server.pid!));
      const client = process.cpuUsage(clientBefore);
      const clientMs = (client.user + client.system) / 1000;
      sampler.stop();
      attempts.push(...log);
      const acked = log.filter(isAcked);
      const f: BurstFigures = {
        mode,
        ...(meanGapMs ? { offeredPerSecond: (active.length * 1000) / meanGapMs } : {}),
        learners: active.length,
        durationMs: elapsed,
        submissions: log.length,
        acknowledged: acked.length,
        perSecond: acked.length / (elapsed / 1000),
        latency: latency(acked),
        byCategory: byCategory(acked),
        errors: errorCounts(log),
        wrongVerdicts: wrongVerdicts(log),
        peakRssBytes: sampler.peakBytes,
        peakProcesses: sampler.peakProcesses,
        cpuPerSubmission: perAck({ ...cpu, "load client": clientMs }, acked.length),
        cpuBusyShare: (cpu.server + cpu["grader workers"] + cpu.esbuild + clientMs) / elapsed / cpus,
      };
      opts.log(
        `  ${mode}${f.offeredPerSecond ? ` at ${f.offeredPerSecond.toFixed(0)}/s offered` : ""}: ${acked.length} acknowledged, ` +
          `${f.perSecond.toFixed(0)}/s, p50 ${f.latency.p50.toFixed(0)} ms, p95 ${f.latency.p95.toFixed(0)} ms`,
      );
      return f;
    };
    opts.log(`  burst: ${active.length} learners, ${opts.burstMs / 1000} s closed loop, then ${opts.burstMs / 1000} s paced…`);
    figures.saturation = await measure("closed loop");
    const pacedRate = opts.pacedRate ?? figures.saturation.perSecond / 2;
    if (pacedRate > 0) figures.paced = await measure("paced", (active.length * 1000) / pacedRate);
    figures.burstDb = checkDatabase(dbFile, attempts, userIds);
    opts.log(`  database: ${figures.burstDb.found}/${figures.burstDb.acknowledged} acknowledged submissions stored, lost ${figures.burstDb.lost}`);

    // ---- part 4: SIGKILL during a burst
    try {
      figures.fault = await fault(all, active, attempts, seq, server, env, dbFile, opts);
    } catch (e) {
      figures.faultError = (e as Error).message;
      opts.log(`  fault test failed: ${figures.faultError}`);
    }

    if (opts.profileDir) {
      // Profiling slows the server: it gets its own closed-loop burst after the measured ones,
      // in a fresh server ended gracefully (a SIGKILLed process writes no profile).
      await server.stop();
      server = new Server({ root: opts.root, entry, port, env, logFile: serverLog, nodeFlags: ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`] });
      const t1 = performance.now();
      server.start();
      await server.waitReady(t1);
      const deadline = performance.now() + Math.min(opts.burstMs, 10_000);
      opts.log(`  profiling the server over a ${Math.round((deadline - performance.now()) / 1000)} s closed-loop burst…`);
      await runBurst({ all, learners: active, mix: opts.mix, stop: () => performance.now() >= deadline, phase: () => "profile", log: [] }, seq);
      await server.stop();
    }
  } finally {
    for (const l of learners) l.close();
    await server.stop();
  }
  if (opts.profileDir) {
    figures.profile = opts.profileDir;
    const first = readdirSync(opts.profileDir).filter((f) => f.endsWith(".cpuprofile")).sort()[0];
    if (first) {
      const b = breakdown(path.join(opts.profileDir, first));
      figures.profileAreas = b.areas.filter(([a]) => a !== "(idle)");
      figures.profileFunctions = b.functions.filter(([f]) => !f.startsWith("(idle)"));
    }
  }
  return figures as HttpFigures;
}

async function fault(
  all: ExerciseSubmissions[],
  learners: Learner[],
  attempts: Attempt[],
  seq: Map<number, number>,
  server: Server,
  env: NodeJS.ProcessEnv,
  dbFile: string,
  opts: HttpOptions,
): Promise<FaultFigures> {
  opts.log(`  fault: burst, SIGKILL after ${opts.faultBeforeMs / 1000} s, restart, ${opts.faultAfterMs / 1000} s more…`);
  const log: Attempt[] = [];
  let phase = "before-kill";
  let stop = false;
  const out: Partial<FaultFigures> = {};
  const burst = runBurst({ all, learners, mix: opts.mix, stop: () => stop, phase: () => phase, log, retryPauseMs: 200 }, seq);
  const control = (async () => {
    await sleep(opts.faultBeforeMs);
    out.inFlightAtKill = log.filter((a) => a.ms === 0 && a.status === 0 && !a.noReply).length;
    phase = "down";
    const tKill = performance.now();
    await server.killHard();
    out.killMs = performance.now() - tKill;
    // What `npm start` does on every start: prepare the database, then serve.
    out.dbSetupMs = setupDatabase(opts.root, env);
    const t0 = performance.now();
    server.start();
    out.serverStartMs = await server.waitReady(t0);
    const ready = performance.now();
    phase = "after-restart";
    // Bounded: the first acknowledged submission after the restart, or give up after 30 s.
    while (!log.some((a) => a.phase === "after-restart" && isAcked(a)) && performance.now() - ready < 30_000) await sleep(5);
    const firstAck = log.find((a) => a.phase === "after-restart" && isAcked(a));
    out.firstGradeMs = firstAck ? firstAck.sentAt + firstAck.ms - ready : NaN;
    await sleep(opts.faultAfterMs);
  })();
  try {
    await control;
  } finally {
    stop = true;
    await burst;
  }
  attempts.push(...log);
  const userIds = learners.map((l) => l.userId!);
  return {
    beforeKill: log.filter((a) => a.phase === "before-kill" && isAcked(a)).length,
    inFlightAtKill: out.inFlightAtKill ?? 0,
    killMs: out.killMs ?? NaN,
    dbSetupMs: out.dbSetupMs ?? NaN,
    serverStartMs: out.serverStartMs ?? NaN,
    firstGradeMs: out.firstGradeMs ?? NaN,
    afterRestart: log.filter((a) => a.phase === "after-restart" && isAcked(a)).length,
    errors: errorCounts(log),
    db: checkDatabase(dbFile, attempts, userIds),
  };
}
