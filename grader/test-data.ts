// Checks test data against what the exercise promises: every case's arguments (tests.json and
// random.ts alike) against the parameter types of exercise.json's `signature` (parsed with the
// TypeScript compiler) and against the shape and value rules of its `inputs`; the reference's
// results against the signature's return type. Used by exercises:check, never while grading.
import ts from "typescript";
import type { ExerciseMeta, InputRule, Interval } from "./exercise-schema";
import { signatureParams } from "./signature-params";
import { TYPED_ARRAYS, WireOpaque } from "./wire";

/** A TypeScript type, reduced to what JSON test data can be checked against. */
export type ValueType =
  | { kind: "number" | "string" | "boolean" | "null" | "unknown" }
  | { kind: "literal"; value: string | number | boolean }
  | { kind: "union"; options: ValueType[] }
  | { kind: "array"; element: ValueType }
  | { kind: "tuple"; elements: ValueType[] }
  | { kind: "object"; props: { name: string; type: ValueType; optional: boolean }[] }
  /** Values the grader compares exactly (grader/compare.ts) though JSON cannot write them. */
  | { kind: "bigint" | "date" }
  | { kind: "map"; key: ValueType; value: ValueType }
  | { kind: "set"; element: ValueType }
  | { kind: "typed"; name: string };

export interface Signature {
  name: string;
  /** `optional`: declared `name?: T` (a case may leave it out or pass undefined; grader/signature-params.ts). */
  params: { name: string; type: ValueType; optional: boolean }[];
  returns: ValueType;
}

