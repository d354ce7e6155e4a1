// Scenarios: test cases for exercises whose export is a class with state (an LSTM cell that
// keeps h and c across step() calls, say). A scenario is a list of steps on one instance:
// construct it, call methods (a call may have to throw), read properties. exercise.json's `class`
// names the methods the class must have; tests.json gives a case `steps` instead of `args`. An
// exercise with several exports (exercise.json `module`) uses the same machinery: each case is a
// scenario of calls to the exports by name (usually one, written as a case with `call`).
//
// For the rest of the grader a scenario is one call of a function whose single argument is the
// step list and whose value is the list of step results: the reference class (and each known
// mistake) runs through scenarioRunner() on the host, the learner's class through the isolate
// harness's own copy of the same loop (grader/harness/isolate-harness.ts), so expected values,
// mistake matching, hidden feedback, random cases and mutation analysis all apply unchanged.
// Each step's result is copied when the step returns: a method that returns its internal state
// array and updates it in place later still shows what it returned then.
import { z } from "zod";
import { compareValues, describeDifference, differencePath, formatValue, type Difference, type Tolerance } from "./compare";
import { describeExpectedError, errorMatches, formatThrown, thrownOf, throwsSchema } from "./expected-errors";
import { wireClone } from "./wire";

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
const identifier = z.string().regex(IDENTIFIER, "must be a JavaScript identifier");

/** exercise.json `class`: the export is a class with (at least) these methods. */
export const classApiSchema = z
  .object({
    /** Methods every instance must have (own, inherited or arrow-function fields). */
    methods: z.array(identifier).min(1),
  })
  .strict();

const stepExpected = {
  /** The step's expected result, checked against the reference by exercises:check (optional). */
  expected: z.unknown().optional(),
  /** `expected` is rounded to this many decimals (default: exact within the tolerance). */
  decimals: z.number().int().min(0).max(15).optional(),
};

/** One step of a scenario. The first step is always `new`, and only the first. */
export const stepSchema = z.union([
  z.object({ new: z.array(z.unknown()) }).strict(),
  z
    .object({
      call: identifier,
      args: z.array(z.unknown()).default([]),
      ...stepExpected,
      /** The call must throw (grader/expected-errors.ts); the scenario goes on after it. */
      throws: throwsSchema.optional(),
    })
    .strict(),
  z.object({ get: identifier, ...stepExpected }).strict(),
]);

/**
 * The result of a step that must throw, on both sides (host runners and the isolate harness): the
 * harness builds it, so returning a look-alike value cannot fake it.
 */
export const THREW_AS_EXPECTED = { threw: "matched" } as const;
export type ThrowsStepResult = typeof THREW_AS_EXPECTED | { threw: "other"; error: string } | { returned: unknown };

/** exercise.json `module`: the exercise has several exports, functions a case may call by name. */
export const moduleApiSchema = z
  .object({
    /** The exported functions the learner must provide (`export` is one of them). */
    functions: z.array(identifier).min(2, "list every exported function, at least two (one export needs no `module`)"),
  })
  .strict();

/**
 * What a scenario may contain depends on the exercise (a class: `new` first; several exports:
 * calls only), which the loader checks with scenarioShapeProblems().
 */
export const stepsSchema = z
  .array(stepSchema)
  .min(1)
  .superRefine((steps, ctx) => {
    steps.forEach((s, i) => {
      if (i > 0 && "new" in s) ctx.addIssue({ code: "custom", path: [i], message: "only the first step may be `new`" });
      if ("throws" in s && s.throws !== undefined && s.expected !== undefined) {
        ctx.addIssue({ code: "custom", path: [i, "expected"], message: "a step that throws has no expected value" });
      }
      if ("decimals" in s && s.decimals !== undefined && s.expected === undefined) {
        ctx.addIssue({ code: "custom", path: [i, "decimals"], message: "decimals needs an expected value" });
      }
    });
  });

export type ClassApi = z.infer<typeof classApiSchema>;
export type ModuleApi = z.infer<typeof moduleApiSchema>;

