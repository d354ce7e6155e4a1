// Grades one job inside a grader worker, in phases: plan the cases with their expected values
// (./cases.ts, the reference run on the host), compile, load and call the learner's code in the
// sandbox, judge each outcome here on host-side copies of the data (comparison and the "inputs
// not modified" check), match known mistakes (./mistake-matching.ts), and bound the result.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { planCases, type Case } from "./cases";
import { compareValues, describeDifference, differencePath, EXACT, formatValue, type Tolerance } from "./compare";
import { describeExpectedError, errorMatches, isNotImplemented, type ThrownError, type ThrowsSpec } from "./expected-errors";
import { compileSubmission, exerciseModules, type ExerciseModules } from "./compile";
import { exercisesDir, loadExerciseFrom, type Exercise } from "./exercises";
import { SLUG_PATTERN } from "./exercise-schema";
import { loadServedExercise, snapshotsDir } from "./exercise-snapshots";
import { boundResult } from "./bounded-result";
import { categoryOfDifference, categoryOfError, hiddenRunError, hiddenTestResult } from "./hidden-feedback";
import { chooseHint } from "./hints";
import { explainingMistakes } from "./mistake-matching";
import { newSeed } from "./rng";
import { describeStepDifference, firstStepDifference, instanceName, throwsStepCategory } from "./scenarios";
import { effectiveLimits, type SandboxLimits } from "./limits";
import { Sandbox, stuckIsolate } from "./sandbox";
import type { GradeError, GradeJob, GradeResult, GradeTimings, TestResult } from "./types";
import { encodeWire } from "./wire";

export { randomCaseArgs } from "./cases";

/** The job names an exercise that does not exist. */
export class UnknownExerciseError extends Error {
  constructor(readonly slug: string) {
    super(`Unknown exercise "${slug}"`);
    this.name = "UnknownExerciseError";
  }
}

export interface GradeOptions {
  /** The pool's limits; the exercise's own (exercise.json `limits`) override them. */
  limits?: Partial<SandboxLimits>;
  /** Told the job's limits as soon as they are known (the worker sends the pool its backstop). */
  onLimits?: (limits: SandboxLimits) => void;
}

