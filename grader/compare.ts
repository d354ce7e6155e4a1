// Compares a learner's value with the expected one, numpy.allclose style per number
// (|actual − expected| ≤ atol + rtol·|expected|), recursively over arrays and plain objects,
// and describes the first difference in words a learner can act on.
import { TYPED_ARRAYS, WireOpaque } from "./wire";

export interface Tolerance {
  rtol: number;
  atol: number;
}

/** Exact comparison, used to tell whether an input was modified. */
export const EXACT: Tolerance = { rtol: 0, atol: 0 };

export type DifferenceKind =
  | "undefined" // undefined where a value was expected: a missing return
  | "wrong-type"
  | "wrong-length"
  | "missing-key"
  | "extra-key"
  | "not-finite" // NaN or ±Infinity where a finite number was expected
  | "wrong-value";

export interface Difference {
  kind: DifferenceKind;
  /** Path from the root of the value: "" (the value itself), "[2]", "[1][0]", ".logp". */
  path: string;
  expected: unknown;
  actual: unknown;
  /** |actual − expected| for numbers. */
  absError?: number;
  /** The key, for missing-key and extra-key. */
  key?: string;
}

export function isClose(actual: number, expected: number, tol: Tolerance): boolean {
  if (Number.isNaN(expected)) return Number.isNaN(actual);
  if (!Number.isFinite(expected)) return actual === expected;
  if (!Number.isFinite(actual)) return false;
  return Math.abs(actual - expected) <= tol.atol + tol.rtol * Math.abs(expected);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== "object" || Array.isArray(v) || v instanceof WireOpaque) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The first difference between actual and expected, or null when they match. */
