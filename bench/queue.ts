// Part "queue": the durable grading queue (lib/grading-queue.ts) against the in-process pool, on
// this machine, with real processes: web fronts (bench/queue-front.ts: the Submit route's domain
// call behind a bare HTTP server) and grader workers (`npm run worker`'s script), each in its own
// process group; PostgreSQL at QUEUE_BENCH_PG_URL (default 127.0.0.1:5432, a database made for
// the run and dropped after it); the app's database a fresh SQLite file. Traffic: 127.0.0.1 only.
//
//   1. Throughput and CPU per Submit with 1, 2 and 4 worker processes (one grader process each):
//      learners each keep one Submit in flight for a fixed number of Submits.
//   2. Latency of one Submit at a time, through the queue (1 worker) and through the pool
//      (GRADER_WORKERS=1), as a ratio from this run.
//   3. Fault: two fronts and two workers under a burst; one worker is SIGKILLed (with its grader
//      process), then one front; learners of the dead front carry on at the other. Then every
//      acknowledged Submit must be stored with the verdict the learner saw, every job graded into
//      one stored result, and the queue must drain.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { cpuDelta, groupCpu, setupDatabase } from "./server";
import { median, percentile, sleep } from "./stats";
import { unique, type ExerciseSubmissions, type Submission } from "./submissions";

export interface QueueOptions {
  root: string;
  tmpDir: string;
  /** Learners of the throughput and fault runs. */
  learners: number;
  /** Submits per learner in each throughput run. */
  submitsPerLearner: number;
  /** Sequential Submits for each latency figure. */
  latencyRuns: number;
  workerCounts: number[];
  log: (line: string) => void;
}

export interface ThroughputRow {
  workers: number;
  submits: number;
  acknowledged: number;
  seconds: number;
  perSecond: number;
  /** CPU ms per acknowledged Submit: fronts, workers (queue processes + grader processes). */
  cpuFrontMs: number;
  cpuWorkersMs: number;
  p50Ms: number;
  p95Ms: number;
  wrongVerdicts: number;
  errors: Record<string, number>;
}

export interface QueueFaultFigures {
  submits: number;
  acknowledged: number;
  unanswered: number;
  /** Acknowledged but not stored, or stored with another verdict or score (must be 0). */
  lost: number;
  mismatched: number;
  /** Jobs whose stored result differs from their output, or with more than one row (must be 0). */
  gradedTwiceDifferently: number;
  jobs: number;
  retriedJobs: number;
  /** Jobs still not finished when the check gave up waiting (must be 0). */
  undrained: number;
  failedJobs: number;
  /** Stored Submits no acknowledgement accounts for (their front died before answering). */
  storedUnacknowledged: number;
  workerKilledAfterAcks: number;
  frontKilledAfterAcks: number;
  seconds: number;
  details: string[];
}

export interface QueueFigures {
  cores: number;
  throughput: ThroughputRow[];
  latency: { poolP50Ms: number; queueP50Ms: number; poolP95Ms: number; queueP95Ms: number; ratioP50: number; runs: number };
  fault?: QueueFaultFigures;
  faultError?: string;
}

const ADMIN_URL = process.env.QUEUE_BENCH_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

// ---- processes ---------------------------------------------------------------------------------

interface Proc {
  child: ChildProcess;
  pgid: number;
  text: () => string;
  /** Resolves with the first match of `pattern` in its output. */
  waitFor: (pattern: RegExp, timeoutMs: number) => Promise<RegExpMatchArray>;
  kill: (signal: NodeJS.Signals) => void;
  exited: Promise<void>;
}

const live = new Set<Proc>();
let exitHook = false;

