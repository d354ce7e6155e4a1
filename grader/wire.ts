// JSON-safe encoding of the values that cross process boundaries (isolate → worker → pool →
// route → browser). JSON has no NaN, ±Infinity or undefined, and a learner may return a Map or
// a function; those become tagged objects {"$w": ...} so that what the learner returned is what
// the learner is shown. Map, Set, Date and BigInt are carried faithfully and decode to themselves
// (so they can be compared exactly); typed arrays keep their type and elements; anything else
// that is not plain data (a function, a symbol, a class instance, a WeakMap...) is only described. The sandbox harness (grader/harness/isolate-harness.ts) produces exactly this format inside the
// isolate; keep the two in step.

/** Tag key of an encoded special value. An ordinary object that owns this key is wrapped. */
export const WIRE_TAG = "$w";

export type WireTag =
  | "NaN"
  | "Infinity"
  | "-Infinity"
  | "undefined"
  | "bigint"
  /** A Map: {"$w":"map","v":[[key, value], ...]} in insertion order. */
  | "map"
  /** A Set: {"$w":"set","v":[member, ...]} in insertion order. */
  | "set"
  /** A Date: {"$w":"date","v":time value} (NaN, encoded, for an invalid date). */
  | "date"
  | "symbol"
  | "function"
  | "typed"
  | "object"
  | "too-large"
  | "too-deep"
  | "escaped"
  /** A preview: the first part of a longer array, string or object (grader/bounded-result.ts). */
  | "truncated";

/**
 * A value that has no faithful plain-data form (a function, a Map, a typed array...), kept as a
 * description so comparisons and messages can name what the learner returned.
 */
export class WireOpaque {
  constructor(
    /** "function", "symbol", "typed" (typed array), "object" (WeakMap, class instance...), "too-large", "too-deep". */
    readonly tag: WireTag,
    /** Constructor name for typed arrays and objects, e.g. "Float64Array" or "WeakMap". */
    readonly type?: string,
    /** Elements of a typed array, or a symbol's description. */
    readonly value?: unknown,
  ) {}

  describe(): string {
    switch (this.tag) {
      case "function":
        return "a function";
      case "symbol":
        return "a symbol";
      case "typed":
        return `a ${this.type ?? "typed array"}`;
      case "object":
        return `a ${this.type ?? "non-plain object"}`;
      case "too-large":
        return "a value too large to compare";
      case "too-deep":
        return "a value nested too deeply (circular?)";
      case "truncated": {
        const { length } = (this.value ?? {}) as { length?: number };
        const unit = truncatedUnit(this.type);
        return `a ${this.type ?? "value"} of ${Number(length).toLocaleString("en-US")} ${unit}, too long to show in full`;
      }
      default:
        return this.tag;
    }
  }
}

/** What a truncated preview of this type counts (grader/bounded-result.ts). */
export function truncatedUnit(type: string | undefined): string {
  switch (type) {
    case "string":
      return "characters";
    case "object":
      return "keys";
    case "Map":
      return "entries";
    case "Set":
      return "members";
    default:
      return "elements";
  }
}

/** Typed array constructors, by name. */
export const TYPED_ARRAYS: ReadonlySet<string> = new Set([
  "Int8Array",
  "Uint8Array",
  "Uint8ClampedArray",
  "Int16Array",
  "Uint16Array",
  "Int32Array",
  "Uint32Array",
  "Float32Array",
  "Float64Array",
  "BigInt64Array",
  "BigUint64Array",
]);

