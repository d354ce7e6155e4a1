// The background check that decides whether a new version of an exercise folder is served
// (issue 14: "an edit that exercises:check rejects is never served"). Loading a folder is not
// enough: the reference must still pass its tests, the starter must fail, every known mistake
// must still be caught, the worked examples must agree... So every version that loads is checked
// once (grader/check.ts, mutation analysis off: that one is for `npm run exercises:check`) and its
// outcome is kept next to its snapshot, as <snapshots>/<slug>/<hash>.check.json; the web server
// and the grader workers then serve the newest version that passed (grader/exercise-snapshots.ts).
//
// Where it runs: a short-lived child process (grader/version-check-cli.ts, niced below
// normal CPU priority) with its own one-worker grader pool, one process for every version waiting at
// that moment. Not in the web server: the check runs the author's reference on the host (data
// checks) and a reference that loops would freeze every request. Not as a job of the server's
// grader pool: the check grades a version that is not the served one, which the pool's workers
// cannot address by slug, and a check job would hold a worker for seconds. The child process is
// isolated (a hang or crash is killed by a timeout and only loses the check), needs no change to
// the pool's protocol, and costs one process start per batch of edits.
import { spawn } from "node:child_process";
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { bundleForNode } from "../scripts/bundle-entry.mjs";
import { SLUG_PATTERN } from "./exercise-schema";

/** What the check said about one version; stored as <snapshots>/<slug>/<hash>.check.json. */
export const VersionCheckSchema = z.object({
  hash: z.string(),
  ok: z.boolean(),
  /** The check's problems ("slug/file: problem"), as `npm run exercises:check` lists them. */
  problems: z.array(z.string()),
  checkedAt: z.string(),
  /** Wall-clock time of this version's check inside the child process. */
  durationMs: z.number(),
});
export type VersionCheck = z.infer<typeof VersionCheckSchema>;

/** What the child process prints, one JSON line per version. */
export const CheckLineSchema = z.object({ slug: z.string(), hash: z.string(), ok: z.boolean(), problems: z.array(z.string()), durationMs: z.number() });

/** A child process checking a batch of versions is killed after this long (the machine may be busy). */
export const VERSION_CHECK_TIMEOUT_MS = 10 * 60_000;

const HASH = /^[0-9a-f]{8,64}$/;

/** <snapshots>/<slug>/<hash>.check.json */
export function checkFile(snapshotRoot: string, slug: string, hash: string): string {
  return path.join(snapshotRoot, slug, `${hash}.check.json`);
}

/** The stored outcome of `hash`'s check, or null when it was never checked (or the file is damaged). */
export function readVersionCheck(snapshotRoot: string, slug: string, hash: string): VersionCheck | null {
  if (!SLUG_PATTERN.test(slug) || !HASH.test(hash)) return null;
  try {
    const parsed = VersionCheckSchema.safeParse(JSON.parse(readFileSync(checkFile(snapshotRoot, slug, hash), "utf8")));
    return parsed.success && parsed.data.hash === hash ? parsed.data : null;
  } catch {
    return null;
  }
}

function writeVersionCheck(snapshotRoot: string, slug: string, check: VersionCheck): void {
  const file = checkFile(snapshotRoot, slug, check.hash);
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, JSON.stringify(check, null, 2));
  renameSync(tmp, file);
}

interface Waiting {
  slug: string;
  hash: string;
  /** The snapshot folder of that version (what is checked: the folder on disk may change meanwhile). */
  folder: string;
  snapshotRoot: string;
  promise: Promise<VersionCheck | null>;
  resolve: (c: VersionCheck | null) => void;
}

interface CheckerState {
  /** slug@hash → the check in progress or waiting (deduplicates requests from every page load). */
  inFlight: Map<string, Waiting>;
  queue: Waiting[];
  running: boolean;
  /** Versions whose check could not run (crash, timeout): not retried until the server restarts. */
  gaveUp: Set<string>;
  /** Bumped whenever a check finishes: the catalogue's cache key includes it. */
  generation: number;
}

const GLOBAL_KEY = Symbol.for("rnn-grader.version-checks");
function state(): CheckerState {
  const g = globalThis as typeof globalThis & { [GLOBAL_KEY]?: CheckerState };
  g[GLOBAL_KEY] ??= { inFlight: new Map(), queue: [], running: false, gaveUp: new Set(), generation: 0 };
  return g[GLOBAL_KEY];
}

/** Changes whenever a background check of this process finishes. */
export function versionCheckGeneration(): number {
  return state().generation;
}

/**
 * Checks one version in the background (once: a stored outcome or a check in progress is
 * reused). `folder` is that version's snapshot. Resolves with the outcome, or null when the check
 * could not run at all (then nothing is stored and the version is not retried by this process).
 * Never rejects. Tests await it instead of sleeping.
 */
