// Turns a problem of Exercism's language-independent problem specifications (its
// canonical-data.json) into the files of an exercise folder: the cases with stable ids (their
// uuids), names from their groups, arguments by parameter name, expected values and expected
// errors; a signature whose types are read off the data; a starter stub that throws "not
// implemented". The reference and the statement are left to the author, marked TODO, so
// exercises:check says what is missing. Used by `npm run exercises:import` (import-cli.ts).
//
// What it assumes, as the format allows more than the grader calls: every imported case is one
// call of one function (its `property`) on the values of `input`, in the order of their keys.
// Data with several properties becomes an exercise with several exports (exercise.json
// `module`), one function per property, each case a `call` with a positional argument list.
// Data whose every case is a sequence of operations (`input.operations`, each `{ "operation":
// name, …its arguments, "expected"?, "should_succeed"? }`, as bank-account and circular-buffer
// write them) becomes a class exercise, each case a scenario. Other stateful shapes (commands
// packed in a string, trees of cells), or expected values that name functions, import as calls
// and need rework.
import { randomUUID } from "node:crypto";
import { z } from "zod";

/** A leaf case of canonical-data.json: one call and its answer. */
const leafSchema = z.looseObject({
  uuid: z.string().min(1),
  description: z.string(),
  property: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
  expected: z.unknown(),
  reimplements: z.string().optional(),
  comments: z.array(z.string()).optional(),
});

type Leaf = z.infer<typeof leafSchema>;
interface Group {
  description?: string;
  cases: (Leaf | Group)[];
  comments?: string[];
}

const groupSchema: z.ZodType<Group> = z.looseObject({
  description: z.string().optional(),
  comments: z.array(z.string()).optional(),
  cases: z.array(z.lazy(() => z.union([groupSchema, leafSchema]))),
}) as unknown as z.ZodType<Group>;

export const canonicalDataSchema = z.looseObject({
  exercise: z.string().min(1),
  comments: z.array(z.string()).optional(),
  cases: z.array(z.union([groupSchema, leafSchema])).min(1),
});

export type CanonicalData = z.infer<typeof canonicalDataSchema>;

export interface ImportResult {
  slug: string;
  /** File name (relative to the new folder) → content. */
  files: Record<string, string>;
  /** What the author should know: skipped properties, replaced cases, what is left to do. */
  notes: string[];
}

/** How many cases become visible examples (the rest are hidden); the author may move them. */
const VISIBLE_CASES = 3;

const isGroup = (c: Leaf | Group): c is Group => Array.isArray((c as Group).cases);

/** Leaves in file order, each with the descriptions of the groups around it. */
function flatten(cases: (Leaf | Group)[], path: string[] = []): { leaf: Leaf; path: string[] }[] {
  return cases.flatMap((c) => (isGroup(c) ? flatten(c.cases, c.description ? [...path, c.description] : path) : [{ leaf: c, path }]));
}

const camel = (text: string) =>
  text
    .replace(/[^A-Za-z0-9]+(.)?/g, (_, ch: string | undefined) => (ch ? ch.toUpperCase() : ""))
    .replace(/^[A-Z]/, (ch) => ch.toLowerCase())
    .replace(/^(?=[0-9])/, "_");

/** Words a parameter cannot be named (an input key "in" or "default" becomes "in_"). */
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await".split(" "),
);

const identifier = (text: string, fallback: string) => {
  const name = camel(text) || fallback;
  return RESERVED.has(name) ? `${name}_` : name;
};

const kebab = (text: string) =>
  text
    .replace(/([a-z0-9])([A-Z])/g, "$1-$2")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");

/** An expected value `{ "error": "message" }` is an expected error, in the format's words. */
function expectedError(expected: unknown): string | null {
  if (expected === null || typeof expected !== "object" || Array.isArray(expected)) return null;
  const keys = Object.keys(expected);
  const message = (expected as Record<string, unknown>).error;
  return keys.length === 1 && typeof message === "string" ? message : null;
}

