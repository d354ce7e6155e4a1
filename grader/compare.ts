// Compares a learner's value with the expected one, numpy.allclose style per number
// (|actual − expected| ≤ atol + rtol·|expected|), recursively over arrays and plain objects,
// and describes the first difference in words a learner can act on. Maps compare by entries
// (keys exactly, values with the tolerance), Sets by members (exactly), Dates by time value,
// BigInts exactly, typed arrays by type and elements (float arrays with the tolerance, integer
// arrays exactly). Any other value that is not plain data never matches anything.
import { encodeWire, TYPED_ARRAYS, WireOpaque } from "./wire";

export interface Tolerance {
  rtol: number;
  atol: number;
  /**
   * Whether the order of array elements matters (exercise.json or a case's `"compare"`):
   * "unordered" compares the outermost arrays of the value as multisets (their elements in
   * order), "unordered-nested" every array at every depth; absent means "ordered".
   */
  order?: ArrayOrder;
}

export const ARRAY_ORDERS = ["ordered", "unordered", "unordered-nested"] as const;
export type ArrayOrder = (typeof ARRAY_ORDERS)[number];

/** The comparison rule of one case: the exercise's tolerance, with the case's order or else the exercise's. */
export function caseTolerance(tol: Tolerance, exerciseOrder?: ArrayOrder, caseOrder?: ArrayOrder): Tolerance {
  const order = caseOrder ?? exerciseOrder ?? "ordered";
  return order === "ordered" ? { rtol: tol.rtol, atol: tol.atol } : { rtol: tol.rtol, atol: tol.atol, order };
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
  | "wrong-value"
  /** A value the grader has no comparison rule for (a function, a symbol, a class instance...). */
  | "unsupported"
  /** An array compared in any order whose elements do not pair up: `missing` and `extra` say which. */
  | "unordered";

export interface Difference {
  kind: DifferenceKind;
  /** Path from the root of the value: "" (the value itself), "[2]", "[1][0]", ".logp". */
  path: string;
  expected: unknown;
  actual: unknown;
  /** |actual − expected| for numbers. */
  absError?: number;
  /** The key, for missing-key and extra-key (of a Map: the key as a learner reads it, e.g. "\"car\"" or "3"). */
  key?: string;
  /** Set when the missing or extra key is a Map key or a Set member rather than an object's property. */
  container?: "map" | "set";
  /** Path of the Map or Set holding a missing or extra key or member. */
  parent?: string;
  /** For "unordered": the expected elements with no partner in the learner's array, and the learner's elements left over. */
  missing?: unknown[];
  extra?: unknown[];
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
  // Never a pass on a value without a comparison rule. A learner's such value (a function, a
  // class instance...) is the wrong type for any expected value below; an expected one is the
  // exercise's fault, which exercises:check reports (its reference fails its own tests).
  if (isUncomparable(expected)) return diff("unsupported");

  if (typeof expected === "number") {
    if (typeof actual !== "number") return diff("wrong-type");
    if (isClose(actual, expected, tol)) return null;
    if (Number.isFinite(expected) && !Number.isFinite(actual)) return diff("not-finite");
    const absError = Number.isFinite(actual) && Number.isFinite(expected) ? Math.abs(actual - expected) : undefined;
    return diff("wrong-value", { absError });
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return diff("wrong-type");
    if (tol.order !== undefined && tol.order !== "ordered") return unorderedDifference(actual, expected, tol, path);
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
  if (expected instanceof Map) {
    if (!(actual instanceof Map)) return diff("wrong-type");
    const index = new KeyIndex(actual.keys());
    for (const [key, value] of expected) {
      const found = index.take(key);
      const keyPath = `${path}.get(${formatKey(key)})`;
      if (found === NOT_FOUND) {
        return { kind: "missing-key", path: keyPath, parent: path, container: "map", key: formatKey(key), expected: value, actual: undefined };
      }
      const d = compareValues(actual.get(found), value, tol, keyPath);
      if (d) return d;
    }
    for (const key of index.rest()) {
      return { kind: "extra-key", path: `${path}.get(${formatKey(key)})`, parent: path, container: "map", key: formatKey(key), expected: undefined, actual: actual.get(key) };
    }
    return null;
  }
  if (expected instanceof Set) {
    if (!(actual instanceof Set)) return diff("wrong-type");
    const index = new KeyIndex(actual.values());
    for (const member of expected) {
      if (index.take(member) === NOT_FOUND) {
        return { kind: "missing-key", path, parent: path, container: "set", key: formatKey(member), expected: member, actual: undefined };
      }
    }
    for (const member of index.rest()) {
      return { kind: "extra-key", path, parent: path, container: "set", key: formatKey(member), expected: undefined, actual: member };
    }
    return null;
  }
  if (expected instanceof Date) {
    if (!(actual instanceof Date)) return diff("wrong-type");
    return isClose(actual.getTime(), expected.getTime(), EXACT) ? null : diff("wrong-value");
  }
  if (expected instanceof WireOpaque) {
    // Only typed arrays reach here (isUncomparable): same type, then element by element.
    if (!(actual instanceof WireOpaque) || actual.tag !== expected.tag || actual.type !== expected.type) return diff("wrong-type");
    // A typed array is a vector, never a collection in any order.
    const elementTol = expected.type !== undefined && FLOAT_ARRAYS.has(expected.type) ? { rtol: tol.rtol, atol: tol.atol } : EXACT;
    return compareValues(actual.value, expected.value, elementTol, path);
  }
  if (typeof expected === "object" && expected !== null) return diff("unsupported");
  // string, boolean, null, bigint, undefined
  if (typeof actual !== typeof expected || (actual === null) !== (expected === null)) return diff("wrong-type");
  return actual === expected ? null : diff("wrong-value");
}

/**
 * Compares two arrays as multisets: each expected element must pair with its own learner element
 * that matches it (numbers within the tolerance, so "matches" is not transitive and pairing is a
 * bipartite matching). Identical elements are paired first, by their canonical form; augmenting
 * paths (Kuhn's algorithm) then pair the rest and may re-pair those, so the matching found is a
 * maximum one: an element is reported missing only when no pairing could place it.
 */
function unorderedDifference(actual: unknown[], expected: unknown[], tol: Tolerance, path: string): Difference | null {
  const inner: Tolerance = tol.order === "unordered-nested" ? tol : { rtol: tol.rtol, atol: tol.atol };
  const partnerOfActual = new Array<number>(actual.length).fill(-1);
  const partnerOfExpected = new Array<number>(expected.length).fill(-1);
  const result = () => {
    const missing = expected.filter((_, i) => partnerOfExpected[i] < 0);
    const extra = actual.filter((_, j) => partnerOfActual[j] < 0);
    return missing.length === 0 && extra.length === 0 ? null : ({ kind: "unordered", path, expected, actual, missing, extra } as Difference);
  };
  if (pairNumbers(actual, expected, inner, partnerOfActual, partnerOfExpected)) return result();
  const byForm = new Map<string, number[]>();
  actual.forEach((a, j) => {
    const form = canonical(a);
    const list = byForm.get(form);
    if (list) list.push(j);
    else byForm.set(form, [j]);
  });
  expected.forEach((e, i) => {
    const j = byForm.get(canonical(e))?.shift();
    if (j !== undefined && compareValues(actual[j], e, inner) === null) {
      partnerOfActual[j] = i;
      partnerOfExpected[i] = j;
    }
  });
  // The learner chooses the array's length: bound the work, so a huge answer that pairs with
  // nothing cannot hold the grader for long (it then fails with what is still unpaired).
  let budget = UNORDERED_COMPARISONS;
  const fitsCache = new Map<number, boolean>();
  const fits = (i: number, j: number): boolean => {
    const key = i * actual.length + j;
    let f = fitsCache.get(key);
    if (f === undefined) {
      f = --budget >= 0 && compareValues(actual[j], expected[i], inner) === null;
      fitsCache.set(key, f);
    }
    return f;
  };
  const augment = (i: number, visited: Uint8Array): boolean => {
    for (let j = 0; j < actual.length; j++) {
      if (visited[j] || !fits(i, j)) continue;
      visited[j] = 1;
      if (partnerOfActual[j] < 0 || augment(partnerOfActual[j], visited)) {
        partnerOfActual[j] = i;
        partnerOfExpected[i] = j;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < expected.length && budget > 0; i++) {
    if (partnerOfExpected[i] < 0) augment(i, new Uint8Array(actual.length));
  }
  return result();
}

/**
 * Comparisons of element pairs one order-free comparison may make beyond pairing identical
 * elements (numbers are paired by sorting, without this bound): about a second of the grader's
 * time, enough to pair some 700 arrays or objects that each differ from theirs by rounding.
 */
export const UNORDERED_COMPARISONS = 500_000;

/**
 * Pairs two arrays of numbers, if both are: each expected number accepts the interval of values
 * within the tolerance around it, and taking intervals by their right end, each pairs with the
 * smallest unpaired learner number inside it; that greedy pairing is a maximum one. Non-finite
 * numbers pair only with themselves. Returns false (pairing nothing) when not all are numbers.
 */
function pairNumbers(actual: unknown[], expected: unknown[], tol: Tolerance, partnerOfActual: number[], partnerOfExpected: number[]): boolean {
  if (!actual.every((a) => typeof a === "number") || !expected.every((e) => typeof e === "number")) return false;
  const a = actual as number[];
  const e = expected as number[];
  const finite = (xs: number[]) => xs.map((_, k) => k).filter((k) => Number.isFinite(xs[k]));
  // NaN and infinities: by identity.
  const special = new Map<string, number[]>();
  a.forEach((x, j) => {
    if (Number.isFinite(x)) return;
    const list = special.get(String(x));
    if (list) list.push(j);
    else special.set(String(x), [j]);
  });
  e.forEach((x, i) => {
    if (Number.isFinite(x)) return;
    const j = special.get(String(x))?.shift();
    if (j !== undefined) {
      partnerOfActual[j] = i;
      partnerOfExpected[i] = j;
    }
  });
  const points = finite(a).sort((p, q) => a[p] - a[q]);
  const radius = (x: number) => tol.atol + tol.rtol * Math.abs(x);
  const intervals = finite(e).sort((p, q) => e[p] + radius(e[p]) - (e[q] + radius(e[q])));
  // Unpaired points in sorted order, as a linked list of "next unpaired" indices (path-halving).
  const next = points.map((_, k) => k);
  const find = (k: number): number => {
    while (k < points.length && next[k] !== k) {
      next[k] = next[next[k]] ?? points.length;
      k = next[k];
    }
    return k;
  };
  for (const i of intervals) {
    const low = e[i] - radius(e[i]);
    // First point ≥ low (binary search), then the first unpaired one from there.
    let lo = 0;
    let hi = points.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (a[points[mid]] < low) lo = mid + 1;
      else hi = mid;
    }
    const k = find(lo);
    if (k < points.length && isClose(a[points[k]], e[i], tol)) {
      partnerOfActual[points[k]] = i;
      partnerOfExpected[i] = points[k];
      next[k] = k + 1;
    }
  }
  return true;
}

const FLOAT_ARRAYS: ReadonlySet<string> = new Set(["Float32Array", "Float64Array", "Float16Array"]);

/** Functions, symbols, class instances, WeakMaps...: described on the wire, with no comparison rule. */
function isUncomparable(v: unknown): boolean {
  return v instanceof WireOpaque && v.tag !== "typed";
}

const NOT_FOUND = Symbol("not found");

/**
 * Finds Map keys and Set members by value: primitives as a Map finds them (SameValueZero), objects
 * and arrays by their exact contents (after a wire round trip no key is the same object). Each
 * key is found once, so what is left over is extra.
 */
class KeyIndex {
  private readonly primitives = new Set<unknown>();
  private readonly objects = new Map<string, unknown[]>();

  constructor(keys: Iterable<unknown>) {
    for (const k of keys) {
      if (isObjectKey(k)) {
        const id = canonical(k);
        const list = this.objects.get(id);
        if (list) list.push(k);
        else this.objects.set(id, [k]);
      } else this.primitives.add(k);
    }
  }

  /** The stored key equal to `key` (removed from the index), or NOT_FOUND. */
  take(key: unknown): unknown {
    if (!isObjectKey(key)) return this.primitives.delete(key) ? key : NOT_FOUND;
    const list = this.objects.get(canonical(key));
    return list && list.length ? list.shift() : NOT_FOUND;
  }

  *rest(): Iterable<unknown> {
    yield* this.primitives;
    for (const list of this.objects.values()) yield* list;
  }
}

function isObjectKey(k: unknown): boolean {
  return k !== null && (typeof k === "object" || typeof k === "function");
}

/** The wire form with object keys sorted: equal for values that compare equal exactly. */
function canonical(v: unknown): string {
  const sortKeys = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(sortKeys);
    if (x === null || typeof x !== "object") return x;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(x).sort()) Object.defineProperty(out, k, { value: sortKeys((x as Record<string, unknown>)[k]), enumerable: true });
    return out;
  };
  return JSON.stringify(sortKeys(encodeWire(v)));
}

/** A Map key or Set member as a learner reads it: "car" quoted, 3, 2n, or its type. */
function formatKey(k: unknown): string {
  if (typeof k === "bigint") return `${k}n`;
  return formatValue(k);
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
  if (v instanceof Map) return "a Map";
  if (v instanceof Set) return "a Set";
  if (v instanceof Date) return "a Date";
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

/** A value as a learner reads it in a message: a number or short string, or its type. */
export function formatValue(v: unknown): string {
  if (typeof v === "number") return formatNumber(v);
  if (typeof v === "string") return JSON.stringify(v.length > 60 ? `${v.slice(0, 60)}…` : v);
  if (v === undefined || v === null || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString();
  return describeType(v);
}

/** The path of the value holding a missing or extra key. */
function parentPath(d: Difference): string {
  if (d.parent !== undefined) return d.parent;
  return d.key === undefined ? d.path : d.path.slice(0, d.path.length - propertyPath(d.key).length);
}

/**
 * Where the difference is, for TestResult.where. On hidden tests an extra key is the learner's
 * text (it could spell out the inputs): the path stops at the object that holds it.
 */
export function differencePath(d: Difference, reveal: boolean): string {
  if (reveal) return d.path;
  return withoutMapKeys(d.kind === "extra-key" ? parentPath(d) : d.path);
}

/** A path with its Map keys replaced by "…": they are data (a hidden input's words), not names. */
function withoutMapKeys(path: string): string {
  return path.replace(/\.get\((?:"(?:[^"\\]|\\.)*"|[^)]*)\)/g, ".get(…)");
}

/**
 * The difference in words. `reveal` is false for hidden tests: then the message never quotes
 * an expected value (only where, what kind, and how far off), nor anything of the learner's
 * value that code could have derived from the hidden inputs (strings, keys, type tags).
 */
export function describeDifference(d: Difference, reveal: boolean): string {
  const at = d.path ? ` at ${differencePath({ ...d, kind: "wrong-value" }, reveal)}` : "";
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
      const parent = reveal ? parentPath(d) : withoutMapKeys(parentPath(d));
      const inside = parent ? ` at ${parent}` : "";
      // A Map's keys and a Set's members are data, not names from the signature: never on hidden tests.
      if (d.container === "map") return reveal ? `The Map${inside} has no key ${d.key}.` : `A key is missing from the Map${inside}.`;
      if (d.container === "set") return reveal ? `The Set${inside} is missing the member ${d.key}.` : `A member is missing from the Set${inside}.`;
      // An object's key comes from the expected value: a name from the signature, or data (a word
      // count's words), so hidden wording never names it.
      if (!reveal) return `A key is missing from the object${parent ? ` at ${parent}` : ""}.`;
      return `Missing key \`${d.key}\`${parent ? ` in ${parent}` : ""}.`;
    }
    case "extra-key": {
      if (d.container) {
        const parent = reveal ? parentPath(d) : withoutMapKeys(parentPath(d));
        const inside = parent ? ` at ${parent}` : "";
        const what = d.container === "map" ? "key" : "member";
        const holder = d.container === "map" ? "Map" : "Set";
        return reveal ? `Unexpected ${what} ${d.key} in the ${holder}${inside}.` : `Unexpected ${what} in the ${holder}${inside}.`;
      }
      if (reveal) return `Unexpected key \`${d.key}\`: return only the fields in the signature.`;
      const parent = withoutMapKeys(parentPath(d));
      return `Unexpected key${parent ? ` in ${parent}` : ""}: return only the fields in the signature.`;
    }
    case "unsupported":
      return (
        `The expected value${at} is ${describeType(d.expected)}, which the grader cannot compare: an error in the exercise, ` +
        "not in your code (expected values are plain data, or a Map, Set, Date, BigInt or typed array)."
      );
    case "not-finite":
      return `Got ${formatNumber(d.actual as number)}${at} where a finite number was expected.`;
    case "unordered": {
      const missing = d.missing ?? [];
      const extra = d.extra ?? [];
      const count = (n: number, what: string) => `${n} ${what}${n === 1 ? "" : "s"}`;
      if (!reveal) {
        return `Wrong elements${at} (in any order): ${count(missing.length, "expected element")} missing, ${count(extra.length, "unexpected element")}.`;
      }
      const parts: string[] = [];
      if (missing.length) parts.push(`is missing ${listElements(missing)}`);
      if (extra.length) parts.push(`has ${extra.length === 1 ? "an unexpected element" : "unexpected elements"} ${listElements(extra)}`);
      return `The result${at} (compared in any order) ${parts.join(" and ")}.`;
    }
    case "wrong-value":
      if (reveal) {
        const off = d.absError !== undefined ? ` (off by ${d.absError.toExponential(1)})` : "";
        return `Wrong value${at}: expected ${formatValue(d.expected)}, got ${formatValue(d.actual)}${off}.`;
      }
      return d.absError !== undefined ? `Wrong value${at}: off by ${d.absError.toExponential(1)}.` : `Wrong value${at}.`;
  }
}

/** Up to three array elements as a learner reads them, e.g. `[1, 2]`, `"ant"` (and how many more). */
function listElements(values: unknown[]): string {
  const shown = values.slice(0, 3).map((v) => `\`${shortText(v, 60)}\``);
  const more = values.length > 3 ? ` and ${values.length - 3} more` : "";
  return `${shown.join(", ")}${more}`;
}

/** A value written out briefly: arrays and plain objects by contents, anything else as formatValue says. */
function shortText(v: unknown, budget: number): string {
  let text: string;
  if (Array.isArray(v)) text = `[${v.map((x) => shortText(x, budget)).join(", ")}]`;
  else if (isPlainObject(v)) text = `{ ${Object.entries(v).map(([k, x]) => `${k}: ${shortText(x, budget)}`).join(", ")} }`;
  else text = formatValue(v);
  return text.length > budget ? `${text.slice(0, budget - 1)}…` : text;
}