function isPlainObject(v: object): boolean {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The type name of an object that is not plain data: its Symbol.toStringTag ("WeakMap",
 * "Promise"), or for a class instance its constructor's name. The harness computes the same.
 */
export function objectTypeName(obj: object): string {
  const tag = Object.prototype.toString.call(obj).slice(8, -1);
  if (tag !== "Object") return tag;
  try {
    const ctor = (Object.getPrototypeOf(obj) as { constructor?: unknown } | null)?.constructor;
    const name = typeof ctor === "function" ? ctor.name : "";
    return typeof name === "string" && name ? name : "Object";
  } catch {
    return "Object";
  }
}

/** Encodes a host value into JSON-safe data (the inverse of decodeWire). */
export function encodeWire(value: unknown, depth = 0): unknown {
  if (depth > 200) return { [WIRE_TAG]: "too-deep" };
  switch (typeof value) {
    case "number":
      if (Number.isNaN(value)) return { [WIRE_TAG]: "NaN" };
      if (value === Infinity) return { [WIRE_TAG]: "Infinity" };
      if (value === -Infinity) return { [WIRE_TAG]: "-Infinity" };
      return value;
    case "string":
    case "boolean":
      return value;
    case "undefined":
      return { [WIRE_TAG]: "undefined" };
    case "bigint":
      return { [WIRE_TAG]: "bigint", v: value.toString() };
    case "symbol":
      return { [WIRE_TAG]: "symbol", v: value.description ?? "" };
    case "function":
      return { [WIRE_TAG]: "function" };
  }
  if (value === null) return null;
  if (value instanceof WireOpaque) {
    const out: Record<string, unknown> = { [WIRE_TAG]: value.tag };
    if (value.type !== undefined) out.type = value.type;
    if (value.value !== undefined) out.v = encodeWire(value.value, depth + 1);
    return out;
  }
  if (Array.isArray(value)) {
    const out = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) out[i] = encodeWire(value[i], depth + 1);
    return out;
  }
  const obj = value as object;
  if (obj instanceof Map) {
    const entries: unknown[] = [];
    for (const [k, v] of obj) entries.push([encodeWire(k, depth + 1), encodeWire(v, depth + 1)]);
    return { [WIRE_TAG]: "map", v: entries };
  }
  if (obj instanceof Set) {
    const members: unknown[] = [];
    for (const m of obj) members.push(encodeWire(m, depth + 1));
    return { [WIRE_TAG]: "set", v: members };
  }
  if (obj instanceof Date) return { [WIRE_TAG]: "date", v: encodeWire(obj.getTime(), depth + 1) };
  if (ArrayBuffer.isView(obj) && TYPED_ARRAYS.has(obj.constructor?.name ?? "")) {
    return {
      [WIRE_TAG]: "typed",
      type: obj.constructor.name,
      v: Array.from(obj as unknown as ArrayLike<number>, (x) => encodeWire(x, depth + 1)),
    };
  }
  // Class instances included: their own fields are not all they are (methods, private fields).
  if (!isPlainObject(obj)) return { [WIRE_TAG]: "object", type: objectTypeName(obj) };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) setOwn(out, key, encodeWire((obj as Record<string, unknown>)[key], depth + 1));
  return Object.prototype.hasOwnProperty.call(out, WIRE_TAG) ? { [WIRE_TAG]: "escaped", v: out } : out;
}

/** Decodes wire data back into host values: NaN, ±Infinity and undefined become themselves. */
export function decodeWire(data: unknown): unknown {
  if (data === null || typeof data !== "object") return data;
  if (Array.isArray(data)) return data.map(decodeWire);
  const obj = data as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(obj, WIRE_TAG)) {
    const tag = obj[WIRE_TAG] as WireTag;
    switch (tag) {
      case "NaN":
        return NaN;
      case "Infinity":
        return Infinity;
      case "-Infinity":
        return -Infinity;
      case "undefined":
        return undefined;
      case "bigint":
        return BigInt(String(obj.v));
      case "map":
        return new Map(asArray(obj.v).map((e) => {
          const [k, v] = asArray(e);
          return [decodeWire(k), decodeWire(v)] as const;
        }));
      case "set":
        return new Set(asArray(obj.v).map(decodeWire));
      case "date":
        return new Date(Number(decodeWire(obj.v)));
      case "escaped":
        return decodeObject(obj.v as Record<string, unknown>);
      case "typed":
        return new WireOpaque("typed", String(obj.type), decodeWire(obj.v));
      case "symbol":
        return new WireOpaque("symbol", undefined, obj.v);
      case "object":
        return new WireOpaque("object", typeof obj.type === "string" ? obj.type : undefined);
      case "truncated":
        return new WireOpaque("truncated", typeof obj.type === "string" ? obj.type : undefined, decodeWire(obj.v));
      case "function":
      case "too-large":
      case "too-deep":
        return new WireOpaque(tag);
      default:
        return decodeObject(obj);
    }
  }
  return decodeObject(obj);
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

function decodeObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) setOwn(out, key, decodeWire(obj[key]));
  return out;
}

/** Assignment that also works for a key named "__proto__" (which `out[key] = v` would not store). */
function setOwn(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** Encodes to JSON text. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(encodeWire(value));
}

/** Parses JSON text produced by toWireJson (or by the sandbox harness). */
export function fromWireJson(text: string): unknown {
  return decodeWire(JSON.parse(text));
}

/** A deep copy through the wire format: what a value looks like after crossing a boundary. */
export function wireClone<T>(value: T): T {
  return decodeWire(encodeWire(value)) as T;
}
