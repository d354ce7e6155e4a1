// The CPU probe: one `node --no-node-snapshot` process (bundled, npm packages left to Node's
// resolver) that measures, in CPU time, the secure floor of a Submit and what grading one costs
// in-process. The benchmark runs it under the project's Node.js and isolated-vm, and under
// Node 20 with isolated-vm 5 for comparison (bench/runtimes.ts). Prints one JSON object.
//   node --no-node-snapshot cpu-probe.cjs '<ProbeSpec as JSON>'
//
// The floor of a Submit, for one file: the fastest TypeScript transpiler measured here, one fresh
// isolate created with its context and the grader's harness and then disposed, and the reference
// implementation run on the same cases on the host. Anything a grader does beyond that is overhead.
import ivm from "isolated-vm";
import * as esbuild from "esbuild";
import { transform as sucrase } from "sucrase";
import { compileSubmission, exerciseModules, type CompileOutcome } from "../grader/compile";
import { loadExercise, type Exercise } from "../grader/exercises";
import { gradeJob, randomCaseArgs } from "../grader/grade";
import { Sandbox } from "../grader/sandbox";
import { encodeWire, wireClone } from "../grader/wire";
import { childPids, threadsCpuMs } from "./cpu";
import { median } from "./stats";

export interface ProbeSpec {
  slugs: string[];
  /** Measurements per exercise (transpiles per transpiler, gradings, step breakdowns). */
  reps: number;
  /** Seed of the random cases the reference runs on. */
  seed: number;
  /** Only grade (for a CPU profile of grading alone: node --cpu-prof). */
  gradeOnly?: boolean;
}

/** CPU ms by step of an in-process Submit (medians): where the time goes beyond the floor. */
export interface GradeSteps {
  compile: number;
  /** new Sandbox(): isolate, context, harness (part of the floor). */
  create: number;
  /** The learner's module top level, in the isolate. */
  load: number;
  /** Every case: arguments in, the learner's function, result and arguments out. */
  calls: number;
  dispose: number;
  /** gradeJob − the steps above: planning cases, expected values, comparing, the result. */
  rest: number;
}

export interface ProbeResult {
  node: string;
  isolatedVm: string;
  /** Median CPU ms to transpile each exercise's correct file, by transpiler. */
  transpile: { name: string; ms: Record<string, number>; error?: string }[];
  /** Median CPU ms: a bare isolate (create, context, one script, dispose); the grader's Sandbox (create with harness, dispose). */
  isolate: { bare: number; sandbox: number };
  /** Median CPU ms of the reference on every case of a Submit (visible, hidden, random), on the host. */
  reference: Record<string, number>;
  /** Median CPU ms of gradeJob on a correct submission, the next spare isolate included, and its steps. */
  grade: Record<string, { cpu: number; steps: GradeSteps }>;
}

type Transpiler = { name: string; run: (code: string) => unknown };

function transpilers(): Transpiler[] {
  const list: Transpiler[] = [
    // The same work for each: TypeScript to CommonJS, no source map, no type checking.
    { name: "esbuild transform (service)", run: (code) => esbuild.transform(code, { loader: "ts", format: "cjs", target: "es2022" }) },
    { name: "esbuild transformSync", run: (code) => esbuild.transformSync(code, { loader: "ts", format: "cjs", target: "es2022" }) },
    { name: "sucrase", run: (code) => sucrase(code, { transforms: ["typescript", "imports"] }) },
  ];
  try {
    // A devDependency, measured only: absent in a production install.
    const swc = require("@swc/core") as typeof import("@swc/core");
    list.push({
      name: "@swc/core transformSync",
      run: (code) => swc.transformSync(code, { jsc: { parser: { syntax: "typescript" }, target: "es2022" }, module: { type: "commonjs" }, swcrc: false }),
    });
  } catch {
    list.push({ name: "@swc/core transformSync", run: () => Promise.reject(new Error("@swc/core is not installed")) });
  }
  return list;
}

// ---- CPU of this process (every thread) plus its children (esbuild's service) ----------------

const hostMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let children: number[] = [];
const childrenMs = () => children.reduce((s, pid) => s + (threadsCpuMs(pid) || 0), 0);

/** CPU ms of one awaited operation: this process and its children; reading /proc is left out. */
async function cpuOf(op: () => unknown): Promise<number> {
  const c0 = childrenMs();
  const h0 = hostMs();
  await op();
  const h1 = hostMs();
  return h1 - h0 + (childrenMs() - c0);
}

/** The work a grader does after the result (dispose, next spare) runs in a setImmediate. */
const settle = () => new Promise<void>((resolve) => setImmediate(() => setImmediate(resolve)));

async function medianCpu(reps: number, op: (i: number) => unknown, warm = 30): Promise<number> {
  for (let i = 0; i < warm; i++) await op(-1 - i);
  // A warm-up may have started a service process (esbuild's transformSync runs its own).
  children = childPids(process.pid);
  const xs: number[] = [];
  for (let i = 0; i < reps; i++) xs.push(await cpuOf(() => op(i)));
  return median(xs);
}