/** Parses `export function f(a: T, …): R`; throws an Error saying what is wrong. */
export function parseSignature(signature: string): Signature {
  const sf = ts.createSourceFile("signature.ts", signature, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const [fn, ...rest] = sf.statements;
  if (!fn || rest.length || !ts.isFunctionDeclaration(fn) || !fn.name) {
    throw new Error("must be one function declaration, like `export function f(x: number[]): number`");
  }
  return {
    name: fn.name.text,
    params: fn.parameters.map((p) => {
      if (!ts.isIdentifier(p.name)) throw new Error("parameters must be plain names (no destructuring)");
      if (p.dotDotDotToken) throw new Error("rest parameters (...args) are not supported: list the parameters");
      return { name: p.name.text, type: p.type ? valueType(p.type, sf) : { kind: "unknown" }, optional: p.questionToken !== undefined || p.initializer !== undefined };
    }),
    returns: fn.type ? valueType(fn.type, sf) : { kind: "unknown" },
  };
}

export function valueType(node: ts.TypeNode, sf: ts.SourceFile): ValueType {
  switch (node.kind) {
    case ts.SyntaxKind.NumberKeyword:
      return { kind: "number" };
    case ts.SyntaxKind.StringKeyword:
      return { kind: "string" };
    case ts.SyntaxKind.BooleanKeyword:
      return { kind: "boolean" };
    case ts.SyntaxKind.BigIntKeyword:
      return { kind: "bigint" };
    case ts.SyntaxKind.UnknownKeyword:
    case ts.SyntaxKind.AnyKeyword:
      return { kind: "unknown" };
  }
  if (ts.isParenthesizedTypeNode(node)) return valueType(node.type, sf);
  // A callback parameter: test data names a function of callbacks.ts, {"$fn": "name"} (grader/callbacks.ts).
  if (ts.isFunctionTypeNode(node)) return { kind: "unknown" };
  if (ts.isTypeOperatorNode(node) && node.operator === ts.SyntaxKind.ReadonlyKeyword) return valueType(node.type, sf);
  if (ts.isArrayTypeNode(node)) return { kind: "array", element: valueType(node.elementType, sf) };
  if (ts.isTupleTypeNode(node)) {
    return { kind: "tuple", elements: node.elements.map((e) => valueType(ts.isNamedTupleMember(e) ? e.type : e, sf)) };
  }
  if (ts.isUnionTypeNode(node)) return { kind: "union", options: node.types.map((t) => valueType(t, sf)) };
  if (ts.isLiteralTypeNode(node)) {
    const lit = node.literal;
    if (lit.kind === ts.SyntaxKind.NullKeyword) return { kind: "null" };
    if (lit.kind === ts.SyntaxKind.TrueKeyword) return { kind: "literal", value: true };
    if (lit.kind === ts.SyntaxKind.FalseKeyword) return { kind: "literal", value: false };
    if (ts.isStringLiteral(lit)) return { kind: "literal", value: lit.text };
    if (ts.isNumericLiteral(lit)) return { kind: "literal", value: Number(lit.text) };
    if (ts.isPrefixUnaryExpression(lit) && ts.isNumericLiteral(lit.operand)) return { kind: "literal", value: -Number(lit.operand.text) };
  }
  if (ts.isTypeReferenceNode(node) && ts.isIdentifier(node.typeName)) {
    const name = node.typeName.text;
    const args = node.typeArguments ?? [];
    if ((name === "Array" || name === "ReadonlyArray") && args.length === 1) return { kind: "array", element: valueType(args[0], sf) };
    if ((name === "Map" || name === "ReadonlyMap") && args.length === 2) return { kind: "map", key: valueType(args[0], sf), value: valueType(args[1], sf) };
    if ((name === "Set" || name === "ReadonlySet") && args.length === 1) return { kind: "set", element: valueType(args[0], sf) };
    if (name === "Date" && args.length === 0) return { kind: "date" };
    if (TYPED_ARRAYS.has(name) && args.length === 0) return { kind: "typed", name };
  }
  if (ts.isTypeLiteralNode(node)) {
    return {
      kind: "object",
      props: node.members.map((m) => {
        if (!ts.isPropertySignature(m) || !m.name || !(ts.isIdentifier(m.name) || ts.isStringLiteral(m.name))) {
          throw new Error(`\`${m.getText(sf)}\`: only plain properties are supported in object types`);
        }
        return { name: m.name.text, type: m.type ? valueType(m.type, sf) : { kind: "unknown" }, optional: m.questionToken !== undefined };
      }),
    };
  }
  throw new Error(`the type \`${node.getText(sf)}\` is not supported: write it out with number, string, boolean, bigint, literals, arrays, tuples, unions, { key: type } objects, Map, Set, Date and typed arrays`);
}

export function describeType(t: ValueType): string {
  switch (t.kind) {
    case "literal":
      return JSON.stringify(t.value);
    case "union":
      return t.options.map(describeType).join(" | ");
    case "array":
      return `${t.element.kind === "union" ? `(${describeType(t.element)})` : describeType(t.element)}[]`;
    case "tuple":
      return `[${t.elements.map(describeType).join(", ")}]`;
    case "map":
      return `Map<${describeType(t.key)}, ${describeType(t.value)}>`;
    case "set":
      return `Set<${describeType(t.element)}>`;
    case "date":
      return "Date";
    case "typed":
      return t.name;
    case "object":
      return `{ ${t.props.map((p) => `${p.name}${p.optional ? "?" : ""}: ${describeType(p.type)}`).join("; ")} }`;
    default:
      return t.kind;
  }
}

function describeValue(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  if (typeof v === "number" && Number.isNaN(v)) return "NaN";
  if (v instanceof Map) return "a Map";
  if (v instanceof Set) return "a Set";
  if (v instanceof Date) return "a Date";
  if (v instanceof WireOpaque) return v.describe();
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return JSON.stringify(v.length > 30 ? `${v.slice(0, 30)}…` : v);
  return `${typeof v} ${String(v)}`;
}

/** The first place where `value` does not have type `t`, as a message; null when it does. */
export function typeMismatch(value: unknown, t: ValueType, where: string): string | null {
  switch (t.kind) {
    case "unknown":
      return null;
    case "number":
      if (typeof value !== "number") return `${where} is ${describeValue(value)}, not a number`;
      return Number.isNaN(value) ? `${where} is NaN` : null;
    case "string":
    case "boolean":
      return typeof value === t.kind ? null : `${where} is ${describeValue(value)}, not a ${t.kind}`;
    case "null":
      return value === null ? null : `${where} is ${describeValue(value)}, not null`;
    case "literal":
      return value === t.value ? null : `${where} is ${describeValue(value)}, not ${JSON.stringify(t.value)}`;
    case "union":
      return t.options.some((o) => typeMismatch(value, o, where) === null) ? null : `${where} is ${describeValue(value)}, not ${describeType(t)}`;
    case "array": {
      if (!Array.isArray(value)) return `${where} is ${describeValue(value)}, not an array (${describeType(t)})`;
      for (let i = 0; i < value.length; i++) {
        const m = typeMismatch(value[i], t.element, `${where}[${i}]`);
        if (m) return m;
      }
      return null;
    }
    case "tuple": {
      if (!Array.isArray(value) || value.length !== t.elements.length) return `${where} is not a tuple ${describeType(t)}`;
      for (let i = 0; i < value.length; i++) {
        const m = typeMismatch(value[i], t.elements[i], `${where}[${i}]`);
        if (m) return m;
      }
      return null;
    }
    case "bigint":
      return typeof value === "bigint" ? null : `${where} is ${describeValue(value)}, not a bigint`;
    case "date":
      return value instanceof Date ? null : `${where} is ${describeValue(value)}, not a Date`;
    case "typed":
      return value instanceof WireOpaque && value.tag === "typed" && value.type === t.name ? null : `${where} is ${describeValue(value)}, not a ${t.name}`;
    case "map": {
      if (!(value instanceof Map)) return `${where} is ${describeValue(value)}, not a Map (${describeType(t)})`;
      for (const [k, v] of value) {
        const m = typeMismatch(k, t.key, `a key of ${where}`) ?? typeMismatch(v, t.value, `${where}.get(${JSON.stringify(k) ?? String(k)})`);
        if (m) return m;
      }
      return null;
    }
    case "set": {
      if (!(value instanceof Set)) return `${where} is ${describeValue(value)}, not a Set (${describeType(t)})`;
      for (const member of value) {
        const m = typeMismatch(member, t.element, `a member of ${where}`);
        if (m) return m;
      }
      return null;
    }
    case "object": {
      if (value === null || typeof value !== "object" || Array.isArray(value)) return `${where} is ${describeValue(value)}, not an object`;
      const record = value as Record<string, unknown>;
      for (const p of t.props) {
        if (!(p.name in record)) {
          if (!p.optional) return `${where} has no key \`${p.name}\``;
          continue;
        }
        const m = typeMismatch(record[p.name], p.type, `${where}.${p.name}`);
        if (m) return m;
      }
      const extra = Object.keys(record).find((k) => !t.props.some((p) => p.name === k));
      return extra === undefined ? null : `${where} has a key \`${extra}\` the signature does not declare`;
    }
  }
}

// ---- inputs rules ---------------------------------------------------------------------------

function inInterval(x: number, r: Interval): boolean {
  return (r.minOpen ? x > r.min : x >= r.min) && (r.maxOpen ? x < r.max : x <= r.max);
}

/** Every leaf (non-array value) below v, with its path. */
function* leaves(v: unknown, where: string): Generator<[unknown, string]> {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) yield* leaves(v[i], `${where}[${i}]`);
  } else if (v !== null && typeof v === "object") {
    for (const [k, x] of Object.entries(v)) yield* leaves(x, `${where}.${k}`);
  } else yield [v, where];
}

