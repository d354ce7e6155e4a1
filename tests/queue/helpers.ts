// For tests/queue: a private PostgreSQL database for the grading queue (dropped afterwards), and
// grader worker processes (`npm run worker`'s script) started and killed like real ones.
// PostgreSQL is 127.0.0.1:5432 with trust auth here and in CI; QUEUE_TEST_PG_URL points elsewhere.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import pg from "pg";

export const ADMIN_URL = process.env.QUEUE_TEST_PG_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

/** Whether PostgreSQL answers; the reason when it does not. */
export async function postgresReachable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return { ok: true };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** A new empty database; returns its URL and a function that drops it. */
export async function makeQueueDatabase(prefix = "h16q_queue_test"): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: ADMIN_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

const ROOT = path.resolve(__dirname, "..", "..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed. */
  output: () => string;
  /** Resolves once it says it takes jobs. */
  ready: Promise<void>;
  /** SIGKILL to it and its grader processes at once, as a machine crash would. */
  crash: () => void;
  /** SIGTERM, then the exit code. */
  stop: () => Promise<number | null>;
}

/** Starts scripts/grading-worker.ts in its own process group, with `env` on top of ours. */
export function startWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts", "grading-worker.ts")], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let text = "";
  let onText: () => void = () => undefined;
  const take = (chunk: Buffer) => {
    text += chunk.toString("utf8");
    onText();
  };
  child.stdout!.on("data", take);
  child.stderr!.on("data", take);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    onText = () => {
      if (/taking jobs/.test(text)) resolve();
    };
    exited.then((code) => reject(new Error(`worker exited (${code}) before taking jobs:\n${text}`)));
  });
  ready.catch(() => undefined);
  return {
    child,
    output: () => text,
    ready,
    crash: () => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        // already gone
      }
    },
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill("SIGTERM");
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, "SIGKILL");
        } catch {
          // gone
        }
      }, 30_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

/** Waits until `check` returns a value (not undefined), reading it every `everyMs`. */
export async function waitUntil<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 120_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