/** The TypeScript type of JSON values, as the signature writes it (exercises:check holds the data to it). */
export function typeOfValues(values: unknown[]): string {
  const kinds = new Map<string, unknown[]>();
  const add = (kind: string, v: unknown) => {
    const list = kinds.get(kind);
    if (list) list.push(v);
    else kinds.set(kind, [v]);
  };
  for (const v of values) {
    if (v === null) add("null", v);
    else if (Array.isArray(v)) add("array", v);
    else if (typeof v === "object") add("object", v);
    else add(typeof v, v);
  }
  const parts: string[] = [];
  for (const [kind, vs] of kinds) {
    if (kind === "array") {
      const element = typeOfValues((vs as unknown[][]).flat(1));
      parts.push(element === "never" ? "unknown[]" : element.includes("|") ? `(${element})[]` : `${element}[]`);
    } else if (kind === "object") {
      const objects = vs as Record<string, unknown>[];
      const keys = [...new Set(objects.flatMap((o) => Object.keys(o)))];
      if (keys.some((k) => !/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(k))) {
        parts.push("unknown");
        continue;
      }
      const props = keys.map((k) => {
        const present = objects.filter((o) => k in o);
        return `${k}${present.length < objects.length ? "?" : ""}: ${typeOfValues(present.map((o) => o[k]))}`;
      });
      parts.push(`{ ${props.join("; ")} }`);
    } else if (kind === "number" || kind === "string" || kind === "boolean" || kind === "null") parts.push(kind);
    else parts.push("unknown");
  }
  if (parts.length === 0) return "never";
  return parts.includes("unknown") ? "unknown" : parts.join(" | ");
}

/** Array depth of every value (the same for all, or null), for the `inputs` shape exercises:check asks of arrays. */
function arrayDepth(values: unknown[]): number {
  let depth = 0;
  let level = values;
  while (level.length > 0 && level.every(Array.isArray)) {
    depth++;
    level = (level as unknown[][]).flat(1);
  }
  return depth;
}

interface Param {
  key: string;
  name: string;
  optional: boolean;
  values: unknown[];
}

/** One exported function: a property, its parameters (input keys) and its declaration. */
interface ImportedFunction {
  property: string;
  name: string;
  params: Param[];
  declaration: string;
}

/** Parameters are the input keys in order of first appearance; a key some cases lack is optional. */
function functionOf(property: string, cases: Leaf[]): ImportedFunction {
  const params = paramsOf(cases.map((c) => c.input));
  const name = identifier(property, "solve");
  const returns = typeOfValues(cases.map((c) => c.expected).filter((e) => expectedError(e) === null));
  const declaration = `export function ${name}(${paramList(params)}): ${returns === "never" ? "unknown" : returns}`;
  return { property, name, params, declaration };
}

/** A case of an object driven by operations: `input.operations` lists `{ "operation": name, … }`. */
const operationSchema = z.looseObject({ operation: z.string().min(1), expected: z.unknown().optional(), should_succeed: z.boolean().optional() });
const isOperations = (leaf: Leaf) => Array.isArray(leaf.input.operations) && leaf.input.operations.every((op) => operationSchema.safeParse(op).success);
/** Keys of an operation that are not its arguments. */
const OPERATION_KEYS = new Set(["operation", "expected", "should_succeed"]);

/** A parameter list's positional values, or null when one is left out before a given one. */
function positional(params: Param[], input: Record<string, unknown>): unknown[] | null {
  let last = -1;
  params.forEach((p, i) => {
    if (p.key in input) last = i;
  });
  const given = params.slice(0, last + 1);
  return given.every((p) => p.key in input) ? given.map((p) => input[p.key]) : null;
}

function paramsOf(inputs: Record<string, unknown>[]): Param[] {
  const keys = [...new Set(inputs.flatMap((i) => Object.keys(i)))];
  return keys.map((key) => ({
    key,
    name: identifier(key, "input"),
    optional: inputs.some((i) => !(key in i)),
    values: inputs.filter((i) => key in i).map((i) => i[key]),
  }));
}