function start(root: string, script: string, env: Record<string, string>): Proc {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, script)], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let out = "";
  const listeners = new Set<() => void>();
  const take = (c: Buffer) => {
    out = (out + c.toString("utf8")).slice(-20_000);
    for (const l of listeners) l();
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const proc: Proc = {
    child,
    pgid: child.pid!,
    text: () => out,
    waitFor: (pattern, timeoutMs) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`${script} did not print ${pattern} within ${timeoutMs} ms:\n${out.slice(-1500)}`));
        }, timeoutMs);
        listeners.add(check);
        exited.then(() => {
          listeners.delete(check);
          clearTimeout(timer);
          reject(new Error(`${script} exited:\n${out.slice(-1500)}`));
        });
        check();
      }),
    kill: (signal) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // gone
      }
    },
    exited,
  };
  live.add(proc);
  exited.then(() => live.delete(proc));
  if (!exitHook) {
    exitHook = true;
    process.on("exit", killQueueProcesses);
  }
  return proc;
}

async function stopAll(): Promise<void> {
  const all = [...live];
  for (const p of all) p.kill("SIGTERM");
  await Promise.race([Promise.all(all.map((p) => p.exited)), sleep(20_000)]);
  for (const p of all) p.kill("SIGKILL");
}

/** Every process group this part started, killed (synchronous, for exit handlers). */
export function killQueueProcesses(): void {
  for (const p of live) p.kill("SIGKILL");
}

// ---- HTTP to a front ---------------------------------------------------------------------------

const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });

function post(port: number, pathName: string, body: unknown, timeoutMs = 300_000): Promise<{ status: number; body: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const data = JSON.stringify(body);
    const req = http.request(
      { host: "127.0.0.1", port, path: pathName, method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(data) } },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString("utf8")));
        res.on("end", () => {
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) });
          } catch (e) {
            reject(e);
          }
        });
        res.on("error", reject);
      },
    );
    req.setTimeout(timeoutMs, () => req.destroy(new Error("timeout")));
    req.on("error", reject);
    req.end(data);
  });
}

interface Ack {
  userId: string;
  submissionId: string;
  verdict: string;
  passed: number;
  total: number;
}

interface SubmitRecord {
  ms: number;
  /** "ok", an error code, or "unanswered". */
  result: string;
  expected: string;
  ack?: Ack;
}

async function submit(port: number, userId: string, s: Submission, tag: string): Promise<SubmitRecord> {
  const t0 = performance.now();
  try {
    for (let tries = 0; ; tries++) {
      const r = await post(port, "/grade", { userId, slug: s.slug, mode: "submit", code: unique(s.code, tag) });
      // The per-learner rate limit is the front's, not what is measured: wait and send again.
      if (r.status === 429 && r.body.code === "rate-limited" && tries < 10) {
        await sleep(1000 * Number(r.body.retryAfterSeconds ?? 1));
        continue;
      }
      const ms = performance.now() - t0;
      if (r.status !== 200) return { ms, result: String(r.body.code ?? r.status), expected: s.expected };
      const ack: Ack = {
        userId,
        submissionId: String(r.body.submissionId),
        verdict: String(r.body.verdict),
        passed: Number(r.body.passed),
        total: Number(r.body.total),
      };
      return { ms, result: ack.verdict === s.expected ? "ok" : "wrong-verdict", expected: s.expected, ack };
    }
  } catch {
    return { ms: performance.now() - t0, result: "unanswered", expected: s.expected };
  }
}

/** Correct and wrong code, round-robin over the catalogue (no hostile code: a fixed CPU mix). */
function mix(all: ExerciseSubmissions[]): Submission[] {
  const out: Submission[] = [];
  for (const ex of all) out.push(ex.correct, ex.wrong[0]);
  return out;
}

// ---- the part ------------------------------------------------------------------------------------