/** Every innermost array (an array with no array inside) below v. */
function* innermostArrays(v: unknown, where: string): Generator<[unknown[], string]> {
  if (!Array.isArray(v)) return;
  if (v.some(Array.isArray)) {
    for (let i = 0; i < v.length; i++) yield* innermostArrays(v[i], `${where}[${i}]`);
  } else yield [v, where];
}

/** The type found by following `path` (param.key.key) through the signature, or an error. */
function typeAtPath(sig: Signature, path: string): ValueType | string {
  const [param, ...keys] = path.split(".");
  const p = sig.params.find((x) => x.name === param);
  if (!p) return `\`${param}\` is not a parameter of the signature`;
  let t = p.type;
  for (const key of keys) {
    const prop = t.kind === "object" ? t.props.find((x) => x.name === key) : undefined;
    if (!prop) return `the signature's \`${path}\` has no key \`${key}\``;
    t = prop.type;
  }
  return t;
}

function arrayDepth(t: ValueType): number {
  if (t.kind === "array") return 1 + arrayDepth(t.element);
  if (t.kind === "union") return Math.min(...t.options.map(arrayDepth));
  return 0;
}

/**
 * Problems with exercise.json itself: signature vs export and params, inputs paths that do not
 * exist, shapes deeper than the type, and array-valued parameters (or keys of object
 * parameters) without a shape. Returns the parsed signature when it parses.
 */