/** Problems of a scenario's shape for this exercise: a class scenario constructs first, a module one only calls. */
export function scenarioShapeProblems(meta: { class?: ClassApi; module?: ModuleApi }, steps: readonly Step[]): string[] {
  if (meta.class) {
    if (!("new" in steps[0])) return ['the first step constructs the instance: {"new": [arguments]}'];
    if (steps.length < 2) return ["a scenario constructs an instance and then uses it: at least 2 steps"];
    return [];
  }
  if (meta.module) {
    const problems: string[] = [];
    steps.forEach((s, i) => {
      if (!("call" in s)) problems.push(`step ${i + 1}: an exercise with several exports has no instance: only {"call": "function", "args": [...]} steps`);
      else if (!meta.module!.functions.includes(s.call)) problems.push(`step ${i + 1}: \`${s.call}\` is not in exercise.json module.functions`);
    });
    return problems;
  }
  return ["steps need a class exercise (exercise.json \"class\") or several exports (\"module\")"];
}
export type Step = z.infer<typeof stepSchema>;
export type NewStep = Extract<Step, { new: unknown[] }>;
export type CallStep = Extract<Step, { call: string }>;
export type GetStep = Extract<Step, { get: string }>;

/** True when some step of the scenario gives an expected value (a worked example must). */
export function stepsHaveExpected(steps: readonly Step[]): boolean {
  return steps.some((s) => "expected" in s && s.expected !== undefined);
}

/** The steps as the grader runs them: without the expected values, which only exercises:check reads. */
export function scenarioSteps(steps: readonly Step[]): Step[] {
  return steps.map((s) => {
    if ("new" in s) return s;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- dropped on purpose
    const { expected, decimals, ...rest } = s;
    return rest as Step;
  });
}

/** How the instance is called in messages: `LstmCell` → `lstmCell`. */
export function instanceName(className: string): string {
  return className.charAt(0).toLowerCase() + className.slice(1);
}

/**
 * A step as code, for messages: `new LstmCell(…)`, `lstmCell.step(…)`, `lstmCell.h`; for an
 * exercise with several exports (`className` null), the call itself: `countIf(…)`.
 */
export function describeStep(step: Step, className: string | null): string {
  if (className === null) return "call" in step ? `${step.call}(${step.args.length ? "…" : ""})` : "a step";
  const self = instanceName(className);
  if ("new" in step) return `new ${className}(${step.new.length ? "…" : ""})`;
  if ("call" in step) return `${self}.${step.call}(${step.args.length ? "…" : ""})`;
  return `${self}.${step.get}`;
}

/** Thrown on the host when a trusted class does not have the API exercise.json declares. */
export class ClassApiError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ClassApiError";
  }
}

/**
 * The host's scenario loop for a trusted class (reference, known mistake, starter): a function
 * from a step list to the list of step results (undefined for `new`). A step that throws throws
 * an Error naming the step.
 */
/** Declared with `class` (what the harness requires of a learner's export too). */
export function isClass(value: unknown): boolean {
  return typeof value === "function" && /^class\b/.test(Function.prototype.toString.call(value));
}

/** Turns a step's copied arguments into what the trusted code gets (callback references resolved). */
export type ArgsResolver = (args: unknown[]) => unknown[];
const asIs: ArgsResolver = (args) => args;

export function scenarioRunner(Class: unknown, api: ClassApi, className: string, resolve: ArgsResolver = asIs): (steps: unknown) => unknown[] {
  if (!isClass(Class)) {
    throw new ClassApiError(`must export a class named \`${className}\``);
  }
  const Ctor = Class as new (...args: unknown[]) => Record<string, unknown>;
  return (raw: unknown) => {
    const steps = raw as Step[];
    const results: unknown[] = [];
    let self: Record<string, unknown> | undefined;
    steps.forEach((step, k) => {
      const where = `step ${k + 1} (${describeStep(step, className)})`;
      try {
        if ("new" in step) {
          self = new Ctor(...resolve(wireClone(step.new)));
          const missing = api.methods.find((m) => typeof self![m] !== "function");
          if (missing) throw new ClassApiError(`the class has no method \`${missing}\``);
          results.push(undefined);
        } else if ("call" in step) {
          const method = self![step.call];
          if (typeof method !== "function") throw new ClassApiError(`the class has no method \`${step.call}\``);
          results.push(callStep(step, () => method.apply(self, resolve(wireClone(step.args)))));
        } else {
          results.push(wireClone(self![step.get]));
        }
      } catch (e) {
        const error = new Error(`${where}: ${(e as Error)?.message ?? String(e)}`);
        error.name = (e as Error)?.name ?? "Error";
        throw error;
      }
    });
    return results;
  };
}

