// Hostile submissions: each must end in a non-pass verdict within a few seconds, leave no file
// behind, leak no environment variable, and leave the pool able to grade the next submission.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LIMITS } from "../../grader/limits";
import type { GraderPool } from "../../grader/pool";
import type { ErrorKind, GradeResult } from "../../grader/types";
import { expectHealthy, fixture, FIXTURES, job, makePool, ROOT } from "./helpers";

const SECRET_NAME = "GRADER_TEST_SECRET";
const SECRET = `hostile-secret-${process.pid}-${Date.now()}`;

type Expect = { status: "fail" | "error"; kind?: ErrorKind };

/** Every file in tests/fixtures/hostile, with the verdict it must get. */
const EXPECTED: Record<string, Expect> = {
  "infinite-loop-top-level.ts": { status: "error", kind: "timeout" },
  "infinite-loop-in-function.ts": { status: "error", kind: "timeout" },
  "deep-recursion.ts": { status: "error", kind: "runtime" },
  "memory-bomb-arrays.ts": { status: "error", kind: "memory" },
  "memory-bomb-string.ts": { status: "error", kind: "memory" },
  "memory-bomb-buffers.ts": { status: "error", kind: "memory" },
  "huge-return-array.ts": { status: "error", kind: "output-limit" },
  "huge-array-fill.ts": { status: "error", kind: "memory" },
  "huge-array-from.ts": { status: "error", kind: "memory" },
  "huge-return-string.ts": { status: "error", kind: "output-limit" },
  "deeply-nested-return.ts": { status: "fail" },
  "process-env.ts": { status: "error", kind: "runtime" },
  "require-fs.ts": { status: "error", kind: "runtime" },
  "dynamic-import.ts": { status: "error", kind: "runtime" },
  "constructor-chain-escape.ts": { status: "error", kind: "runtime" },
  "this-constructor-escape.ts": { status: "error", kind: "runtime" },
  "global-scan.ts": { status: "fail" },
  "override-math-json.ts": { status: "fail" },
  "override-prototypes.ts": { status: "fail" },
  "proxy-return.ts": { status: "fail" },
  "getter-loop.ts": { status: "error", kind: "timeout" },
  "throw-trap.ts": { status: "error", kind: "timeout" },
  "never-settling-promise.ts": { status: "error", kind: "runtime" },
  "async-correct.ts": { status: "error", kind: "runtime" },
  "microtask-loop.ts": { status: "error", kind: "timeout" },
  "atomics-wait.ts": { status: "error", kind: "runtime" },
  "runaway-wasm.ts": { status: "error", kind: "timeout" },
  "catastrophic-regex.ts": { status: "error", kind: "timeout" },
  "console-flood.ts": { status: "error", kind: "output-limit" },
  "console-huge-messages.ts": { status: "error", kind: "output-limit" },
  "timers.ts": { status: "error", kind: "runtime" },
  "eval-loop.ts": { status: "error", kind: "timeout" },
  "proxy-export.ts": { status: "error", kind: "timeout" },
  "throw-huge.ts": { status: "error", kind: "memory" },
  "stack-trace-forgery.ts": { status: "error", kind: "runtime" },
  "exit-attempts.ts": { status: "fail" },
  "syntax-error.ts": { status: "error", kind: "compile" },
  "tojson-sabotage.ts": { status: "error", kind: "missing-export" },
};

/** Generated rather than stored: a 6 MB source file. */
const HUGE_SOURCE = `export function rnnStep(x: number[]): number[] {\n  return x;\n}\n${"// padding padding padding padding\n".repeat(180_000)}`;

let pool: GraderPool;
let tmp: string;
let before: { tmp: string[]; root: string[] };

function listings() {
  return { tmp: readdirSync(tmp).sort(), root: readdirSync(ROOT).sort() };
}

beforeAll(async () => {
  process.env[SECRET_NAME] = SECRET;
  // Workers inherit TMPDIR (and nothing secret): a private one shows any temp file they leave.
  tmp = mkdtempSync(path.join(os.tmpdir(), "grader-hostile-"));
  process.env.TMPDIR = tmp;
  pool = makePool({ size: 2 });
  await pool.start();
  await expectHealthy(pool);
  before = listings();
});

afterAll(async () => {
  await pool?.close();
  delete process.env[SECRET_NAME];
  rmSync(tmp, { recursive: true, force: true });
});

function expectNoLeak(r: GradeResult) {
  const text = JSON.stringify(r);
  expect(text).not.toContain(SECRET);
  expect(text).not.toContain(SECRET_NAME + "=");
}

describe("hostile submissions", () => {
  it("covers every fixture file and at least 25 attacks", () => {
    const files = readdirSync(path.join(FIXTURES, "hostile")).sort();
    expect(files).toEqual(Object.keys(EXPECTED).sort());
    expect(files.length + 1).toBeGreaterThanOrEqual(25);
  });

  describe.concurrent("each ends in its verdict, leaks nothing, and the pool carries on", () => {
    for (const [file, want] of Object.entries(EXPECTED)) {
      it(file, async () => {
        const r = await pool.grade(job(fixture("hostile", file), "submit"));
        expect(r.status, JSON.stringify(r.error ?? r.tests.find((t) => t.status !== "pass"))).toBe(want.status);
        if (want.kind) expect(r.error?.kind, r.error?.message).toBe(want.kind);
        if (r.status === "error") expect(r.error!.message.length).toBeGreaterThan(10);
        // CPU time its code used (what the limits judge, whatever the machine's load): at most
        // 0.5 s for the top level plus 3 s in all, and a stop may overrun by a moment.
        expect(r.timings.cpuMs ?? 0).toBeLessThan(DEFAULT_LIMITS.loadCpuMs + DEFAULT_LIMITS.totalCpuMs + 1_000);
        expectNoLeak(r);
        await expectHealthy(pool);
        // Wall time here is queueing behind ~40 concurrent jobs on 2 workers (some of which replace
        // their worker), not what any verdict depends on.
      }, 180_000);
    }

    it("huge source file (6 MB)", async () => {
      const r = await pool.grade(job(HUGE_SOURCE));
      expect(r.status).toBe("error");
      expect(r.error).toMatchObject({ kind: "compile" });
      expect(r.error!.message).toMatch(/limit/);
      await expectHealthy(pool);
    });
  });

  it("left no file behind in the temp dir or the project root", () => {
    const after = listings();
    expect(after.tmp).toEqual(before.tmp);
    // Only additions count: other tools may tidy the root while tests run.
    expect(after.root.filter((f) => !before.root.includes(f))).toEqual([]);
    expect(existsSync(path.join(ROOT, "hostile-was-here.txt"))).toBe(false);
  });

  it("gave workers no secret to leak: a submission cannot see host environment at all", async () => {
    const probe = `export function rnnStep(): any {
      const g: any = globalThis;
      return [typeof g.process, typeof g.require, typeof g.Buffer, typeof g.setTimeout, typeof g.fetch, Object.getOwnPropertyNames(g).filter((n) => /grader|log/i.test(n)).join()];
    }`;
    const r = await pool.grade(job(probe, "run"));
    expect(r.status).toBe("fail");
    expect(r.tests[0].actual).toEqual(["undefined", "undefined", "undefined", "undefined", "undefined", ""]);
  });

  it("never reports output of a flood beyond the kept 16 KB", async () => {
    const r = await pool.grade(job(fixture("hostile", "console-flood.ts"), "run"));
    expect(r.consoleTruncated).toBe(true);
    expect(r.console.length).toBeLessThanOrEqual(16 * 1024);
    expect(r.console).toMatch(/^flood line 0 x{100}\n/);
  });
});