export function checkMeta(meta: ExerciseMeta): { signature?: Signature; problems: string[] } {
  let sig: Signature;
  try {
    sig = parseSignature(meta.signature);
  } catch (e) {
    return { problems: [`signature: ${(e as Error).message}`] };
  }
  const problems: string[] = [];
  if (sig.name !== meta.export) problems.push(`signature: declares \`${sig.name}\` but export is \`${meta.export}\``);
  const names = sig.params.map((p) => p.name);
  if (names.join(",") !== meta.params.join(",")) {
    problems.push(`params: [${meta.params.join(", ")}] do not match the signature's parameters (${names.join(", ")})`);
  } else {
    // The loader reads optional markers with a small scanner (it runs in the app): it must agree.
    const scanned = signatureParams(meta.signature);
    const disagree = sig.params.filter((p, i) => scanned?.[i]?.optional !== p.optional);
    if (disagree.length) problems.push(`signature: cannot tell whether ${disagree.map((p) => `\`${p.name}\``).join(", ")} ${disagree.length === 1 ? "is" : "are"} optional; write optional parameters as \`name?: type\``);
    const firstOptional = sig.params.findIndex((p) => p.optional);
    if (firstOptional >= 0 && sig.params.slice(firstOptional).some((p) => !p.optional)) {
      problems.push("signature: a required parameter follows an optional one");
    }
  }
  for (const [path, rule] of Object.entries(meta.inputs)) {
    const t = typeAtPath(sig, path);
    if (typeof t === "string") {
      problems.push(`inputs.${path}: ${t}`);
      continue;
    }
    if (rule.shape && rule.shape.length > arrayDepth(t)) {
      problems.push(`inputs.${path}: shape has ${rule.shape.length} levels but the signature's type ${describeType(t)} has ${arrayDepth(t)}`);
    }
  }
  const declared = new Set(meta.dimensions ? Object.keys(meta.dimensions) : []);
  const used = new Set(Object.values(meta.inputs).flatMap((r) => (r.shape ?? []).filter((d): d is string => typeof d === "string" && d !== "*")));
  for (const d of declared) if (!used.has(d)) problems.push(`dimensions.${d}: no shape in inputs uses this dimension`);
  // Array data needs a shape, or a case with a missing row goes unnoticed.
  const needShape = sig.params.flatMap((p) =>
    p.type.kind === "object" ? p.type.props.filter((x) => arrayDepth(x.type) > 0).map((x) => `${p.name}.${x.name}`) : arrayDepth(p.type) > 0 ? [p.name] : [],
  );
  for (const path of needShape) {
    if (!meta.inputs[path]?.shape) {
      problems.push(`inputs: no shape for \`${path}\` (an array): declare one, e.g. "${path}": { "shape": ["n"] } ("*" for any length)`);
    }
  }
  return { signature: sig, problems };
}

function valueAt(args: unknown[], sig: Signature, path: string): { found: true; value: unknown } | { found: false } {
  const [param, ...keys] = path.split(".");
  const i = sig.params.findIndex((p) => p.name === param);
  if (i < 0 || i >= args.length || args[i] === undefined) return { found: false };
  let v: unknown = args[i];
  for (const key of keys) {
    if (v === null || typeof v !== "object" || !(key in v)) return { found: false };
    v = (v as Record<string, unknown>)[key];
  }
  return { found: true, value: v };
}

