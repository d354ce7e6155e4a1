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
// Problems whose cases are sequences of operations on an object (`input` holding a list of
// commands), or whose expected values name functions, import as such calls and need rework.
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
  const keys = [...new Set(cases.flatMap((c) => Object.keys(c.input)))];
  const params = keys.map((key) => ({
    key,
    name: identifier(key, "input"),
    optional: cases.some((c) => !(key in c.input)),
    values: cases.filter((c) => key in c.input).map((c) => c.input[key]),
  }));
  const name = identifier(property, "solve");
  const returns = typeOfValues(cases.map((c) => c.expected).filter((e) => expectedError(e) === null));
  const declaration = `export function ${name}(${params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${typeOfValues(p.values)}`).join(", ")}): ${returns === "never" ? "unknown" : returns}`;
  return { property, name, params, declaration };
}

/**
 * A case's arguments as the positional list an exercise with several exports needs (by-name
 * arguments are for one exported function only): the values up to the last given key, or null
 * when a key before that one is left out, which a plain list cannot say without a wire tag.
 */
function positionalArgs(fn: ImportedFunction, input: Record<string, unknown>): unknown[] | null {
  let last = -1;
  fn.params.forEach((p, i) => {
    if (p.key in input) last = i;
  });
  const given = fn.params.slice(0, last + 1);
  return given.every((p) => p.key in input) ? given.map((p) => input[p.key]) : null;
}

export function importCanonical(data: CanonicalData, options: { slug: string; order: number }): ImportResult {
  const notes: string[] = [];
  const all = flatten(data.cases as (Leaf | Group)[]);

  // "reimplements": the later case replaces the earlier one (a fixed expected value, a new
  // input); chains resolve to the latest.
  const replaced = new Set(all.map((c) => c.leaf.reimplements).filter((u): u is string => u !== undefined));
  let current = all.filter((c) => !replaced.has(c.leaf.uuid));
  if (replaced.size) notes.push(`${replaced.size} case${replaced.size === 1 ? "" : "s"} replaced by a later case that reimplements ${replaced.size === 1 ? "it" : "them"} (kept the latest).`);

  // One function per property. The property with the most cases is `export`; with several
  // properties each becomes a function of module.functions, in order of first appearance.
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
  if (several) {
    notes.push(
      `${functions.length} properties, imported as the functions of module.functions (several exports): ` +
        `${functions.map((f) => `\`${f.name}\` (${byProperty.get(f.property)} case${byProperty.get(f.property) === 1 ? "" : "s"})`).join(", ")}; ` +
        `\`${mainFn.name}\`, with the most cases, is \`export\`.`,
    );
    const gaps = current.filter((c) => positionalArgs(fnOf(c.leaf.property), c.leaf.input) === null);
    if (gaps.length) {
      notes.push(
        `Not imported: ${gaps.map((c) => `"${c.leaf.description}" (${c.leaf.uuid})`).join(", ")}: ` +
          "each leaves out an input before one it gives, which an argument list of several exports cannot say; write them by hand.",
      );
      current = current.filter((c) => !gaps.includes(c));
    }
  }
  const cases = several ? current : current.filter((c) => c.leaf.property === main);

  // Names: the groups' descriptions, then the case's; made unique.
  const used = new Map<string, number>();
  const unique = (name: string) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  };
  const testCases = cases.map(({ leaf, path }) => {
    const error = expectedError(leaf.expected);
    const fn = fnOf(leaf.property);
    // One function: arguments by parameter name (left-out optional ones are simply absent).
    // Several: the call and a positional list for that function.
    const call = several
      ? { call: fn.name, args: positionalArgs(fn, leaf.input)! }
      : { args: Object.fromEntries(fn.params.filter((p) => p.key in leaf.input).map((p) => [p.name, leaf.input[p.key]])) };
    return {
      id: leaf.uuid.toLowerCase(),
      name: unique([...path, leaf.description].join(" › ")),
      ...call,
      ...(error !== null ? { throws: { message: error } } : { expected: leaf.expected }),
    };
  });

  // The first example is the statement's worked example: it needs an expected value. With several
  // exports the first case of each other function follows it, so each has a visible example.
  const firstWithValue = testCases.findIndex((c) => "expected" in c);
  const lead = firstWithValue >= 0 ? [testCases[firstWithValue]] : [];
  if (several) {
    for (const fn of functions) {
      const first = testCases.find((c) => "call" in c && c.call === fn.name);
      if (first && !lead.includes(first)) lead.push(first);
    }
  }
  const ordered = [...lead, ...testCases.filter((c) => !lead.includes(c))];
  const visibleCount = several ? Math.max(VISIBLE_CASES, lead.length) : VISIBLE_CASES;
  const visible = ordered.slice(0, Math.min(visibleCount, Math.max(1, ordered.length - 1)));
  const hidden = ordered.slice(visible.length);
  if (firstWithValue < 0) notes.push("No case has an expected value: give the first visible case one (the statement's worked example).");
  if (hidden.length === 0) notes.push("Only one case: add at least one hidden case.");
  const errors = testCases.filter((c) => "throws" in c).length;

  const signature = several ? functions.map((f) => `${f.declaration};`).join("\n") : mainFn.declaration;
  const stub = (message: string) => (several ? functions : [mainFn]).map((f) => `${f.declaration} {\n  throw new Error(${JSON.stringify(message)});\n}\n`).join("\n");
  // Array parameters get a shape rule; exercises:check asks it of one exported function's arrays.
  const inputs = several
    ? {}
    : Object.fromEntries(
        mainFn.params
          .map((p) => [p.name, arrayDepth(p.values)] as const)
          .filter(([, depth]) => depth > 0)
          .map(([name, depth]) => [name, { shape: new Array(depth).fill("*") }]),
      );
  const title = data.exercise.replace(/-/g, " ").replace(/^./, (ch) => ch.toUpperCase());
  const comments = [...(data.comments ?? [])];
  const imported = several
    ? functions.map((f) => `${testCases.filter((c) => "call" in c && c.call === f.name).length} of \`${f.property}\``).join(", ") + " cases"
    : `${testCases.length} cases of \`${main}\``;

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
          export: mainFn.name,
          ...(several ? { module: { functions: functions.map((f) => f.name) } } : {}),
          signature,
          params: mainFn.params.map((p) => p.name),
          randomCases: 0,
          ...(Object.keys(inputs).length ? { inputs } : {}),
        },
        null,
        2,
      ) + "\n",
    "tests.json": testsJson(visible, hidden),
    "starter.ts": stub("Not implemented"),
    "reference.ts":
      `// TODO: write the correct implementation; \`npm run exercises:check\` fails until you do, and then\n` +
      `// checks it against the expected values imported from canonical-data.json.\n` +
      stub("reference.ts is not written yet"),
    "statement.md":
      `TODO: the statement of "${title}" (see exercises/README.md, statement.md): what to compute, the rules and edge cases the tests exercise` +
      `${errors ? ", and the exact error messages they expect" : ""}, and the first visible case worked out as the example.\n\n` +
      `Imported from the canonical-data.json of "${data.exercise}" (Exercism's problem-specifications format): ` +
      `${imported} (${visible.length} visible, ${hidden.length} hidden${errors ? `, ${errors} expecting an error` : ""}).\n` +
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