export async function gradeJob(job: GradeJob, options: GradeOptions = {}): Promise<GradeResult> {
  const started = performance.now();
  const ex = loadExerciseCached(job.slug);
  if (!ex) throw new UnknownExerciseError(job.slug);
  const seed = job.seed ?? newSeed();
  const limits = effectiveLimits(options.limits, ex.meta.limits);
  options.onLimits?.(limits);
  const timings: GradeTimings = { compileMs: 0, isolateMs: 0, runMs: 0, compareMs: 0 };

  let t = performance.now();
  const modules = await exerciseModules(ex);
  const cases = planCases(ex, modules, job.mode, seed);
  timings.compareMs += performance.now() - t;

  // Reported values are previews, whatever the code returned (grader/bounded-result.ts).
  const finish = (status: GradeResult["status"], tests: TestResult[], error?: GradeError, sandbox?: Sandbox): GradeResult => boundResult({
    exercise: ex.slug,
    mode: job.mode,
    status,
    ...(error ? { error } : {}),
    tests,
    passed: tests.filter((r) => r.status === "pass").length,
    total: tests.length,
    seed,
    console: sandbox?.console ?? "",
    consoleTruncated: sandbox?.consoleTruncated ?? false,
    durationMs: round(performance.now() - started),
    timings: {
      ...(sandbox ? { cpuMs: round(sandbox.cpuUsedMs) } : {}),
      compileMs: round(timings.compileMs),
      isolateMs: round(timings.isolateMs),
      runMs: round(timings.runMs),
      compareMs: round(timings.compareMs),
    },
  });

  t = performance.now();
  const compiled = await compileSubmission(job.code);
  timings.compileMs = performance.now() - t;
  if (!compiled.ok) {
    return finish("error", cases.map((c) => notRun(c, "your code did not compile.")), compiled.error);
  }

  t = performance.now();
  let sandbox: Sandbox;
  try {
    sandbox = takeSandbox(limits);
  } catch (e) {
    const error: GradeError = { kind: "crash", message: `Could not start the sandbox: ${(e as Error).message}` };
    return finish("error", cases.map((c) => notRun(c, "the sandbox did not start.")), error);
  }
  try {
    const classApi = ex.meta.class
      ? { methods: ex.meta.class.methods, className: ex.meta.export, instance: instanceName(ex.meta.export) }
      : ex.meta.module && { kind: "module" as const, methods: ex.meta.module.functions, className: ex.meta.export, instance: "" };
    const loadError = await sandbox.load(compiled.compiled, ex.meta.export, classApi || undefined, modules.callbacksJs);
    timings.isolateMs = performance.now() - t;
    if (loadError) {
      const why =
        loadError.kind !== "missing-export"
          ? "your file could not be loaded."
          : ex.meta.module
            ? "an export is missing."
            : `the export \`${ex.meta.export}\` is missing.`;
      return finish("error", cases.map((c) => notRun(c, why)), loadError, sandbox);
    }

    // Results are reported in plan order, but hidden cases run last: once their inputs are in the
    // isolate the code could keep them in a global and echo them from a later case, whose output,
    // exception and return value are shown. The sandbox withholds what follows a hidden call.
    const order = [...cases.keys()].sort((a, b) => Number(cases[a].kind === "hidden") - Number(cases[b].kind === "hidden"));
    const tests: TestResult[] = new Array(cases.length);
    const explained: string[][] = cases.map(() => []);
    let firstError: GradeError | undefined;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const c = cases[i];
      const printedBefore = sandbox.console.length;
      const call = await sandbox.call(encodeWire(c.args) as unknown[], { hidden: c.kind === "hidden" });
      timings.runMs += call.ms;
      // What this case printed, for grouping the console by test. Never for hidden cases: what
      // they print is withheld (the sandbox keeps one marker line instead).
      const printed = c.kind === "hidden" ? "" : sandbox.console.slice(printedBefore);
      const consoleOf = printed ? { console: printed } : {};
      // A stub's "not implemented" throw is an unfinished function, not a crash: the test fails
      // as "not implemented yet" (so a throwing stub is a valid starter), unless the case
      // expects exactly that message.
      if (!call.ok && call.thrown && isNotImplemented(call.thrown) && !(c.throws !== undefined && c.throws !== true && errorMatches(c.throws, call.thrown))) {
        tests[i] = c.kind === "hidden"
          ? hiddenTestResult(header(c), { status: "fail", category: "not-implemented" })
          : { ...header(c), status: "fail", message: notImplementedMessage(call.thrown), ...inputOf(c), ...consoleOf, durationMs: round(call.ms) };
        continue;
      }
      // A case that expects an error: returning fails it, a matching throw passes it. Any other
      // failure (too slow, out of memory...) is reported as on any case.
      if (c.throws !== undefined && (call.ok || call.thrown)) {
        const tc = performance.now();
        const { explainedBy, ...result } = judgeExpectedError(ex, modules, c, c.throws, call);
        timings.compareMs += performance.now() - tc;
        explained[i] = explainedBy;
        tests[i] = c.kind === "hidden" ? result : { ...result, ...consoleOf, durationMs: round(call.ms) };
        continue;
      }
      if (!call.ok) {
        if (c.kind === "hidden") {
          // A category only: no line, no exception text, no duration (grader/hidden-feedback.ts).
          firstError ??= hiddenRunError(call.error.kind, c.name);
          tests[i] = hiddenTestResult(header(c), { status: "error", category: categoryOfError(call.error.kind) });
        } else {
          firstError ??= { ...call.error, message: `Test "${c.name}": ${call.error.message}` };
          tests[i] = { ...header(c), status: "error", message: call.error.message, ...inputOf(c), ...consoleOf, durationMs: round(call.ms) };
        }
        if (call.fatal) {
          for (const j of order.slice(k + 1)) tests[j] = notRun(cases[j], `grading stopped after test "${c.name}".`);
          break;
        }
        continue;
      }
      const tc = performance.now();
      const { explainedBy, ...result } = judge(ex, modules, c, call.value, call.args);
      const compareMs = performance.now() - tc;
      timings.compareMs += compareMs;
      explained[i] = explainedBy;
      tests[i] = c.kind === "hidden" ? result : { ...result, ...consoleOf, durationMs: round(call.ms + compareMs) };
    }
    // One diagnosis for the whole submission (grader/hints.ts), marked on every test it explains.
    const hint = chooseHint(explained, ex.mistakes.map((m) => m.id));
    if (hint) {
      const text = ex.mistakes.find((m) => m.id === hint.id)!.hint;
      for (const t of hint.tests) tests[t] = { ...tests[t], hint: { id: hint.id, text } };
    }
    const status = firstError ? "error" : tests.every((r) => r.status === "pass") ? "pass" : "fail";
    return finish(status, tests, firstError, sandbox);
  } finally {
    retire(sandbox, limits);
  }
}

// A fresh isolate per submission, but made ahead of time: creating one is most of the cost of
// grading, and a worker is otherwise idle between jobs. A spare is used once, then replaced.
let spare: Sandbox | undefined;