export async function benchQueue(all: ExerciseSubmissions[], opts: QueueOptions): Promise<QueueFigures> {
  const { root, log } = opts;
  const admin = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 5000 });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`PostgreSQL is not reachable at ${ADMIN_URL} (${(e as Error).message}); the queue part needs it`);
  }
  const dbName = `rnn_bench_queue_${randomBytes(4).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${dbName}`);
  const queueUrl = new URL(ADMIN_URL);
  queueUrl.pathname = `/${dbName}`;
  const sqlite = path.join(opts.tmpDir, `queue-${dbName}.db`);
  const appEnv: Record<string, string> = { DATABASE_URL: `file:${sqlite}`, SEED_DEMO: "0", BETTER_AUTH_URL: "http://127.0.0.1", NODE_ENV: "production" };
  const queueEnv = { ...appEnv, GRADING_QUEUE_URL: queueUrl.toString(), GRADING_QUEUE_WAIT_SECONDS: "240" };
  const poolEnv = { ...appEnv, GRADING_QUEUE_URL: "", GRADER_WORKERS: "1" };
  const codes = mix(all);
  const cores = (await import("node:os")).availableParallelism();
  try {
    setupDatabase(root, { ...process.env, ...appEnv });

    const startFront = async (env: Record<string, string>) => {
      const p = start(root, "bench/queue-front.ts", env);
      const m = await p.waitFor(/front listening (\d+)/, 120_000);
      return { proc: p, port: Number(m[1]) };
    };
    const startWorker = async () => {
      const p = start(root, "scripts/grading-worker.ts", { ...queueEnv, GRADER_WORKERS: "1" });
      await p.waitFor(/taking jobs/, 120_000);
      return p;
    };
    const users = async (port: number, count: number) => ((await post(port, "/users", { count })).body.ids as string[]);

    // 2. Latency first, on an idle queue: one Submit at a time, a new learner each (no rate limit).
    log(`  latency: ${opts.latencyRuns} Submits one at a time, in-process pool vs queue + 1 worker…`);
    const sequential = async (port: number, label: string) => {
      const ids = await users(port, opts.latencyRuns + 2);
      // Two warm-up Submits: the grader's first compile, Prisma's first query.
      for (let i = 0; i < 2; i++) await submit(port, ids[i], codes[i % codes.length], `${label}-warm-${i}`);
      const ms: number[] = [];
      for (let i = 0; i < opts.latencyRuns; i++) {
        const r = await submit(port, ids[i + 2], codes[i % codes.length], `${label}-${i}`);
        if (r.result === "ok") ms.push(r.ms);
      }
      return ms;
    };
    const poolFront = await startFront(poolEnv);
    const poolMs = await sequential(poolFront.port, "pool");
    poolFront.proc.kill("SIGTERM");
    await Promise.race([poolFront.proc.exited, sleep(10_000)]);
    poolFront.proc.kill("SIGKILL");

    const front = await startFront(queueEnv);
    const workers: Proc[] = [await startWorker()];
    const queueMs = await sequential(front.port, "queue");
    const latency = {
      poolP50Ms: median(poolMs),
      queueP50Ms: median(queueMs),
      poolP95Ms: percentile(poolMs, 95),
      queueP95Ms: percentile(queueMs, 95),
      ratioP50: median(queueMs) / median(poolMs),
      runs: Math.min(poolMs.length, queueMs.length),
    };
    log(`    pool p50 ${latency.poolP50Ms.toFixed(0)} ms, queue p50 ${latency.queueP50Ms.toFixed(0)} ms (×${latency.ratioP50.toFixed(2)})`);

    // 1. Throughput with 1, 2, 4 workers.
    const throughput: ThroughputRow[] = [];
    for (const n of opts.workerCounts) {
      while (workers.length < n) workers.push(await startWorker());
      const ids = await users(front.port, opts.learners);
      const groups = () => [front.proc.pgid, ...workers.map((w) => w.pgid)];
      const before = groups().map((g) => groupCpu(g));
      const t0 = performance.now();
      const records: SubmitRecord[] = [];
      await Promise.all(
        ids.map(async (id, li) => {
          for (let k = 0; k < opts.submitsPerLearner; k++) {
            records.push(await submit(front.port, id, codes[(li + k) % codes.length], `tp${n}-${li}-${k}`));
          }
        }),
      );
      const seconds = (performance.now() - t0) / 1000;
      const after = groups().map((g) => groupCpu(g));
      const cpu = after.map((a, i) => Object.values(cpuDelta(before[i], a)).reduce((x, y) => x + y, 0));
      const acked = records.filter((r) => r.ack);
      const errors: Record<string, number> = {};
      for (const r of records) if (r.result !== "ok" && r.result !== "wrong-verdict") errors[r.result] = (errors[r.result] ?? 0) + 1;
      const okMs = records.filter((r) => r.result === "ok").map((r) => r.ms);
      const row: ThroughputRow = {
        workers: n,
        submits: records.length,
        acknowledged: acked.length,
        seconds,
        perSecond: acked.length / seconds,
        cpuFrontMs: cpu[0] / Math.max(1, acked.length),
        cpuWorkersMs: cpu.slice(1).reduce((x, y) => x + y, 0) / Math.max(1, acked.length),
        p50Ms: median(okMs),
        p95Ms: percentile(okMs, 95),
        wrongVerdicts: records.filter((r) => r.result === "wrong-verdict").length,
        errors,
      };
      throughput.push(row);
      log(`    ${n} worker(s): ${row.perSecond.toFixed(2)} Submits/s, CPU ${(row.cpuFrontMs + row.cpuWorkersMs).toFixed(0)} ms per Submit, p50 ${row.p50Ms.toFixed(0)} ms`);
    }

    // 3. Fault: two fronts, two workers; kill a worker, then a front, mid-burst.
    let fault: QueueFaultFigures | undefined;
    let faultError: string | undefined;
    try {
      while (workers.length > 2) {
        const w = workers.pop()!;
        w.kill("SIGTERM");
        await Promise.race([w.exited, sleep(20_000)]);
      }
      const loop = all[0].hostile.find((h) => h.variant === "loop-call")!;
      fault = await faultRun({ ...opts, codes, loop, front, startFront: () => startFront(queueEnv), workers, users, queueUrl: queueUrl.toString(), sqlite });
    } catch (e) {
      faultError = (e as Error).message;
    }
    return { cores, throughput, latency, fault, faultError };
  } finally {
    await stopAll();
    await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
}