const paramList = (params: Param[]) => params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${typeOfValues(p.values)}`).join(", ");

/** What a branch of the import makes of the cases; importCanonical writes the files. */
interface Imported {
  cases: Record<string, unknown>[];
  meta: Record<string, unknown>;
  signature: string;
  params: string[];
  inputs: Record<string, unknown>;
  starter: string;
  reference: string;
  /** "5 cases of `distance`", for the statement. */
  summary: string;
  /** Cases to show first (the first with a value is prepended), e.g. one per function. */
  leads: Record<string, unknown>[];
  hasValue: (c: Record<string, unknown>) => boolean;
}

type Named = { leaf: Leaf; path: string[]; name: string };

/** One function (the property with the most cases), or several exports, one per property. */
function importCalls(current: Named[], notes: string[]): Imported {
  const byProperty = new Map<string, number>();
  for (const c of current) byProperty.set(c.leaf.property, (byProperty.get(c.leaf.property) ?? 0) + 1);
  const main = [...byProperty.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const functions = [...byProperty.keys()].map((property) => functionOf(property, current.filter((c) => c.leaf.property === property).map((c) => c.leaf)));
  const byName = new Map<string, ImportedFunction>();
  for (const fn of functions) {
    // Two properties that spell the same identifier ("row_sums", "rowSums") would be one export.
    const clash = byName.get(fn.name);
    if (clash) throw new Error(`the properties "${clash.property}" and "${fn.property}" both become the function \`${fn.name}\`; rename one in the data`);
    byName.set(fn.name, fn);
  }
  const fnOf = (property: string) => functions.find((f) => f.property === property)!;
  const mainFn = fnOf(main);
  const several = functions.length > 1;
  let cases = current;
  if (several) {
    notes.push(
      `${functions.length} properties, imported as the functions of module.functions (several exports): ` +
        `${functions.map((f) => `\`${f.name}\` (${byProperty.get(f.property)} case${byProperty.get(f.property) === 1 ? "" : "s"})`).join(", ")}; ` +
        `\`${mainFn.name}\`, with the most cases, is \`export\`.`,
    );
    const gaps = current.filter((c) => positional(fnOf(c.leaf.property).params, c.leaf.input) === null);
    if (gaps.length) {
      notes.push(
        `Not imported: ${gaps.map((c) => `"${c.leaf.description}" (${c.leaf.uuid})`).join(", ")}: ` +
          "each leaves out an input before one it gives, which an argument list of several exports cannot say; write them by hand.",
      );
      cases = current.filter((c) => !gaps.includes(c));
    }
  }
  const testCases = cases.map(({ leaf, name }) => {
    const error = expectedError(leaf.expected);
    const fn = fnOf(leaf.property);
    // One function: arguments by parameter name (left-out optional ones are simply absent).
    // Several: the call and a positional list for that function (by-name arguments are for one
    // exported function only).
    const call = several
      ? { call: fn.name, args: positional(fn.params, leaf.input)! }
      : { args: Object.fromEntries(fn.params.filter((p) => p.key in leaf.input).map((p) => [p.name, leaf.input[p.key]])) };
    return {
      id: leaf.uuid.toLowerCase(),
      name,
      ...call,
      ...(error !== null ? { throws: { message: error } } : { expected: leaf.expected }),
    };
  });
  const stub = (message: string) => (several ? functions : [mainFn]).map((f) => `${f.declaration} {\n  throw new Error(${JSON.stringify(message)});\n}\n`).join("\n");
  return {
    cases: testCases,
    meta: { export: mainFn.name, ...(several ? { module: { functions: functions.map((f) => f.name) } } : {}) },
    signature: several ? functions.map((f) => `${f.declaration};`).join("\n") : mainFn.declaration,
    params: mainFn.params.map((p) => p.name),
    // Array parameters get a shape rule; exercises:check asks it of one exported function's arrays.
    inputs: several
      ? {}
      : Object.fromEntries(
          mainFn.params
            .map((p) => [p.name, arrayDepth(p.values)] as const)
            .filter(([, depth]) => depth > 0)
            .map(([name, depth]) => [name, { shape: new Array(depth).fill("*") }]),
        ),
    starter: stub("Not implemented"),
    reference: stub("reference.ts is not written yet"),
    summary: several
      ? functions.map((f) => `${testCases.filter((c) => "call" in c && c.call === f.name).length} of \`${f.property}\``).join(", ") + " cases"
      : `${testCases.length} cases of \`${main}\``,
    leads: several ? functions.map((f) => testCases.find((c) => "call" in c && c.call === f.name)).filter((c) => c !== undefined) : [],
    hasValue: (c) => "expected" in c,
  };
}

/**
 * An object driven by operations (bank-account, circular-buffer): a class whose constructor takes
 * the case's other inputs, each operation a method call on it (its other keys the arguments), a
 * scenario per case. An operation's `expected` is its step's; `"should_succeed": false` expects
 * it to throw; the case's `expected` belongs to its last operation.
 */