/** Checks one case's argument list; each problem names the parameter path and why. */
export function checkCaseArgs(meta: ExerciseMeta, sig: Signature, args: unknown[]): string[] {
  const required = sig.params.filter((p) => !p.optional).length;
  if (args.length > sig.params.length || args.length < required) {
    return [`has ${args.length} arguments; the signature has ${required === sig.params.length ? sig.params.length : `${required} to ${sig.params.length}`}`];
  }
  const problems: string[] = [];
  sig.params.forEach((p, i) => {
    // An optional parameter left out or passed as undefined.
    if (p.optional && (i >= args.length || args[i] === undefined)) return;
    const m = typeMismatch(args[i], p.type, p.name);
    if (m) problems.push(m);
  });
  if (problems.length) return problems; // rules assume the types are right
  const dims = new Map<string, { size: number; where: string }>();
  for (const [path, rule] of Object.entries(meta.inputs)) {
    const at = valueAt(args, sig, path);
    if (!at.found) continue; // an optional key that is absent
    problems.push(...checkRule(path, at.value, rule, dims));
  }
  for (const [name, range] of Object.entries(meta.dimensions ?? {})) {
    const d = dims.get(name);
    if (d && !inInterval(d.size, range)) problems.push(`dimension ${name} = ${d.size} (${d.where}) is outside ${range.text}`);
  }
  return problems;
}

function checkRule(path: string, value: unknown, rule: InputRule, dims: Map<string, { size: number; where: string }>): string[] {
  const problems: string[] = [];
  if (rule.shape) {
    const m = shapeMismatch(value, rule.shape, path, dims);
    if (m) problems.push(m);
  }
  const leafList = [...leaves(value, path)];
  const firstBad = (test: (v: unknown) => boolean) => leafList.find(([v]) => !test(v));
  if (rule.range) {
    const range = rule.range;
    const bad = firstBad((v) => typeof v !== "number" || inInterval(v, range));
    if (bad) problems.push(`${bad[1]} = ${bad[0]} is outside ${range.text}`);
  }
  if (rule.integer) {
    const bad = firstBad((v) => typeof v !== "number" || Number.isInteger(v));
    if (bad) problems.push(`${bad[1]} = ${bad[0]} is not an integer`);
  }
  if (rule.oneOf) {
    const allowed = rule.oneOf;
    const bad = firstBad((v) => allowed.includes(v as never));
    if (bad) problems.push(`${bad[1]} = ${JSON.stringify(bad[0])} is not one of ${allowed.map((a) => JSON.stringify(a)).join(", ")}`);
  }
  if (rule.order) {
    const down = rule.order === "non-increasing";
    for (const [arr, where] of innermostArrays(value, path)) {
      const k = arr.findIndex((x, j) => j > 0 && (down ? (x as number) > (arr[j - 1] as number) : (x as number) < (arr[j - 1] as number)));
      if (k > 0) {
        problems.push(`${where} is not ${rule.order} (${where}[${k - 1}] = ${arr[k - 1]}, ${where}[${k}] = ${arr[k]})`);
        break;
      }
    }
  }
  return problems;
}

/** Walks the array levels of `shape`, binding named dimensions on first sight. */
function shapeMismatch(value: unknown, shape: InputRule["shape"] & {}, path: string, dims: Map<string, { size: number; where: string }>): string | null {
  const walk = (v: unknown, level: number, where: string): string | null => {
    if (level === shape.length) return null;
    if (!Array.isArray(v)) return `${where} is not an array (shape of ${path} is [${shape.join(", ")}])`;
    const dim = shape[level];
    const what = `${where}.length`;
    if (typeof dim === "number") {
      if (v.length !== dim) return `${what} is ${v.length}, but the shape of ${path} says ${dim}`;
    } else if (dim !== "*") {
      const bound = dims.get(dim);
      if (!bound) dims.set(dim, { size: v.length, where: what });
      else if (bound.size !== v.length) return `${what} is ${v.length}, but ${dim} = ${bound.size} (${bound.where})`;
    }
    for (let i = 0; i < v.length; i++) {
      const m = walk(v[i], level + 1, `${where}[${i}]`);
      if (m) return m;
    }
    return null;
  };
  return walk(value, 0, path);
}
