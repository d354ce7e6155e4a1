// Turns a problem of Exercism's language-independent problem specifications (its
// canonical-data.json) into the files of an exercise folder: the cases with stable ids (their
// uuids), names from their groups, arguments by parameter name, expected values and expected
// errors; a signature whose types are read off the data; a starter stub that throws "not
// implemented". The reference and the statement are left to the author, marked TODO, so
// exercises:check says what is missing. Used by `npm run exercises:import` (import-cli.ts).
//
// What it assumes, as the format allows more than the grader calls: every imported case is one
// call of one function (its `property`) on the values of `input`, in the order of their keys.
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

export function importCanonical(data: CanonicalData, options: { slug: string; order: number }): ImportResult {
  const notes: string[] = [];
  const all = flatten(data.cases as (Leaf | Group)[]);

  // "reimplements": the later case replaces the earlier one (a fixed expected value, a new
  // input); chains resolve to the latest.
  const replaced = new Set(all.map((c) => c.leaf.reimplements).filter((u): u is string => u !== undefined));
  const current = all.filter((c) => !replaced.has(c.leaf.uuid));
  if (replaced.size) notes.push(`${replaced.size} case${replaced.size === 1 ? "" : "s"} replaced by a later case that reimplements ${replaced.size === 1 ? "it" : "them"} (kept the latest).`);

  // One function per exercise: the property with the most cases.
  const byProperty = new Map<string, number>();
  for (const c of current) byProperty.set(c.leaf.property, (byProperty.get(c.leaf.property) ?? 0) + 1);
  const property = [...byProperty.entries()].sort((a, b) => b[1] - a[1])[0][0];
  const others = [...byProperty.entries()].filter(([p]) => p !== property);
  if (others.length) {
    notes.push(
      `Imported the property "${property}" only; not imported: ${others.map(([p, n]) => `"${p}" (${n} case${n === 1 ? "" : "s"})`).join(", ")}. ` +
        "Each needs its own export (or its own exercise).",
    );
  }
  const cases = current.filter((c) => c.leaf.property === property);

  // Parameters: the input keys in order of first appearance; a key some cases lack is optional.
  const keys = [...new Set(cases.flatMap((c) => Object.keys(c.leaf.input)))];
  const params = keys.map((key) => ({
    key,
    name: identifier(key, "input"),
    optional: cases.some((c) => !(key in c.leaf.input)),
    values: cases.filter((c) => key in c.leaf.input).map((c) => c.leaf.input[key]),
  }));
  const exportName = identifier(property, "solve");

  // Names: the groups' descriptions, then the case's; made unique.
  const used = new Map<string, number>();
  const unique = (name: string) => {
    const n = (used.get(name) ?? 0) + 1;
    used.set(name, n);
    return n === 1 ? name : `${name} (${n})`;
  };
  const testCases = cases.map(({ leaf, path }) => {
    const error = expectedError(leaf.expected);
    const args = Object.fromEntries(params.filter((p) => p.key in leaf.input).map((p) => [p.name, leaf.input[p.key]]));
    return {
      id: leaf.uuid.toLowerCase(),
      name: unique([...path, leaf.description].join(" › ")),
      args,
      ...(error !== null ? { throws: { message: error } } : { expected: leaf.expected }),
    };
  });
  const returns = typeOfValues(cases.map((c) => c.leaf.expected).filter((e) => expectedError(e) === null));

  // The first example is the statement's worked example: it needs an expected value.
  const firstWithValue = testCases.findIndex((c) => "expected" in c);
  const ordered = firstWithValue > 0 ? [testCases[firstWithValue], ...testCases.filter((_, i) => i !== firstWithValue)] : testCases;
  const visible = ordered.slice(0, Math.min(VISIBLE_CASES, Math.max(1, ordered.length - 1)));
  const hidden = ordered.slice(visible.length);
  if (firstWithValue < 0) notes.push("No case has an expected value: give the first visible case one (the statement's worked example).");
  if (hidden.length === 0) notes.push("Only one case: add at least one hidden case.");
  const errors = testCases.filter((c) => "throws" in c).length;

  const signature = `export function ${exportName}(${params.map((p) => `${p.name}${p.optional ? "?" : ""}: ${typeOfValues(p.values)}`).join(", ")}): ${returns === "never" ? "unknown" : returns}`;
  const inputs = Object.fromEntries(
    params
      .map((p) => [p.name, arrayDepth(p.values)] as const)
      .filter(([, depth]) => depth > 0)
      .map(([name, depth]) => [name, { shape: new Array(depth).fill("*") }]),
  );
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
          export: exportName,
          signature,
          params: params.map((p) => p.name),
          randomCases: 0,
          ...(Object.keys(inputs).length ? { inputs } : {}),
        },
        null,
        2,
      ) + "\n",
    "tests.json": testsJson(visible, hidden),
    "starter.ts": `${signature} {\n  throw new Error("Not implemented");\n}\n`,
    "reference.ts":
      `// TODO: write the correct implementation; \`npm run exercises:check\` fails until you do, and then\n` +
      `// checks it against the expected values imported from canonical-data.json.\n` +
      `${signature} {\n  throw new Error("reference.ts is not written yet");\n}\n`,
    "statement.md":
      `TODO: the statement of "${title}" (see exercises/README.md, statement.md): what to compute, the rules and edge cases the tests exercise` +
      `${errors ? ", and the exact error messages they expect" : ""}, and the first visible case worked out as the example.\n\n` +
      `Imported from the canonical-data.json of "${data.exercise}" (Exercism's problem-specifications format): ` +
      `${testCases.length} cases of \`${property}\` (${visible.length} visible, ${hidden.length} hidden${errors ? `, ${errors} expecting an error` : ""}).\n` +
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