function importOperations(data: CanonicalData, current: Named[], notes: string[]): Imported {
  const className = identifier(data.exercise, "Subject").replace(/^[a-z]/, (ch) => ch.toUpperCase());
  const opsOf = (leaf: Leaf) => (leaf.input.operations as z.infer<typeof operationSchema>[]);
  const ctorInputs = current.map((c) => Object.fromEntries(Object.entries(c.leaf.input).filter(([k]) => k !== "operations")));
  const ctor = paramsOf(ctorInputs);
  const methodNames = [...new Set(current.flatMap((c) => opsOf(c.leaf).map((op) => op.operation)))];
  const argsOf = (op: Record<string, unknown>) => Object.fromEntries(Object.entries(op).filter(([k]) => !OPERATION_KEYS.has(k)));
  const methods = methodNames.map((operation) => {
    const calls = current.flatMap((c) => opsOf(c.leaf).filter((op) => op.operation === operation));
    return { operation, name: camel(operation) || "run", params: paramsOf(calls.map(argsOf)), returns: [] as unknown[] };
  });
  const methodOf = (operation: string) => methods.find((m) => m.operation === operation)!;

  const skipped: Named[] = [];
  const testCases: Record<string, unknown>[] = [];
  for (const c of current) {
    const ops = opsOf(c.leaf);
    const newArgs = positional(ctor, ctorInputs[current.indexOf(c)]);
    const steps: Record<string, unknown>[] = [];
    let gap = newArgs === null;
    ops.forEach((op, k) => {
      const m = methodOf(op.operation);
      const args = positional(m.params, argsOf(op));
      if (args === null) gap = true;
      // The case's expected value is the last operation's answer, unless that one has its own.
      const expected = op.expected !== undefined ? op.expected : k === ops.length - 1 && !isEmpty(c.leaf.expected) ? c.leaf.expected : undefined;
      const error = expectedError(expected);
      if (error === null && expected !== undefined) m.returns.push(expected);
      steps.push({
        call: m.name,
        ...(args && args.length ? { args } : {}),
        ...(error !== null ? { throws: { message: error } } : op.should_succeed === false ? { throws: true } : expected !== undefined ? { expected } : {}),
      });
    });
    if (gap) skipped.push(c);
    else testCases.push({ id: c.leaf.uuid.toLowerCase(), name: c.name, steps: [{ new: newArgs }, ...steps] });
  }
  if (skipped.length) {
    notes.push(
      `Not imported: ${skipped.map((c) => `"${c.leaf.description}" (${c.leaf.uuid})`).join(", ")}: ` +
        "each leaves out an argument before one it gives, which a step's argument list cannot say; write them by hand.",
    );
  }
  notes.push(
    `The cases are sequences of operations: imported as scenarios on a class \`${className}\` with the methods ` +
      `${methods.map((m) => `\`${m.name}\``).join(", ")}; check which methods return a value (the signature says \`void\` for those no case reads).`,
  );
  const declaration = (m: (typeof methods)[number]) => {
    const returns = typeOfValues(m.returns);
    return `${m.name}(${paramList(m.params)}): ${returns === "never" ? "void" : returns}`;
  };
  const body = (message: string) =>
    `export class ${className} {\n  constructor(${paramList(ctor)}) {}\n\n` +
    methods.map((m) => `  ${declaration(m)} {\n    throw new Error(${JSON.stringify(message)});\n  }\n`).join("\n") +
    "}\n";
  return {
    cases: testCases,
    meta: { export: className, class: { methods: methods.map((m) => m.name) } },
    signature: `export class ${className} {\n  constructor(${paramList(ctor)});\n${methods.map((m) => `  ${declaration(m)};`).join("\n")}\n}`,
    params: ctor.map((p) => p.name),
    inputs: {},
    starter: body("Not implemented"),
    reference: body("reference.ts is not written yet"),
    summary: `${testCases.length} scenarios on \`${className}\``,
    leads: [],
    hasValue: (c) => (c.steps as Record<string, unknown>[]).some((s) => s.expected !== undefined),
  };
}

/** An expected value that says nothing (circular-buffer writes `{}` after its operations). */
const isEmpty = (v: unknown) => v === undefined || v === null || (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);