/**
 * Disposes a used sandbox, then makes the next spare, after the worker has sent the result (the
 * caller's `.then` runs before any setImmediate): neither is on the learner's wait any more.
 * Nothing of the used isolate is reachable from the result, and it never runs code again. The
 * memory peak is unchanged: the pool sends a worker its next job only after this result, and
 * that message is read in a later poll phase than this check phase, so the used isolate is gone
 * before another exists (one isolate at a time, each under its own memory limit).
 */
function retire(used: Sandbox, limits: SandboxLimits): void {
  setImmediate(() => {
    used.dispose();
    if (!stuckIsolate()) makeSpare(limits);
  });
}

function takeSandbox(limits: SandboxLimits): Sandbox {
  const ready = spare;
  spare = undefined;
  if (ready && sameLimits(ready.limits, limits)) return ready;
  ready?.dispose();
  return new Sandbox(limits);
}

function sameLimits(a: SandboxLimits, b: SandboxLimits): boolean {
  return (Object.keys(a) as (keyof SandboxLimits)[]).every((k) => a[k] === b[k]);
}

function makeSpare(limits: SandboxLimits): void {
  if (spare) return;
  try {
    spare = new Sandbox(limits);
  } catch {
    // the next job makes its own and reports what went wrong
  }
}

// Parsing and validating a folder costs more than the rest of a small job; re-read it only
// when a file in it changed (size or modification time), or its snapshots did (a finished
// version check changes what is served), so edits still show up at once.
const exerciseCache = new Map<string, { stamp: string; ex: Exercise }>();

function loadExerciseCached(slug: string): Exercise | null {
  const dir = path.join(exercisesDir(), slug);
  const folder = folderStamp(dir);
  const stamp = folder === null ? null : `${folder}#${snapshotStamp(slug)}`;
  const hit = exerciseCache.get(dir);
  if (stamp !== null && hit?.stamp === stamp) return hit.ex;
  // A folder an edit broke, or whose edit has not passed its check, is graded on its last good
  // version (grader/exercise-snapshots.ts); a pool that checks folders grades them as they are.
  const ex = process.env.GRADE_FOLDER_AS_IS === "1" ? loadFolderAsIs(slug) : loadServedExercise(slug);
  if (ex && stamp !== null) exerciseCache.set(dir, { stamp, ex });
  return ex;
}

/** The folder on disk, whatever version is served; null when it is gone. */
function loadFolderAsIs(slug: string): Exercise | null {
  if (!SLUG_PATTERN.test(slug)) return null;
  const dir = path.join(exercisesDir(), slug);
  return existsSync(dir) ? loadExerciseFrom(dir, slug) : null;
}

/** The slug's snapshot entries (a <hash>.check.json appears when a check finishes) and its last-checked marker. */
function snapshotStamp(slug: string): string {
  const root = path.join(snapshotsDir(), slug);
  try {
    const names = readdirSync(root).filter((n) => !n.includes(".tmp-")).sort();
    const marker = names.includes("last-checked") ? readFileSync(path.join(root, "last-checked"), "utf8").trim() : "";
    return `${names.join(",")}@${marker}`;
  } catch {
    return "";
  }
}

function folderStamp(dir: string): string | null {
  try {
    const parts: string[] = [];
    for (const sub of [dir, path.join(dir, "mistakes")]) {
      if (!existsSync(sub)) continue;
      for (const name of readdirSync(sub).sort()) {
        const st = statSync(path.join(sub, name));
        parts.push(`${name}:${st.size}:${st.mtimeMs}`);
      }
    }
    return parts.join("|");
  } catch {
    return null;
  }
}

function notImplementedMessage(thrown: ThrownError): string {
  const text = thrown.message.length > 100 ? `${thrown.message.slice(0, 100)}…` : thrown.message;
  return `Not implemented yet: your function still throws its placeholder error (${JSON.stringify(text)}). Replace the throw with your implementation.`;
}

function header(c: Case): Pick<TestResult, "id" | "name" | "kind" | "hidden"> {
  return { ...(c.id ? { id: c.id } : {}), name: c.name, kind: c.kind, hidden: c.kind === "hidden" };
}

/** Inputs are shown for visible and random cases only. */
function inputOf(c: Case): Pick<TestResult, "input"> {
  return c.kind === "hidden" ? {} : { input: encodeWire(c.args) as unknown[] };
}

