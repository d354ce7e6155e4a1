// Keeps a result small whatever the code returned: a 1.9 M-character string or a 10^5-element
// array on every test must not make a response, a stored row or an instructor's page megabytes.
// Comparison has already happened on the full values; what is reported are previews.
import { RESULT_BOUNDS } from "./limits";
import type { GradeResult, TestResult } from "./types";
import { WIRE_TAG } from "./wire";

function jsonBytes(v: unknown): number {
  return Buffer.byteLength(JSON.stringify(v) ?? "", "utf8");
}

/**
 * A preview of wire-encoded data in about `maxBytes` of JSON: values that fit are returned as
 * they are; longer arrays, strings and objects keep their first part and their full length, as
 * {"$w":"truncated","type":"array"|"string"|"object","v":{"head":…,"length":N}}.
 */
export function previewWire(value: unknown, maxBytes: number): unknown {
  if (jsonBytes(value) <= maxBytes) return value;
  return cut(value, { left: maxBytes });
}

function truncated(type: "array" | "string" | "object", head: unknown, length: number): unknown {
  return { [WIRE_TAG]: "truncated", type, v: { head, length } };
}

function cut(v: unknown, budget: { left: number }): unknown {
  if (typeof v === "string") {
    if (v.length + 2 <= budget.left) {
      budget.left -= v.length + 2;
      return v;
    }
    let keep = Math.max(0, Math.min(v.length, budget.left - 80));
    // Never split a surrogate pair: half of one is not text.
    if (keep > 0 && /[\uD800-\uDBFF]/.test(v[keep - 1])) keep--;
    budget.left -= keep + 80;
    return truncated("string", v.slice(0, keep), v.length);
  }
  if (v === null || typeof v !== "object") {
    budget.left -= String(v).length + 1;
    return v;
  }
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    budget.left -= 2;
    for (let i = 0; i < v.length; i++) {
      if (budget.left <= 0) return truncated("array", out, v.length);
      out.push(cut(v[i], budget));
    }
    return out;
  }
  const obj = v as Record<string, unknown>;
  if (Object.prototype.hasOwnProperty.call(obj, WIRE_TAG)) {
    const tag = obj[WIRE_TAG];
    if (tag === "typed") return { ...obj, v: cut(obj.v, budget) };
    if (tag === "map" || tag === "set") {
      // A cut list of entries is no longer the whole Map: it becomes a marker holding the first ones.
      const inner = cut(obj.v, budget) as Record<string, unknown>;
      const type = tag === "map" ? "Map" : "Set";
      return inner !== null && typeof inner === "object" && inner[WIRE_TAG] === "truncated" ? { ...inner, type } : { ...obj, v: inner };
    }
    if (tag === "escaped") {
      const inner = cutObject(obj.v as Record<string, unknown>, budget);
      // A cut object is a marker already; a whole one stays escaped.
      return inner !== null && typeof inner === "object" && (inner as Record<string, unknown>)[WIRE_TAG] === "truncated"
        ? inner
        : { [WIRE_TAG]: "escaped", v: inner };
    }
    budget.left -= 60; // the other tags are small
    return obj;
  }
  return cutObject(obj, budget);
}

function cutObject(obj: Record<string, unknown>, budget: { left: number }): unknown {
  const out: Record<string, unknown> = {};
  const keys = Object.keys(obj);
  budget.left -= 2;
  for (const key of keys) {
    if (budget.left <= 0) return truncated("object", out, keys.length);
    budget.left -= key.length + 4;
    Object.defineProperty(out, key, { value: cut(obj[key], budget), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function cutText(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function boundTest(t: TestResult, valueBytes: number, messageChars: number): TestResult {
  const out: TestResult = { ...t };
  if (t.input !== undefined) out.input = previewWire(t.input, valueBytes) as unknown[];
  if (t.expected !== undefined) out.expected = previewWire(t.expected, valueBytes);
  if (t.actual !== undefined) out.actual = previewWire(t.actual, valueBytes);
  if (t.message !== undefined) out.message = cutText(t.message, messageChars);
  if (t.where !== undefined) out.where = cutText(t.where, 200);
  if (t.console !== undefined) out.console = cutText(t.console, Math.max(valueBytes, 256));
  return out;
}

/** The result with previews small enough that its JSON stays within RESULT_BOUNDS.maxBytes. */
export function boundResult(result: GradeResult, bounds = RESULT_BOUNDS): GradeResult {
  if (jsonBytes(result) <= bounds.maxBytes) return result;
  let out = result;
  for (const valueBytes of bounds.valueBytes) {
    const messageChars = valueBytes > 0 ? bounds.messageChars : 200;
    out = {
      ...result,
      ...(result.error ? { error: { ...result.error, message: cutText(result.error.message, bounds.messageChars) } } : {}),
      console: cutText(result.console, valueBytes > 0 ? result.console.length : 4096),
      tests: result.tests.map((t) => boundTest(t, valueBytes, messageChars)),
    };
    if (jsonBytes(out) <= bounds.maxBytes) return out;
  }
  // Only reachable with thousands of tests: keep the verdict and the counts.
  return { ...out, tests: out.tests.slice(0, 100), console: "" };
}