async function faultRun(o: QueueOptions & {
  codes: Submission[];
  loop: Submission;
  front: { proc: Proc; port: number };
  startFront: () => Promise<{ proc: Proc; port: number }>;
  workers: Proc[];
  users: (port: number, count: number) => Promise<string[]>;
  queueUrl: string;
  sqlite: string;
}): Promise<QueueFaultFigures> {
  const { log } = o;
  const frontB = await o.startFront();
  const fronts = [o.front, frontB];
  const ids = await o.users(o.front.port, o.learners);
  const perLearner = o.submitsPerLearner;
  const total = ids.length * perLearner;
  const killWorkerAt = Math.floor(total / 3);
  const killFrontAt = Math.floor((2 * total) / 3);
  log(`  fault: ${ids.length} learners × ${perLearner} Submits (a third of them endless loops) over 2 fronts and 2 workers; SIGKILL a busy worker after ${killWorkerAt} answers, a front after ${killFrontAt}…`);
  const records: SubmitRecord[] = [];
  let answered = 0;
  let workerKilled = -1;
  let frontKilled = -1;
  const frontDead = new Set<number>();
  const t0 = performance.now();
  const pgc = new pg.Client({ connectionString: o.queueUrl });
  await pgc.connect();
  // The worker is killed while it holds a job: both workers busy (an endless loop holds one for
  // its second of CPU time), or after 10 s of waiting for that.
  const killBusyWorker = async () => {
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const { rows } = await pgc.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'grading' AND state = 'active'`);
      if (Number(rows[0].n) >= 2) break;
      await sleep(20);
    }
    o.workers[0].kill("SIGKILL");
  };
  const onAnswer = () => {
    answered++;
    if (workerKilled < 0 && answered >= killWorkerAt) {
      workerKilled = answered;
      void killBusyWorker();
    } else if (frontKilled < 0 && answered >= killFrontAt) {
      frontKilled = answered;
      frontDead.add(0);
      fronts[0].proc.kill("SIGKILL");
    }
  };
  await Promise.all(
    ids.map(async (id, li) => {
      for (let k = 0; k < perLearner; k++) {
        // Half the learners start on the front that will die; after it does, they use the other
        // (a load balancer's job): their unanswered Submit there is not acknowledged.
        const at = li % 2 === 0 && !frontDead.has(0) ? 0 : 1;
        // Every third Submit spins until its CPU time runs out: workers are busy when one dies.
        const code = k % 3 === 1 ? o.loop : o.codes[(li + k) % o.codes.length];
        const r = await submit(fronts[at].port, id, code, `fault-${li}-${k}`);
        records.push(r);
        onAnswer();
      }
    }),
  );
  // Let the queue drain: the killed worker's job waits out its heartbeat, then is taken again.
  let undrained = 0;
  const deadline = Date.now() + 180_000;
  for (;;) {
    const { rows } = await pgc.query<{ n: string }>(`SELECT count(*) AS n FROM pgboss.job WHERE name = 'grading' AND state < 'completed'`);
    undrained = Number(rows[0].n);
    if (undrained === 0 || Date.now() > deadline) break;
    await sleep(500);
  }
  const seconds = (performance.now() - t0) / 1000;
  const { rows: jobs } = await pgc.query<{ id: string; state: string; retry_count: number; output: { submission?: { id: string; verdict: string; passed: number } } | null; data: { actor?: { id: string } } }>(
    `SELECT id, state, retry_count, output, data FROM pgboss.job WHERE name = 'grading'`,
  );
  await pgc.end();

  const db = new Database(o.sqlite, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  const details: string[] = [];
  const byId = new Map<string, { id: string; verdict: string; passed: number; total: number }>();
  const users = JSON.stringify(ids);
  for (const row of db
    .prepare(`SELECT id, verdict, passed, total FROM "Submission" WHERE userId IN (SELECT value FROM json_each(?))`)
    .all(users) as { id: string; verdict: string; passed: number; total: number }[]) {
    byId.set(row.id, row);
  }
  db.close();
  const acks = records.flatMap((r) => (r.ack ? [r.ack] : []));
  let lost = 0;
  let mismatched = 0;
  for (const a of acks) {
    const row = byId.get(a.submissionId);
    if (!row) {
      lost++;
      details.push(`acknowledged ${a.submissionId} not stored`);
    } else if (row.verdict !== a.verdict || row.passed !== a.passed) {
      mismatched++;
      details.push(`${a.submissionId}: learner saw ${a.verdict} ${a.passed}, stored ${row.verdict} ${row.passed}`);
    }
  }
  const faultUsers = new Set(ids);
  let gradedTwiceDifferently = 0;
  let faultJobs = 0;
  let retried = 0;
  let failed = 0;
  for (const j of jobs) {
    if (!j.data.actor || !faultUsers.has(j.data.actor.id)) continue;
    faultJobs++;
    if (j.retry_count > 0) retried++;
    if (j.state === "failed") failed++;
    const out = j.output?.submission;
    if (j.state !== "completed" || !out) continue;
    const row = byId.get(j.id);
    // One row per job: the stored one's id is the job's, and it matches what the job answered.
    if (out.id !== j.id || !row || row.verdict !== out.verdict || row.passed !== out.passed) {
      gradedTwiceDifferently++;
      details.push(`job ${j.id}: output ${JSON.stringify(out)}, stored ${JSON.stringify(row ?? null)}`);
    }
  }
  const ackedIds = new Set(acks.map((a) => a.submissionId));
  const figures: QueueFaultFigures = {
    submits: records.length,
    acknowledged: acks.length,
    unanswered: records.filter((r) => r.result === "unanswered").length,
    lost,
    mismatched,
    gradedTwiceDifferently,
    jobs: faultJobs,
    retriedJobs: retried,
    undrained,
    failedJobs: failed,
    storedUnacknowledged: [...byId.keys()].filter((id) => !ackedIds.has(id)).length,
    workerKilledAfterAcks: workerKilled,
    frontKilledAfterAcks: frontKilled,
    seconds,
    details: details.slice(0, 20),
  };
  log(
    `    ${figures.acknowledged}/${figures.submits} acknowledged, ${figures.unanswered} unanswered; lost ${lost}, mismatched ${mismatched}, ` +
      `graded twice differently ${gradedTwiceDifferently}; ${retried} jobs retried, ${undrained} undrained, ${failed} failed`,
  );
  return figures;
}

// ---- report --------------------------------------------------------------------------------------

type QueueSection = { title: string; intro?: string; table?: { header: string[]; rows: string[][] }; notes: string[] };

const whole = (x: number) => (Number.isFinite(x) ? String(Math.round(x)) : "—");
const two = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : "—");

export function queueSections(q: QueueFigures | undefined, error?: string): QueueSection[] {
  const title = "7. Durable grading queue (pg-boss on PostgreSQL) against the in-process pool";
  if (!q) return [{ title, notes: [`Not measured: ${error ?? "unknown error"}`] }];
  const base = q.throughput[0];
  const sections: QueueSection[] = [
    {
      title,
      intro:
        `Web fronts run the Submit route's domain call (lib/grading.ts) behind a bare HTTP server (bench/queue-front.ts, no Next.js); ` +
        `each worker is \`npm run worker\` with one grader process (GRADER_WORKERS=1); the app's database is SQLite, the queue PostgreSQL 15 on this machine ` +
        `(${q.cores} cores, shared). Learners each keep one Submit in flight (correct and wrong code over the catalogue). CPU per Submit is the fronts' ` +
        `and the workers' process groups (grader processes included), not PostgreSQL's own.`,
      table: {
        header: ["workers", "Submits", "acknowledged", "Submits/s", "× 1 worker", "CPU ms/Submit (front + workers)", "p50 ms", "p95 ms", "wrong verdicts", "errors"],
        rows: q.throughput.map((t) => [
          String(t.workers),
          String(t.submits),
          String(t.acknowledged),
          two(t.perSecond),
          two(t.perSecond / base.perSecond),
          `${whole(t.cpuFrontMs + t.cpuWorkersMs)} (${whole(t.cpuFrontMs)} + ${whole(t.cpuWorkersMs)})`,
          whole(t.p50Ms),
          whole(t.p95Ms),
          String(t.wrongVerdicts),
          Object.entries(t.errors).map(([k, v]) => `${k} ${v}`).join(", ") || "0",
        ]),
      },
      notes: [
        `Latency of one Submit at a time (${q.latency.runs} each, a new learner each): in-process pool p50 ${whole(q.latency.poolP50Ms)} ms (p95 ${whole(q.latency.poolP95Ms)}), ` +
          `through the queue with 1 worker p50 ${whole(q.latency.queueP50Ms)} ms (p95 ${whole(q.latency.queueP95Ms)}): **queue ÷ pool = ${two(q.latency.ratioP50)}** at the median.`,
        "Workers scale with free cores: past the machine's cores more workers add waiting, not throughput.",
      ],
    },
  ];
  const f = q.fault;
  sections.push(
    f
      ? {
          title: "7b. Queue fault run: a worker, then a web front, SIGKILLed mid-burst",
          table: {
            header: ["Submits", "acknowledged", "unanswered", "lost", "stored ≠ shown", "jobs", "retried jobs", "graded twice into different results", "undrained", "failed jobs", "stored, never acknowledged"],
            rows: [
              [f.submits, f.acknowledged, f.unanswered, f.lost, f.mismatched, f.jobs, f.retriedJobs, f.gradedTwiceDifferently, f.undrained, f.failedJobs, f.storedUnacknowledged].map(String),
            ],
          },
          notes: [
            `Two fronts and two workers; every third Submit an endless loop (its verdict: timeout). The first worker's process group (with its grader process) was killed after ${f.workerKilledAfterAcks} answers, once both workers held a job; the first front's after ${f.frontKilledAfterAcks}; its learners carried on at the other front. ${f.seconds.toFixed(0)} s including the drain (a killed worker's job waits out its 10 s heartbeat).`,
            `Nothing acknowledged lost: **${f.lost === 0 && f.mismatched === 0 ? "met" : "missed"}**. Nothing graded twice into different results: **${f.gradedTwiceDifferently === 0 ? "met" : "missed"}**. Queue drained: **${f.undrained === 0 ? "met" : "missed"}**.`,
            "Unanswered = requests in flight at the dead front; their jobs were still graded and stored (stored, never acknowledged), which is what a learner finds in their history.",
            ...f.details.map((d) => `detail: ${d}`),
          ],
        }
      : { title: "7b. Queue fault run", notes: [`Not measured: ${q.faultError ?? "unknown error"}`] },
  );
  return sections;
}