function notRun(c: Case, why: string): TestResult {
  if (c.kind === "hidden") return hiddenTestResult(header(c), { status: "error", category: "not-run" });
  return { ...header(c), status: "error", message: `Not run: ${why}`, durationMs: 0 };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

/** Compares one learner outcome with the expected value, and lists the known mistakes that explain it. */
function judge(
  ex: Exercise,
  modules: ExerciseModules,
  c: Case,
  value: unknown,
  argsAfter: unknown[],
): TestResult & { explainedBy: string[] } {
  const tol: Tolerance = c.tol;
  const reveal = c.kind !== "hidden";
  const diff = compareValues(value, c.expected, tol);
  const mutated = mutatedParams(ex, c.args, argsAfter);
  if (c.kind === "hidden") {
    if (!diff && mutated.length === 0) return { ...hiddenTestResult(header(c), { status: "pass" }), explainedBy: [] };
    // A scenario step that must throw fails as "no error" or "wrong error", like a case with throws.
    const stepDiff = c.steps && diff ? firstStepDifference(value, c.expected, tol) : null;
    const throwsCategory = stepDiff && c.steps ? throwsStepCategory(stepDiff, c.steps) : null;
    const category = throwsCategory ?? (diff ? categoryOfDifference(diff.kind) : "modified-input");
    return { ...hiddenTestResult(header(c), { status: "fail", category }), explainedBy: explainingMistakes(ex, modules, c, value, mutated) };
  }
  const base = {
    ...header(c),
    ...inputOf(c),
    ...(reveal ? { expected: encodeWire(c.expected), actual: encodeWire(value) } : {}),
  };
  if (!diff && mutated.length === 0) return { ...base, status: "pass", durationMs: 0, explainedBy: [] };
  const step = c.steps && diff ? firstStepDifference(value, c.expected, tol) : null;
  if (c.steps && step) {
    // A scenario says which step went wrong, with that step's expected and actual result.
    const { message, where } = describeStepDifference(step, c.steps, ex.meta.module ? null : ex.meta.export);
    const expectedStep = (c.expected as unknown[])[step.index];
    const actualStep = Array.isArray(value) ? value[step.index] : undefined;
    return {
      ...base,
      expected: encodeWire(expectedStep),
      actual: encodeWire(actualStep),
      status: "fail",
      message,
      where,
      durationMs: 0,
      explainedBy: explainingMistakes(ex, modules, c, value, mutated),
    };
  }

  const messages: string[] = [];
  if (diff) messages.push(describeDifference(diff, reveal));
  if (mutated.length) {
    const names = mutated.map((p) => `\`${p}\``).join(" and ");
    const what = `Your function modified its input ${names}: leave the arguments unchanged and return a new value.`;
    messages.push(diff ? `It also modified its input ${names}.` : what);
  }
  return {
    ...base,
    status: "fail",
    message: messages.join(" "),
    ...(diff ? { where: differencePath(diff, reveal) } : {}),
    durationMs: 0,
    explainedBy: explainingMistakes(ex, modules, c, value, mutated),
  };
}

/** Judges a case that expects the call to throw: by what the learner's function did instead. */
function judgeExpectedError(
  ex: Exercise,
  modules: ExerciseModules,
  c: Case,
  spec: ThrowsSpec,
  call: { ok: true; value: unknown; args: unknown[] } | { ok: false; thrown?: ThrownError },
): TestResult & { explainedBy: string[] } {
  const hidden = c.kind === "hidden";
  if (call.ok) {
    // A known mistake that also returns (say, no validation at all) explains it.
    const explainedBy = explainingMistakes(ex, modules, c, call.value, mutatedParams(ex, c.args, call.args));
    if (hidden) return { ...hiddenTestResult(header(c), { status: "fail", category: "no-error" }), explainedBy };
    return {
      ...header(c),
      ...inputOf(c),
      status: "fail",
      message: `Expected an error: your function returned ${formatValue(call.value)} where it must throw ${describeExpectedError(spec)}.`,
      actual: encodeWire(call.value),
      durationMs: 0,
      explainedBy,
    };
  }
  const thrown = call.thrown ?? { name: "", message: "" };
  if (errorMatches(spec, thrown)) {
    return { ...(hidden ? hiddenTestResult(header(c), { status: "pass" }) : { ...header(c), ...inputOf(c), status: "pass" as const, durationMs: 0 }), explainedBy: [] };
  }
  // The message is the learner's text, and on a hidden case it could carry the inputs.
  if (hidden) return { ...hiddenTestResult(header(c), { status: "fail", category: "wrong-error" }), explainedBy: [] };
  return {
    ...header(c),
    ...inputOf(c),
    status: "fail",
    message: `Threw the wrong error: expected ${describeExpectedError(spec)}, got ${JSON.stringify(formatThrownShort(thrown))}.`,
    durationMs: 0,
    explainedBy: [],
  };
}

function formatThrownShort(t: ThrownError): string {
  const text = t.name ? `${t.name}: ${t.message}` : t.message;
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

function mutatedParams(ex: Exercise, before: unknown[], after: unknown[]): string[] {
  const names: string[] = [];
  for (let i = 0; i < before.length; i++) {
    if (compareValues(after[i], before[i], EXACT) !== null) names.push(ex.meta.params[i] ?? `argument ${i + 1}`);
  }
  return names;
}

