// The command line, as a person or a CI script would run it.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FIXTURES, ROOT, SLUG } from "./helpers";
import { DEFAULT_LIMITS, jobBackstopMs } from "../../grader/limits";

let tmp: string;
let exercisesLink: string;

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "grader-cli-"));
  // A unique EXERCISES_DIR lets the test find any worker process this CLI left behind.
  exercisesLink = path.join(tmp, "exercises");
  symlinkSync(path.join(ROOT, "exercises"), exercisesLink);
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function runCli(script: "cli.ts" | "check-cli.ts", args: string[], env: Record<string, string> = {}): Promise<Run> {
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      path.join(ROOT, "node_modules", ".bin", "tsx"),
      [path.join(ROOT, "grader", script), ...args],
      { cwd: ROOT, env: { ...process.env, EXERCISES_DIR: exercisesLink, ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr, ms: performance.now() - started });
      },
    );
  });
}

const grade = (...args: string[]) => runCli("cli.ts", args);
const correct = path.join(FIXTURES, "submissions", "rnn-step-correct.ts");

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

function parentOf(pid: number): number {
  // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may contain spaces, so split after ")".
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
}

/** Processes whose environment names this test's exercises dir: workers left behind. */
function leftoverWorkers(): number[] {
  const found: number[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/environ`, "utf8").includes(`EXERCISES_DIR=${exercisesLink}`)) found.push(Number(pid));
    } catch {
      // gone, or not ours to read
    }
  }
  return found;
}

describe("grader workers", () => {
  it("exit when the process that started them is killed", async () => {
    const parent = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(FIXTURES, "pool-parent.ts")], {
      cwd: ROOT,
      env: { ...process.env, EXERCISES_DIR: exercisesLink },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await new Promise<void>((resolve) => parent.stdout!.on("data", (d: Buffer) => d.toString().includes("graded") && resolve()));
    const workers = leftoverWorkers().filter((pid) => cmdline(pid).includes("worker.cjs"));
    expect(workers).toHaveLength(2);
    // Kill the pool's own process (tsx runs the script in a child node), as a crash would:
    // SIGKILL leaves it no chance to close the pool.
    const poolProcess = parentOf(workers[0]);
    expect(poolProcess).not.toBe(parent.pid);
    process.kill(poolProcess, "SIGKILL");
    const deadline = Date.now() + 5000;
    while (leftoverWorkers().length > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(leftoverWorkers()).toEqual([]);
    parent.kill("SIGKILL");
  });
});

describe("npm run grade", () => {
  it("prints one JSON object and exits 0 on a pass", async () => {
    const r = await grade(SLUG, correct);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(["exercise", "status", "tests", "passed", "total", "seed", "durationMs"]);
    expect(out).toMatchObject({ exercise: SLUG, status: "pass" });
    expect(out.passed).toBe(out.total);
    expect(Object.keys(out.tests[0])).toEqual(["name", "status", "hidden"]);
    expect(out.tests.some((t: { hidden: boolean }) => t.hidden)).toBe(true);
    expect(leftoverWorkers()).toEqual([]);
  });

  it("exits 1 on a fail, with messages and hints, and --visible runs only the examples", async () => {
    const r = await grade(SLUG, path.join(ROOT, "exercises", SLUG, "mistakes", "no-tanh.ts"), "--visible");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out.status).toBe("fail");
    expect(out.tests).toHaveLength(2);
    expect(out.tests[0].message).toMatch(/Wrong value/);
    expect(out.tests[0].hint.id).toBe("no-tanh");
  });

  it("keeps the submission's printing inside the JSON, and --seed replays", async () => {
    const file = path.join(tmp, "noisy.ts");
    writeFileSync(file, `console.log("NOISE to stdout?");\nexport function rnnStep(x: number[]) { console.error("more noise"); return x; }\n`);
    const a = await grade(SLUG, file, "--seed", "7");
    const b = await grade(SLUG, file, "--seed=7");
    expect(a.code).toBe(1);
    const out = JSON.parse(a.stdout); // the whole of stdout is the JSON object
    expect(out.seed).toBe(7);
    expect(out.console).toMatch(/^NOISE to stdout\?\nmore noise\n/);
    expect(a.stderr).not.toMatch(/NOISE/);
    expect(JSON.parse(b.stdout).tests).toEqual(out.tests);
  }, 120_000);

  it("exits 1 with an error verdict for hostile code, ends by itself and leaves no process", async () => {
    const r = await grade(SLUG, path.join(FIXTURES, "hostile", "infinite-loop-in-function.ts"));
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ status: "error", error: { kind: "timeout" } });
    // Ends by itself: within the pool's wall-clock backstop at worst (plus starting the CLI), and
    // on any machine long before, once the loop has used its CPU time.
    expect(r.ms).toBeLessThan(jobBackstopMs({ ...DEFAULT_LIMITS }) + 30_000);
    expect(leftoverWorkers()).toEqual([]);
  }, 120_000);

  it("exits 2 with one line on stderr for usage errors", async () => {
    const unknown = await grade("99-no-such", correct);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe("");
    expect(unknown.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknown.stderr).toMatch(/unknown exercise "99-no-such".*01-rnn-step/);

    const missing = await grade(SLUG, path.join(tmp, "nope.ts"));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.ts/);

    for (const args of [[SLUG], [SLUG, correct, "--seed", "x"], [SLUG, correct, "--fast"]]) {
      const r = await grade(...args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(1);
    }
  });
});

describe("piped into a reader that stops early", () => {
  it("exercises:check ends quietly when its output is closed after the first line (as `| head -1` does)", async () => {
    const child = spawn(path.join(ROOT, "node_modules", ".bin", "tsx"), [path.join(ROOT, "grader", "check-cli.ts"), "--mutants=off"], {
      cwd: ROOT,
      env: { ...process.env, EXERCISES_DIR: exercisesLink },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    // Read the first line, then close the pipe like `head -1`.
    await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
    child.stdout.destroy();
    const code = await new Promise<number | null>((resolve) => child.once("exit", (c) => resolve(c)));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|at .*\.ts:\d+/);
    expect(code).toBe(0);
  }, 120_000);
});
