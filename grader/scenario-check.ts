// exercises:check for class exercises (grader/scenarios.ts): the signature is a class declaration
// that agrees with exercise.json (export, constructor parameters, methods); every scenario's step
// arguments have the declared parameter types; the reference runs every scenario (fixed and
// random) without throwing, and its step results have the declared return types and equal the
// expected values a step gives; the worked example's expected values appear in statement.md.
import ts from "typescript";
import { compareValues, describeDifference, formatValue } from "./compare";
import { describeExpectedError } from "./expected-errors";
import type { ExerciseModules } from "./compile";
import type { ExerciseMeta } from "./exercise-schema";
import type { Exercise } from "./exercises";
import { randomCaseArgs } from "./cases";
import { isCallbackRef } from "./callbacks";
import { describeStep, scenarioSteps, type Step } from "./scenarios";
import { typeMismatch, valueType, type ValueType } from "./test-data";
import { decodeWire, wireClone } from "./wire";
import { exampleTolerance, formatShown, numbersIn, showsNumber } from "./worked-examples";

interface Method {
  /** `callback`: a function type, given in test data as {"$fn": "name"} (grader/callbacks.ts). */
  params: { name: string; type: ValueType; optional: boolean; callback: boolean }[];
  /** "void": the method returns nothing worth checking. */
  returns: ValueType | "void";
}

export interface ClassSignature {
  /** The class's name; null for an exercise with several exported functions (`methods` are those). */
  name: string | null;
  constructor: Method;
  methods: Map<string, Method>;
  properties: Map<string, ValueType>;
}

const UNKNOWN: ValueType = { kind: "unknown" };