/**
 * The host's loop for a trusted module with several exports: a function from a step list (calls
 * only) to the list of results.
 */
export function moduleRunner(exports: Record<string, unknown>, api: ModuleApi, resolve: ArgsResolver = asIs): (steps: unknown) => unknown[] {
  const missing = api.functions.find((f) => typeof exports[f] !== "function");
  if (missing) throw new ClassApiError(`must export a function named \`${missing}\``);
  return (raw: unknown) =>
    (raw as Step[]).map((step, k) => {
      if (!("call" in step)) throw new Error(`step ${k + 1}: only calls are possible on a module`);
      try {
        return callStep(step, () => (exports[step.call] as (...args: unknown[]) => unknown)(...resolve(wireClone(step.args))));
      } catch (e) {
        const error = new Error(`step ${k + 1} (${describeStep(step, null)}): ${(e as Error)?.message ?? String(e)}`);
        error.name = (e as Error)?.name ?? "Error";
        throw error;
      }
    });
}

/** One call step on the host: its result, or for a step that must throw, a ThrowsStepResult. */
function callStep(step: CallStep, run: () => unknown): unknown {
  if (step.throws === undefined) return wireClone(run());
  let value: unknown;
  try {
    value = run();
  } catch (e) {
    const thrown = thrownOf(e);
    return errorMatches(step.throws, thrown) ? { ...THREW_AS_EXPECTED } : { threw: "other", error: formatThrown(thrown).slice(0, 300) };
  }
  return { returned: wireClone(value) };
}

/** The first step whose result differs from the expected one. */
export interface StepDifference {
  index: number;
  diff: Difference;
  /** The learner's whole result of that step. */
  actualStep: unknown;
}

/** For a hidden case: the category of a failed step that must throw (null for other steps). */
export function throwsStepCategory(d: StepDifference, steps: readonly Step[]): "no-error" | "wrong-error" | null {
  const step = steps[d.index];
  if (!step || !("throws" in step) || step.throws === undefined) return null;
  const got = d.actualStep as Record<string, unknown> | undefined;
  return got && "returned" in got ? "no-error" : "wrong-error";
}

export function firstStepDifference(actual: unknown, expected: unknown, tol: Tolerance): StepDifference | null {
  const got = Array.isArray(actual) ? actual : [];
  const want = Array.isArray(expected) ? expected : [];
  for (let k = 0; k < want.length; k++) {
    const diff = compareValues(got[k], want[k], tol);
    if (diff) return { index: k, diff, actualStep: got[k] };
  }
  return null;
}

/** The message of a failed visible or random scenario: which step, what was expected, what came. */
export function describeStepDifference(d: StepDifference, steps: readonly Step[], className: string | null): { message: string; where: string } {
  const step = steps[d.index];
  const what = step ? describeStep(step, className) : "a step";
  const prefix = steps.length === 1 ? `\`${what}\`` : `Step ${d.index + 1} of ${steps.length}, \`${what}\``;
  if (step && "throws" in step && step.throws !== undefined) {
    // A step that must throw: what the learner's code did instead.
    const got = d.actualStep as Partial<{ threw: string; error: string; returned: unknown }> | undefined;
    const instead =
      got && "returned" in got
        ? `it returned ${formatValue(got.returned)}`
        : `it threw ${JSON.stringify(got?.error ?? "")}`;
    return { message: `${prefix}: expected ${describeExpectedError(step.throws)}, but ${instead}.`, where: steps.length === 1 ? "" : `step ${d.index + 1}` };
  }
  // describeDifference speaks of "your function" at the root: a step is a method call or a read.
  const text =
    d.diff.kind === "undefined" && !d.diff.path
      ? step && "get" in step
        ? "the property is undefined."
        : "returned undefined (did you forget to return?)."
      : describeDifference(d.diff, true);
  // A case that is one call of one of several exports names the call, not "step 1 of 1".
  if (steps.length === 1) return { message: `${prefix}: ${text}`, where: differencePath(d.diff, true) };
  return { message: `${prefix}: ${text}`, where: `step ${d.index + 1}${differencePath(d.diff, true)}` };
}