/** Every case of a Submit with this seed: visible, hidden, then random. */
async function casesOf(ex: Exercise, seed: number): Promise<{ args: unknown[]; hidden: boolean }[]> {
  const modules = await exerciseModules(ex);
  return [
    ...ex.tests.visible.map((t) => ({ args: t.args, hidden: false })),
    ...ex.tests.hidden.map((t) => ({ args: t.args, hidden: true })),
    ...randomCaseArgs(ex, modules, seed).map((args) => ({ args, hidden: false })),
  ];
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? "") as ProbeSpec;
  const exercises = spec.slugs.map((slug) => {
    const ex = loadExercise(slug);
    if (!ex) throw new Error(`unknown exercise ${slug}`);
    return ex;
  });
  // esbuild's service starts on first use; its CPU is counted from then on.
  await esbuild.transform("let x: number = 1", { loader: "ts" });
  const unique = (code: string, i: number) => `${code}\n// probe ${i}\n`;
  if (spec.gradeOnly) {
    for (let i = 0; i < spec.reps; i++) {
      for (const ex of exercises) {
        await gradeJob({ slug: ex.slug, code: unique(ex.reference, i), mode: "submit" });
        await settle();
      }
    }
    return;
  }

  const transpile: ProbeResult["transpile"] = [];
  for (const t of transpilers()) {
    const ms: Record<string, number> = {};
    try {
      // Warmed on every file first: a JavaScript transpiler is only fast once the JIT has seen it work.
      for (let i = 0; i < 100; i++) await t.run(unique(exercises[i % exercises.length].reference, -i));
      for (const ex of exercises) ms[ex.slug] = await medianCpu(spec.reps, (i) => t.run(unique(ex.reference, i)));
      transpile.push({ name: t.name, ms });
    } catch (e) {
      transpile.push({ name: t.name, ms: {}, error: (e as Error).message });
    }
  }

  const isolate = {
    bare: await medianCpu(spec.reps, () => {
      const iso = new ivm.Isolate({ memoryLimit: 64 });
      const context = iso.createContextSync();
      iso.compileScriptSync("[1, 2, 3].map((x) => x * 2).length").runSync(context);
      iso.dispose();
    }),
    sandbox: await medianCpu(spec.reps, () => new Sandbox().dispose()),
  };

  const reference: Record<string, number> = {};
  const grade: ProbeResult["grade"] = {};
  for (const ex of exercises) {
    const modules = await exerciseModules(ex);
    const cases = await casesOf(ex, spec.seed);
    // Fresh copies made outside the measurement: only the calls count.
    const xs: number[] = [];
    for (let i = 0; i < spec.reps + 10; i++) {
      const copies = cases.map((c) => wireClone(c.args) as unknown[]);
      const ms = await cpuOf(() => {
        for (const args of copies) modules.reference(...args);
      });
      if (i >= 10) xs.push(ms);
    }
    reference[ex.slug] = median(xs);

    const cpu = await medianCpu(spec.reps, async (i) => {
      await gradeJob({ slug: ex.slug, code: unique(ex.reference, i), mode: "submit" });
      await settle();
    });
    const steps: Record<Exclude<keyof GradeSteps, "rest">, number[]> = { compile: [], create: [], load: [], calls: [], dispose: [] };
    const sums: number[] = [];
    const wire = cases.map((c) => ({ args: encodeWire(c.args) as unknown[], hidden: c.hidden }));
    for (let i = 0; i < spec.reps + 5; i++) {
      const outcome: { value?: CompileOutcome } = {};
      const compile = await cpuOf(async () => (outcome.value = await compileSubmission(unique(ex.reference, 1e6 + i))));
      if (!outcome.value?.ok) throw new Error(`${ex.slug}: the reference does not compile`);
      const compiled = outcome.value.compiled;
      let sandbox: Sandbox | undefined;
      const create = await cpuOf(() => (sandbox = new Sandbox()));
      const load = await cpuOf(() => sandbox!.load(compiled, ex.meta.export));
      const calls = await cpuOf(async () => {
        for (const c of wire) await sandbox!.call(c.args, { hidden: c.hidden });
      });
      const dispose = await cpuOf(() => sandbox!.dispose());
      if (i < 5) continue;
      steps.compile.push(compile);
      steps.create.push(create);
      steps.load.push(load);
      steps.calls.push(calls);
      steps.dispose.push(dispose);
      sums.push(compile + create + load + calls + dispose);
    }
    grade[ex.slug] = {
      cpu,
      steps: {
        compile: median(steps.compile),
        create: median(steps.create),
        load: median(steps.load),
        calls: median(steps.calls),
        dispose: median(steps.dispose),
        rest: cpu - median(sums),
      },
    };
  }

  const result: ProbeResult = { node: process.version, isolatedVm: isolatedVmVersion(), transpile, isolate, reference, grade };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function isolatedVmVersion(): string {
  try {
    return (require("isolated-vm/package.json") as { version: string }).version;
  } catch {
    return "unknown";
  }
}

main().then(
  // esbuild's service and the spare isolate would keep the process alive.
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`cpu-probe: ${e.stack ?? e.message}\n`);
    process.exit(2);
  },
);