/** Parses `export class C { constructor(…); m(…): R; p: T; }`; throws an Error saying what is wrong. */
export function parseClassSignature(signature: string): ClassSignature {
  const sf = ts.createSourceFile("signature.ts", signature, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const [decl, ...rest] = sf.statements;
  if (!decl || rest.length || !ts.isClassDeclaration(decl) || !decl.name) {
    throw new Error("must be one class declaration, like `export class Counter { constructor(start: number); add(n: number): number; }`");
  }
  const params = paramsOf(sf);
  const out: ClassSignature = { name: decl.name.text, constructor: { params: [], returns: UNKNOWN }, methods: new Map(), properties: new Map() };
  for (const m of decl.members) {
    if (ts.isConstructorDeclaration(m)) out.constructor = { params: params(m.parameters), returns: UNKNOWN };
    else if (ts.isMethodDeclaration(m) && ts.isIdentifier(m.name)) {
      const returns = !m.type ? UNKNOWN : m.type.kind === ts.SyntaxKind.VoidKeyword ? "void" : valueType(m.type, sf);
      out.methods.set(m.name.text, { params: params(m.parameters), returns });
    } else if ((ts.isPropertyDeclaration(m) || ts.isGetAccessorDeclaration(m)) && ts.isIdentifier(m.name)) {
      out.properties.set(m.name.text, m.type ? valueType(m.type, sf) : UNKNOWN);
    }
  }
  return out;
}

function paramsOf(sf: ts.SourceFile) {
  return (list: ts.NodeArray<ts.ParameterDeclaration>) =>
    list.map((p) => {
      if (!ts.isIdentifier(p.name)) throw new Error("parameters must be plain names (no destructuring)");
      const callback = !!p.type && ts.isFunctionTypeNode(p.type);
      const type = p.type && !callback ? valueType(p.type, sf) : UNKNOWN;
      return { name: p.name.text, type, optional: !!p.questionToken || !!p.initializer, callback };
    });
}

/** Parses several `export function f(…): R;` declarations (an exercise with several exports). */
export function parseModuleSignature(signature: string): ClassSignature {
  const sf = ts.createSourceFile("signature.ts", signature, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const params = paramsOf(sf);
  const out: ClassSignature = { name: null, constructor: { params: [], returns: UNKNOWN }, methods: new Map(), properties: new Map() };
  for (const st of sf.statements) {
    if (!ts.isFunctionDeclaration(st) || !st.name) {
      throw new Error("must be function declarations, one per export, like `export function f(x: number): number;`");
    }
    const returns = !st.type ? UNKNOWN : st.type.kind === ts.SyntaxKind.VoidKeyword ? "void" : valueType(st.type, sf);
    out.methods.set(st.name.text, { params: params(st.parameters), returns });
  }
  return out;
}

/** exercise.json problems of an exercise with several exports; the parsed signature when it parses. */
export function checkModuleMeta(meta: ExerciseMeta): { signature?: ClassSignature; problems: string[] } {
  let sig: ClassSignature;
  try {
    sig = parseModuleSignature(meta.signature);
  } catch (e) {
    return { problems: [`signature: ${(e as Error).message}`] };
  }
  const problems: string[] = [];
  const declared = [...sig.methods.keys()];
  const listed = meta.module?.functions ?? [];
  for (const f of listed) if (!sig.methods.has(f)) problems.push(`module.functions: \`${f}\` is not declared in the signature`);
  for (const f of declared) if (!listed.includes(f)) problems.push(`signature: declares \`${f}\`, which module.functions does not list`);
  return { signature: sig, problems };
}

/** exercise.json problems of a class exercise; the parsed signature when it parses. */
export function checkClassMeta(meta: ExerciseMeta): { signature?: ClassSignature; problems: string[] } {
  let sig: ClassSignature;
  try {
    sig = parseClassSignature(meta.signature);
  } catch (e) {
    return { problems: [`signature: ${(e as Error).message}`] };
  }
  const problems: string[] = [];
  if (sig.name !== meta.export) problems.push(`signature: declares \`${sig.name}\` but export is \`${meta.export}\``);
  const names = sig.constructor.params.map((p) => p.name);
  if (names.join(",") !== meta.params.join(",")) {
    problems.push(`params: [${meta.params.join(", ")}] do not match the constructor's parameters (${names.join(", ")})`);
  }
  for (const m of meta.class?.methods ?? []) {
    if (!sig.methods.has(m)) problems.push(`class.methods: \`${m}\` is not a method of the signature's class`);
  }
  return { signature: sig, problems };
}

/** Problems of one scenario's steps against the class signature (before anything runs). */
function stepProblems(sig: ClassSignature, steps: readonly Step[], callbacks: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  steps.forEach((step, k) => {
    const where = `step ${k + 1} (${describeStep(step, sig.name)})`;
    if ("get" in step) {
      if (!sig.properties.has(step.get)) problems.push(`${where}: the signature's class declares no property \`${step.get}\``);
      return;
    }
    const method = "new" in step ? sig.constructor : sig.methods.get(step.call);
    if (!method) {
      problems.push(`${where}: the signature's class declares no method \`${(step as { call: string }).call}\``);
      return;
    }
    const args = "new" in step ? step.new : step.args;
    const required = method.params.filter((p) => !p.optional).length;
    if (args.length < required || args.length > method.params.length) {
      problems.push(`${where}: has ${args.length} arguments; the signature has ${method.params.length}`);
      return;
    }
    args.forEach((a, i) => {
      const param = method.params[i];
      if (param.callback) {
        if (!isCallbackRef(a)) problems.push(`${where}: ${param.name} is a function: write {"$fn": "name"} for a function of callbacks.ts`);
        else if (!callbacks.has(a.$fn)) problems.push(`${where}: ${param.name}: callbacks.ts exports no function \`${a.$fn}\``);
        return;
      }
      const m = typeMismatch(decodeWire(a), param.type, param.name);
      if (m) problems.push(`${where}: ${m}`);
    });
  });
  return problems;
}

/** Runs the reference on a scenario step by step: the results, or the step that threw and why. */
function referenceSteps(modules: ExerciseModules, steps: readonly Step[]): { results: unknown[] } | { error: string } {
  try {
    return { results: modules.reference(wireClone(scenarioSteps(steps))) as unknown[] };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Problems of the reference's step results: return types, and the expected values steps give. */
function resultProblems(ex: Exercise, sig: ClassSignature, steps: readonly Step[], results: unknown[]): string[] {
  const problems: string[] = [];
  steps.forEach((step, k) => {
    if ("new" in step) return;
    const where = `step ${k + 1} (${describeStep(step, sig.name)})`;
    if ("throws" in step && step.throws !== undefined) {
      // The reference's ThrowsStepResult (grader/scenarios.ts) must say it threw as the step expects.
      const got = results[k] as Record<string, unknown> | undefined;
      if (got?.threw !== "matched") {
        const did = got && "returned" in got ? `returns ${formatValue(got.returned)}` : `throws ${JSON.stringify(got?.error ?? "")}`;
        problems.push(`${where}: reference.ts ${did}, but the step expects ${describeExpectedError(step.throws)}`);
      }
      return;
    }
    const declared = "call" in step ? sig.methods.get(step.call)?.returns : sig.properties.get(step.get);
    if (declared && declared !== "void") {
      const m = typeMismatch(results[k], declared, "the result");
      if (m) problems.push(`${where}: ${m}`);
    }
    if (step.expected === undefined) return;
    const diff = compareValues(results[k], decodeWire(step.expected), exampleTolerance(step.decimals, ex.meta.tolerance));
    if (diff) {
      const shownAs = step.decimals === undefined ? "" : ` (rounded to ${step.decimals} decimals)`;
      problems.push(`${where}: expected${shownAs} is not what reference.ts computes: ${describeDifference(diff, true)}`);
    }
  });
  return problems;
}

/** Seeds whose random scenarios are checked (as for function exercises). */
const RANDOM_SEEDS = [7, 8, 9];
const MAX_RANDOM_PROBLEMS = 5;

/** Every problem of a class exercise's test data, each naming the file to fix; and how many scenarios were checked. */
export function checkScenarioData(
  ex: Exercise,
  modules: ExerciseModules,
  sig: ClassSignature,
  callbacks: ReadonlySet<string> = new Set(),
): { problems: string[]; checked: number } {
  const problems: string[] = [];
  let checked = 0;
  for (const kind of ["visible", "hidden"] as const) {
    for (const c of ex.tests[kind]) {
      if (!c.steps) continue;
      checked++;
      const where = `${ex.slug}/tests.json: ${kind} case "${c.id}"`;
      const before = stepProblems(sig, c.steps, callbacks);
      problems.push(...before.map((p) => `${where}: ${p}`));
      if (before.length) continue;
      const run = referenceSteps(modules, c.steps);
      if ("error" in run) {
        problems.push(`${ex.slug}/reference.ts: throws on tests.json ${kind} case "${c.id}": ${run.error}`);
        continue;
      }
      problems.push(...resultProblems(ex, sig, c.steps, run.results).map((p) => `${where}: ${p}`));
      if (kind === "visible") problems.push(...statementProblems(ex, c.name, c.steps));
    }
  }
  if (modules.generate) {
    const randomProblems: string[] = [];
    for (const seed of RANDOM_SEEDS) {
      let cases: unknown[][];
      try {
        cases = randomCaseArgs(ex, modules, seed);
      } catch (e) {
        randomProblems.push((e as Error).message);
        break;
      }
      cases.forEach((args, i) => {
        checked++;
        const steps = args[0] as Step[];
        const where = `${ex.slug}/random.ts: seed ${seed}, case ${i + 1}`;
        const before = stepProblems(sig, steps, callbacks);
        randomProblems.push(...before.map((p) => `${where}: ${p}`));
        if (before.length) return;
        const run = referenceSteps(modules, steps);
        if ("error" in run) randomProblems.push(`${ex.slug}/reference.ts: throws on random.ts seed ${seed}, case ${i + 1}: ${run.error}`);
        else randomProblems.push(...resultProblems(ex, sig, steps, run.results).map((p) => `${where}: ${p}`));
      });
    }
    problems.push(...randomProblems.slice(0, MAX_RANDOM_PROBLEMS));
    if (randomProblems.length > MAX_RANDOM_PROBLEMS) {
      problems.push(`${ex.slug}/random.ts: … and ${randomProblems.length - MAX_RANDOM_PROBLEMS} more problems in random scenarios`);
    }
  }
  return { problems, checked };
}

/** A visible scenario's expected step values are the statement's worked example: it must show them. */
function statementProblems(ex: Exercise, name: string, steps: readonly Step[]): string[] {
  const missing = steps.flatMap((s) =>
    "expected" in s && s.expected !== undefined
      ? numbersIn(decodeWire(s.expected))
          .map((x) => formatShown(x, s.decimals))
          .filter((shown) => !showsNumber(ex.statement, shown))
      : [],
  );
  return missing.length
    ? [`${ex.slug}/statement.md: does not show ${[...new Set(missing)].join(", ")} from example "${name}" (tests.json step expected values)`]
    : [];
}