export function compareValues(actual: unknown, expected: unknown, tol: Tolerance, path = ""): Difference | null {
  const diff = (kind: DifferenceKind, extra: Partial<Difference> = {}): Difference => ({
    kind,
    path,
    expected,
    actual,
    ...extra,
  });
  if (actual === undefined && expected !== undefined) return diff("undefined");

  if (typeof expected === "number") {
    if (typeof actual !== "number") return diff("wrong-type");
    if (isClose(actual, expected, tol)) return null;
    if (Number.isFinite(expected) && !Number.isFinite(actual)) return diff("not-finite");
    const absError = Number.isFinite(actual) && Number.isFinite(expected) ? Math.abs(actual - expected) : undefined;
    return diff("wrong-value", { absError });
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return diff("wrong-type");
    if (actual.length !== expected.length) return diff("wrong-length");
    for (let i = 0; i < expected.length; i++) {
      const d = compareValues(actual[i], expected[i], tol, `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  if (isPlainObject(expected)) {
    if (!isPlainObject(actual)) return diff("wrong-type");
    for (const key of Object.keys(expected)) {
      const childPath = `${path}${propertyPath(key)}`;
      if (!Object.prototype.hasOwnProperty.call(actual, key)) {
        return { kind: "missing-key", path: childPath, key, expected: expected[key], actual: undefined };
      }
      const d = compareValues(actual[key], expected[key], tol, childPath);
      if (d) return d;
    }
    for (const key of Object.keys(actual)) {
      if (!Object.prototype.hasOwnProperty.call(expected, key)) {
        return { kind: "extra-key", path: `${path}${propertyPath(key)}`, key, expected: undefined, actual: actual[key] };
      }
    }
    return null;
  }
  if (expected instanceof WireOpaque) {
    return actual instanceof WireOpaque && actual.tag === expected.tag && actual.type === expected.type
      ? compareValues(actual.value, expected.value, tol, path)
      : diff("wrong-type");
  }
  // string, boolean, null, bigint, undefined
  if (typeof actual !== typeof expected || (actual === null) !== (expected === null)) return diff("wrong-type");
  return actual === expected ? null : diff("wrong-value");
}

/** Exact structural equality (NaN equals NaN). */
export function deepEqual(a: unknown, b: unknown): boolean {
  return compareValues(a, b, EXACT) === null;
}

function propertyPath(key: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
}

/** Built-in type names; the learner can make an object's tag anything (Symbol.toStringTag). */
const BUILTIN_TYPES = new Set([
  ...TYPED_ARRAYS,
  "Map",
  "Set",
  "WeakMap",
  "WeakSet",
  "Date",
  "RegExp",
  "Promise",
  "Error",
  "ArrayBuffer",
  "SharedArrayBuffer",
  "DataView",
  "Number",
  "String",
  "Boolean",
  "Symbol",
  "BigInt",
  "Arguments",
  "Generator",
  "Math",
  "JSON",
]);

/**
 * A short description of a value's type: "a number", "an array", "a Float64Array"...
 * With `reveal` false (hidden tests), a type name the learner could have chosen is not repeated.
 */
export function describeType(v: unknown, reveal = true): string {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  if (v instanceof WireOpaque) {
    if (reveal || v.type === undefined || BUILTIN_TYPES.has(v.type)) return v.describe();
    return v.tag === "typed" ? "a typed array" : "a non-plain object";
  }
  switch (typeof v) {
    case "number":
      return "a number";
    case "string":
      return "a string";
    case "boolean":
      return "a boolean";
    case "bigint":
      return "a bigint";
    case "object":
      return "an object";
    default:
      return `a ${typeof v}`;
  }
}

/** A number as a learner reads it: short, exact enough to see the difference. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(10)));
}

function formatValue(v: unknown): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (v === undefined || v === null || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return describeType(v);
}

/** The path of the value holding a missing or extra key. */
function parentPath(d: Difference): string {
  return d.key === undefined ? d.path : d.path.slice(0, d.path.length - propertyPath(d.key).length);
}

/**
 * Where the difference is, for TestResult.where. On hidden tests an extra key is the learner's
 * text (it could spell out the inputs): the path stops at the object that holds it.
 */
export function differencePath(d: Difference, reveal: boolean): string {
  return d.kind === "extra-key" && !reveal ? parentPath(d) : d.path;
}

/**
 * The difference in words. `reveal` is false for hidden tests: then the message never quotes
 * an expected value (only where, what kind, and how far off), nor anything of the learner's
 * value that code could have derived from the hidden inputs (strings, keys, type tags).
 */
export function describeDifference(d: Difference, reveal: boolean): string {
  const at = d.path ? ` at ${d.path}` : "";
  switch (d.kind) {
    case "undefined":
      return d.path
        ? `${d.path} is undefined (did you forget to set it?)`
        : "Your function returned undefined: did you forget to return?";
    case "wrong-type": {
      if (d.actual instanceof WireOpaque && d.actual.tag === "typed" && Array.isArray(d.expected)) {
        return `Returned ${describeType(d.actual, reveal)}${at}; return a plain array (e.g. Array.from(...)).`;
      }
      const quote = reveal && (typeof d.actual === "number" || typeof d.actual === "string");
      return `Expected ${describeType(d.expected)}${at}, got ${describeType(d.actual, reveal)}${quote ? ` (${formatValue(d.actual)})` : ""}.`;
    }
    case "wrong-length": {
      const got = (d.actual as unknown[]).length;
      const want = (d.expected as unknown[]).length;
      const base = `Wrong length${at}: returned ${got} element${got === 1 ? "" : "s"}`;
      return reveal ? `${base}, expected ${want}.` : `${base}.`;
    }
    case "missing-key": {
      // The key comes from the expected value: naming it reveals only what the signature says.
      const parent = parentPath(d);
      return `Missing key \`${d.key}\`${parent ? ` in ${parent}` : ""}.`;
    }
    case "extra-key": {
      if (reveal) return `Unexpected key \`${d.key}\`: return only the fields in the signature.`;
      const parent = parentPath(d);
      return `Unexpected key${parent ? ` in ${parent}` : ""}: return only the fields in the signature.`;
    }
    case "not-finite":
      return `Got ${formatNumber(d.actual as number)}${at} where a finite number was expected.`;
    case "wrong-value":
      if (reveal) {
        const off = d.absError !== undefined ? ` (off by ${d.absError.toExponential(1)})` : "";
        return `Wrong value${at}: expected ${formatValue(d.expected)}, got ${formatValue(d.actual)}${off}.`;
      }
      return d.absError !== undefined ? `Wrong value${at}: off by ${d.absError.toExponential(1)}.` : `Wrong value${at}.`;
  }
}
