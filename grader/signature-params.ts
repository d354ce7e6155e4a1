// Optional parameters and how a case's arguments are written in tests.json. A case gives its
// arguments as a list (`"args": [1]`, trailing optional parameters left out) or by parameter name
// (`"args": { "a": 1, "c": 3 }`), and `null` for an optional parameter whose type does not admit
// null stands for `undefined` (JSON has none). The loader turns every form into the argument list
// the function is called with: `[1]` calls f(1), `[1, undefined, 3]` calls f(1, undefined, 3).
// Which parameters are optional is read from exercise.json's `signature` (`b?: number`) by a
// small scanner here, as the loader runs in the app too; exercises:check compares it with the
// TypeScript compiler's reading (grader/test-data.ts).
import { formatNumber } from "./compare";

export interface ParamInfo {
  name: string;
  /** Declared `name?: T` (or with a default value): a case may leave it out or pass undefined. */
  optional: boolean;
  /** `null` is one of the type's union members: then a `null` argument is null, not undefined. */
  nullable: boolean;
}

/** Splits `text` at top-level occurrences of `sep`, outside brackets and string literals. */
function splitTopLevel(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = "";
      continue;
    }
    if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if ("([{<".includes(ch)) depth++;
    else if (")]}".includes(ch) || (ch === ">" && text[i - 1] !== "=")) depth--;
    else if (ch === sep && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** The parameters of `export function f(a: T, b?: U): R`, or null when the text is not such a declaration. */
export function signatureParams(signature: string): ParamInfo[] | null {
  const head = /\bfunction\s+[A-Za-z_$][\w$]*\s*(?:<[^(]*>)?\s*\(/.exec(signature);
  if (!head) return null;
  const open = head.index + head[0].length - 1;
  let depth = 0;
  let close = -1;
  for (let i = open; i < signature.length; i++) {
    if (signature[i] === "(") depth++;
    else if (signature[i] === ")" && --depth === 0) {
      close = i;
      break;
    }
  }
  if (close < 0) return null;
  const inner = signature.slice(open + 1, close).trim();
  if (inner === "") return [];
  const params: ParamInfo[] = [];
  for (const part of splitTopLevel(inner, ",")) {
    // `name`, `?`, then `: type` and/or `= default` (an `=` not part of an arrow `=>`).
    const [declared, ...initializer] = splitTopLevel(part.replace(/=>/g, "\u0000"), "=");
    const m = /^\s*([A-Za-z_$][\w$]*)\s*(\?)?\s*(?::([\s\S]*))?$/.exec(declared.replace(/\u0000/g, "=>"));
    if (!m) return null;
    const type = m[3] ?? "";
    params.push({
      name: m[1],
      optional: m[2] !== undefined || initializer.length > 0,
      nullable: splitTopLevel(type, "|").some((t) => t.trim() === "null"),
    });
  }
  return params;
}

/** The parameters of an exercise: names from `params`, optional markers from the signature when it agrees. */
export function exerciseParams(meta: { params: string[]; signature: string }): ParamInfo[] {
  const parsed = signatureParams(meta.signature);
  if (parsed && parsed.map((p) => p.name).join(",") === meta.params.join(",")) return parsed;
  return meta.params.map((name) => ({ name, optional: false, nullable: false }));
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * A case's `args` as written in tests.json (a list or an object by parameter name) as the list
 * the function is called with, or what is wrong with it.
 */
export function normalizeArgs(raw: unknown, params: ParamInfo[]): { args: unknown[] } | { problem: string } {
  const value = (p: ParamInfo, v: unknown) => (v === null && p.optional && !p.nullable ? undefined : v);
  if (Array.isArray(raw)) {
    if (raw.length > params.length) return { problem: `${raw.length} args but exercise.json lists ${params.length} params` };
    const missing = params.slice(raw.length).filter((p) => !p.optional);
    if (missing.length) {
      return { problem: `${raw.length} args but exercise.json lists ${params.length} params (only optional parameters, \`name?: type\` in the signature, may be left out; missing: ${missing.map((p) => p.name).join(", ")})` };
    }
    return { args: raw.map((v, i) => value(params[i], v)) };
  }
  if (isPlainObject(raw)) {
    const unknown = Object.keys(raw).filter((k) => !params.some((p) => p.name === k));
    if (unknown.length) return { problem: `args names ${unknown.map((k) => `\`${k}\``).join(", ")}, which ${unknown.length === 1 ? "is not a parameter" : "are not parameters"} (params: ${params.map((p) => p.name).join(", ") || "none"})` };
    const missing = params.filter((p) => !p.optional && !Object.prototype.hasOwnProperty.call(raw, p.name));
    if (missing.length) return { problem: `args misses the required parameter${missing.length === 1 ? "" : "s"} ${missing.map((p) => `\`${p.name}\``).join(", ")}` };
    // Parameters after the last one given are not passed at all; one left out before it is undefined.
    let last = -1;
    params.forEach((p, i) => {
      if (Object.prototype.hasOwnProperty.call(raw, p.name)) last = i;
    });
    return { args: params.slice(0, last + 1).map((p) => (Object.prototype.hasOwnProperty.call(raw, p.name) ? value(p, raw[p.name]) : undefined)) };
  }
  return { problem: "args must be a list of arguments or an object by parameter name" };
}

/**
 * A call as a learner reads it: `f(1)`, `f(1, undefined)`, `hello()`. Numbers, short strings,
 * booleans, null and undefined are written out; anything larger is named by its parameter, its
 * value being shown next to the name.
 */
export function callText(exportName: string, params: string[], args: unknown[]): string {
  const arg = (v: unknown, i: number): string => {
    if (v === undefined || v === null || typeof v === "boolean") return String(v);
    if (typeof v === "number") return formatNumber(v);
    if (typeof v === "bigint") return `${v}n`;
    if (typeof v === "string" && v.length <= 40) return JSON.stringify(v);
    return params[i] ?? `arg${i + 1}`;
  };
  return `${exportName}(${args.map(arg).join(", ")})`;
}