export function importCanonical(data: CanonicalData, options: { slug: string; order: number }): ImportResult {
  const notes: string[] = [];
  const all = flatten(data.cases as (Leaf | Group)[]);

  // "reimplements": the later case replaces the earlier one (a fixed expected value, a new
  // input); chains resolve to the latest.
  const replaced = new Set(all.map((c) => c.leaf.reimplements).filter((u): u is string => u !== undefined));
  const kept = all.filter((c) => !replaced.has(c.leaf.uuid));
  if (replaced.size) notes.push(`${replaced.size} case${replaced.size === 1 ? "" : "s"} replaced by a later case that reimplements ${replaced.size === 1 ? "it" : "them"} (kept the latest).`);

  // Names: the groups' descriptions, then the case's; made unique.
  const used = new Map<string, number>();
  const unique = (name: string) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  };
  const current = kept.map((c) => ({ ...c, name: unique([...c.path, c.leaf.description].join(" › ")) }));

  // Every case a sequence of operations: scenarios on a class; otherwise calls of functions (one
  // per property).
  const stateful = current.every((c) => isOperations(c.leaf));
  const imported = stateful ? importOperations(data, current, notes) : importCalls(current, notes);
  const testCases = imported.cases;

  // The first example is the statement's worked example: it needs an expected value. With several
  // exports the first case of each other function follows it, so each has a visible example.
  const firstWithValue = testCases.findIndex(imported.hasValue);
  const lead = firstWithValue >= 0 ? [testCases[firstWithValue]] : [];
  for (const c of imported.leads) if (!lead.includes(c)) lead.push(c);
  const ordered = [...lead, ...testCases.filter((c) => !lead.includes(c))];
  const visible = ordered.slice(0, Math.min(Math.max(VISIBLE_CASES, lead.length), Math.max(1, ordered.length - 1)));
  const hidden = ordered.slice(visible.length);
  if (firstWithValue < 0) notes.push("No case has an expected value: give the first visible case one (the statement's worked example).");
  if (hidden.length === 0) notes.push("Only one case: add at least one hidden case.");
  const errors = testCases.filter((c) => "throws" in c || (Array.isArray(c.steps) && c.steps.some((s: Record<string, unknown>) => s.throws !== undefined))).length;

  const title = data.exercise.replace(/-/g, " ").replace(/^./, (ch) => ch.toUpperCase());
  const comments = [...(data.comments ?? [])];
  const files: Record<string, string> = {
    "exercise.json":
      JSON.stringify(
        {
          id: randomUUID(),
          title,
          order: options.order,
          summary: "TODO: one line that says what the learner computes.",
          difficulty: "easy",
          tags: ["imported"],
          ...imported.meta,
          signature: imported.signature,
          params: imported.params,
          randomCases: 0,
          ...(Object.keys(imported.inputs).length ? { inputs: imported.inputs } : {}),
        },
        null,
        2,
      ) + "\n",
    "tests.json": testsJson(visible, hidden),
    "starter.ts": imported.starter,
    "reference.ts":
      `// TODO: write the correct implementation; \`npm run exercises:check\` fails until you do, and then\n` +
      `// checks it against the expected values imported from canonical-data.json.\n` +
      imported.reference,
    "statement.md":
      `TODO: the statement of "${title}" (see exercises/README.md, statement.md): what to compute, the rules and edge cases the tests exercise` +
      `${errors ? ", and the exact error messages they expect" : ""}, and the first visible case worked out as the example.\n\n` +
      `Imported from the canonical-data.json of "${data.exercise}" (Exercism's problem-specifications format): ` +
      `${imported.summary} (${visible.length} visible, ${hidden.length} hidden${errors ? `, ${errors} expecting an error` : ""}).\n` +
      (notes.length ? `\nImport notes:\n\n${notes.map((n) => `- ${n}`).join("\n")}\n` : "") +
      (comments.length ? `\nComments of the specification:\n\n${comments.map((c) => `> ${c}`).join("\n")}\n` : ""),
  };
  return { slug: options.slug, files, notes };
}

/** tests.json with one case per line, as the exercises in this pack write it. */
function testsJson(visible: unknown[], hidden: unknown[]): string {
  const list = (cases: unknown[]) => `[\n${cases.map((c) => `    ${JSON.stringify(c)}`).join(",\n")}\n  ]`;
  return `{\n  "visible": ${list(visible)},\n  "hidden": ${list(hidden)}\n}\n`;
}

/** The default slug for a problem: "NN-" and its name. */
export function defaultSlug(exercise: string, order: number): string {
  return `${String(order).padStart(2, "0")}-${kebab(exercise)}`;
}