export function checkVersion(slug: string, hash: string, folder: string, snapshotRoot: string): Promise<VersionCheck | null> {
  const stored = readVersionCheck(snapshotRoot, slug, hash);
  if (stored) return Promise.resolve(stored);
  const s = state();
  const key = `${snapshotRoot}/${slug}@${hash}`;
  const existing = s.inFlight.get(key);
  if (existing) return existing.promise;
  if (s.gaveUp.has(key)) return Promise.resolve(null);
  let resolve!: (c: VersionCheck | null) => void;
  const promise = new Promise<VersionCheck | null>((r) => (resolve = r));
  const waiting: Waiting = { slug, hash, folder, snapshotRoot, promise, resolve };
  s.inFlight.set(key, waiting);
  s.queue.push(waiting);
  // Later in this tick: the catalogue asks for every unchecked folder at once, one child checks them all.
  setImmediate(runQueue);
  return promise;
}

/** The check of slug@hash in progress, or its stored outcome; null when neither exists. */
export function pendingVersionCheck(slug: string, hash: string, snapshotRoot: string): Promise<VersionCheck | null> | null {
  const stored = readVersionCheck(snapshotRoot, slug, hash);
  if (stored) return Promise.resolve(stored);
  return state().inFlight.get(`${snapshotRoot}/${slug}@${hash}`)?.promise ?? null;
}

/** Resolves once every check requested so far has finished (tests, and a clean shutdown). */
export async function versionChecksSettled(): Promise<void> {
  for (;;) {
    const all = [...state().inFlight.values()].map((w) => w.promise);
    if (all.length === 0) return;
    await Promise.all(all);
  }
}

async function runQueue(): Promise<void> {
  const s = state();
  if (s.running || s.queue.length === 0) return;
  s.running = true;
  const batch = s.queue.splice(0);
  try {
    const results = await runChild(batch);
    for (const w of batch) {
      const key = `${w.snapshotRoot}/${w.slug}@${w.hash}`;
      const line = results.get(`${w.slug}@${w.hash}`);
      let outcome: VersionCheck | null = null;
      if (line) {
        outcome = { hash: w.hash, ok: line.ok, problems: line.problems, checkedAt: new Date().toISOString(), durationMs: line.durationMs };
        try {
          writeVersionCheck(w.snapshotRoot, w.slug, outcome);
        } catch (e) {
          console.error(`could not store the check of ${w.slug}@${w.hash}: ${(e as Error).message}`);
        }
      } else {
        s.gaveUp.add(key);
      }
      s.inFlight.delete(key);
      s.generation++;
      w.resolve(outcome);
    }
  } finally {
    s.running = false;
    if (s.queue.length) setImmediate(runQueue);
  }
}

/** Runs the batch in a child process; the lines it printed, by slug@hash. */
async function runChild(batch: Waiting[]): Promise<Map<string, z.infer<typeof CheckLineSchema>>> {
  const out = new Map<string, z.infer<typeof CheckLineSchema>>();
  const root = path.resolve(process.env.GRADER_ROOT ?? process.cwd());
  let file: string;
  try {
    file = await bundleForNode(root, path.join("grader", "version-check-cli.ts"), "grader", "version-check");
  } catch (e) {
    console.error(`exercise version check: could not build it: ${(e as Error).message}`);
    return out;
  }
  const jobs = batch.map((w) => ({ slug: w.slug, hash: w.hash, folder: w.folder }));
  await new Promise<void>((resolve) => {
    const child = spawn(process.execPath, ["--no-node-snapshot", file], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", NODE_ENV: process.env.NODE_ENV ?? "production", ...(process.env.TMPDIR ? { TMPDIR: process.env.TMPDIR } : {}), GRADER_ROOT: root },
      // The IPC channel only tells the child when this process is gone (it then stops).
      stdio: ["pipe", "pipe", "pipe", "ipc"],
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), VERSION_CHECK_TIMEOUT_MS);
    let buffered = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const text = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        try {
          const line = CheckLineSchema.parse(JSON.parse(text));
          out.set(`${line.slug}@${line.hash}`, line);
        } catch {
          // not a result line
        }
      }
    });
    child.stderr!.setEncoding("utf8").on("data", (text: string) => process.stderr.write(text.replace(/^(?=.)/gm, "[exercise check] ")));
    child.on("error", () => undefined); // "close" follows
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (out.size < batch.length) console.error(`exercise version check: the check process ended (${signal ?? `exit ${code}`}) before checking every version`);
      resolve();
    });
    child.stdin!.end(JSON.stringify(jobs));
  });
  return out;
}
