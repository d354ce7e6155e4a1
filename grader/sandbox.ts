// Runs one submission in a fresh isolated-vm isolate. The context holds no host object but
// one callback for console output. A harness script runs before the learner's code and
// captures the intrinsics it needs, so learner code that overwrites Math, JSON or prototypes
// cannot break it. Arguments go in as JSON text and results come out as wire-encoded JSON text
// built by the harness inside the isolate: no reference to an isolate object reaches the host,
// and the host decides pass or fail on its own copy of the data.
//
// Must run in a process started with --no-node-snapshot: isolated-vm's README requires it on every
// Node.js from 20 on (24 and 22 included), or V8 may crash when an isolate is created.
import ivm from "isolated-vm";
import { SOLUTION_FILE, type CompiledSubmission } from "./compile";
import type { ErrorKind, GradeError } from "./types";
import { decodeWire } from "./wire";

export interface SandboxLimits {
  /** Heap limit of the isolate. */
  memoryMb: number;
  /** Time for the module's top level to run. */
  loadMs: number;
  /** Time for one call of the learner's function. */
  callMs: number;
  /** Time for the whole submission (load + every call). */
  totalMs: number;
  /** Console output kept and shown to the learner. */
  consoleKeepBytes: number;
  /** Console output beyond this is a flood: verdict error, kind output-limit. */
  consoleMaxBytes: number;
  /** Caps on a return value: encoded nodes and characters. */
  resultNodes: number;
  resultChars: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  memoryMb: 64,
  loadMs: 500,
  callMs: 1000,
  totalMs: 3000,
  consoleKeepBytes: 16 * 1024,
  consoleMaxBytes: 256 * 1024,
  resultNodes: 100_000,
  resultChars: 2_000_000,
};

/**
 * Replaces, once, whatever the code printed while hidden inputs were in the isolate: that
 * output could echo them. Flood detection still counts it.
 */
export const HIDDEN_OUTPUT_MARKER = "── hidden test output withheld ──";

export type CallResult =
  | { ok: true; value: unknown; args: unknown[]; ms: number }
  /** fatal: the isolate is no longer usable (timeout, memory) and the submission must stop. */
  | { ok: false; error: GradeError; fatal: boolean; ms: number };

// The learner's CommonJS module is wrapped in a function on its own first line, so the
// learner's generated line N is line N + 1 of the script.
const WRAP_PREFIX = "(function (exports, module, require) {\n";
const WRAP_SUFFIX = "\n})";

/** One submission's isolate. Always call dispose(). */
export class Sandbox {
  private readonly isolate: ivm.Isolate;
  private readonly context: ivm.Context;
  private readonly loadRef: ivm.Reference<unknown>;
  private readonly callRef: ivm.Reference<unknown>;
  private compiled?: CompiledSubmission;
  private started = 0;
  private consoleChunks: string[] = [];
  private keptBytes = 0;
  private printedBytes = 0;
  /**
   * Set by the first call on a hidden case and never cleared: from then on the code may hold
   * hidden inputs (in a global, say), so nothing it prints or throws is passed on verbatim.
   */
  private hiddenPhase = false;
  /** What the learner printed (truncated to consoleKeepBytes). */
  consoleTruncated = false;
  /** True when output printed during hidden cases was dropped (the marker line stands for it). */
  consoleWithheld = false;

  constructor(readonly limits: SandboxLimits = DEFAULT_LIMITS) {
    this.isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
    try {
      this.context = this.isolate.createContextSync();
      this.context.global.setSync("__graderLog", new ivm.Callback((text: unknown) => this.onConsole(String(text))));
      const harness = this.isolate
        .compileScriptSync(harnessSource(limits), { filename: "grader-harness.js" })
        .runSync(this.context, { reference: true, timeout: 1000 }) as ivm.Reference<{ load: unknown; call: unknown }>;
      this.loadRef = harness.getSync("load", { reference: true }) as ivm.Reference<unknown>;
      this.callRef = harness.getSync("call", { reference: true }) as ivm.Reference<unknown>;
      harness.release();
    } catch (e) {
      this.dispose();
      throw e;
    }
  }

  get console(): string {
    return this.consoleChunks.join("");
  }

  /** True when the submission printed more than consoleMaxBytes. */
  get consoleFlooded(): boolean {
    return this.printedBytes > this.limits.consoleMaxBytes;
  }

  private onConsole(text: string): boolean {
    const line = text + "\n";
    this.printedBytes += line.length;
    if (!this.hiddenPhase) this.keep(line, false);
    else if (!this.consoleWithheld) {
      this.consoleWithheld = true;
      this.keep(HIDDEN_OUTPUT_MARKER + "\n", true);
    }
    // Tells the harness to stop formatting output once the learner is flooding.
    return this.consoleFlooded;
  }

  /** Keeps output up to consoleKeepBytes; a `whole` line is kept entirely or not at all. */
  private keep(line: string, whole: boolean): void {
    if (this.consoleTruncated) return;
    const room = this.limits.consoleKeepBytes - this.keptBytes;
    if (line.length <= room) {
      this.consoleChunks.push(line);
      this.keptBytes += line.length;
      return;
    }
    if (!whole) this.consoleChunks.push(line.slice(0, Math.max(0, room)));
    this.keptBytes = this.limits.consoleKeepBytes;
    this.consoleTruncated = true;
  }

  /** Runs the module's top level and finds the export; an error means nothing can be graded. */
  load(compiled: CompiledSubmission, exportName: string): GradeError | undefined {
    this.compiled = compiled;
    this.started = performance.now();
    let wrapper: ivm.Reference<unknown>;
    try {
      wrapper = this.isolate
        .compileScriptSync(WRAP_PREFIX + compiled.js + WRAP_SUFFIX, { filename: SOLUTION_FILE })
        .runSync(this.context, { reference: true, timeout: this.limits.loadMs }) as ivm.Reference<unknown>;
    } catch (e) {
      // esbuild accepted it but V8 did not (rare: e.g. a regex flag V8 does not know).
      if (e instanceof SyntaxError || (e as Error)?.name === "SyntaxError") {
        return { kind: "compile", message: `SyntaxError: ${(e as Error).message}` };
      }
      return this.hostFailure(e, "load");
    }
    let reply: string;
    try {
      reply = this.loadRef.applySync(undefined, [wrapper.derefInto(), exportName], {
        timeout: Math.max(1, Math.floor(Math.min(this.limits.loadMs, this.remainingMs()))),
      }) as string;
    } catch (e) {
      return this.hostFailure(e, "load");
    } finally {
      wrapper.release();
    }
    const parsed = parseReply<HarnessLoadReply>(reply);
    if (!parsed) return unreadable();
    if (parsed.ok) return this.consoleFlooded ? this.floodError() : undefined;
    if (parsed.kind === "missing-export") return missingExport(exportName, parsed.exported, parsed.type);
    return this.runtimeError(parsed.error, "while loading your file");
  }

  /**
   * Calls the learner's function on wire-encoded arguments. `hidden` marks a hidden case: from
   * this call on, console output is withheld and exceptions are described without their text.
   */
  call(wireArgs: unknown[], options: { hidden?: boolean } = {}): CallResult {
    if (options.hidden) this.hiddenPhase = true;
    const t0 = performance.now();
    const remaining = this.remainingMs();
    if (remaining <= 0) {
      return { ok: false, fatal: true, ms: 0, error: this.timeoutError("total") };
    }
    // isolated-vm wants a whole number of milliseconds.
    const timeout = Math.max(1, Math.floor(Math.min(this.limits.callMs, remaining)));
    let reply: string;
    try {
      reply = this.callRef.applySync(undefined, [JSON.stringify(wireArgs)], { timeout }) as string;
    } catch (e) {
      const ms = performance.now() - t0;
      const total = timeout < this.limits.callMs;
      const error = this.hostFailure(e, total ? "total" : "call");
      return { ok: false, fatal: error.kind !== "runtime", ms, error };
    }
    const ms = performance.now() - t0;
    if (this.consoleFlooded) return { ok: false, fatal: true, ms, error: this.floodError() };
    const parsed = parseReply<HarnessCallReply>(reply);
    if (!parsed) return { ok: false, fatal: true, ms, error: unreadable() };
    if (parsed.ok) {
      return { ok: true, value: decodeWire(parsed.v), args: decodeWire(parsed.a) as unknown[], ms };
    }
    switch (parsed.kind) {
      case "async":
        return {
          ok: false,
          fatal: false,
          ms,
          error: {
            kind: "runtime",
            message:
              "Your function returned a Promise: it must return its value synchronously (remove `async` and `await`).",
          },
        };
      case "too-large":
        return {
          ok: false,
          fatal: false,
          ms,
          error: {
            kind: "output-limit",
            message: `Your function's return value is too large (more than ${this.limits.resultNodes.toLocaleString("en-US")} values or ${formatChars(this.limits.resultChars)}).`,
          },
        };
      default:
        return { ok: false, fatal: false, ms, error: this.runtimeError(parsed.error, parsed.during) };
    }
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  private remainingMs(): number {
    return this.limits.totalMs - (performance.now() - this.started);
  }

  private floodError(): GradeError {
    return {
      kind: "output-limit",
      message: `Your code printed more than ${formatChars(this.limits.consoleMaxBytes)} with console (only the first ${formatChars(this.limits.consoleKeepBytes)} are kept). Remove logging from loops.`,
    };
  }

  private timeoutError(scope: "load" | "call" | "total"): GradeError {
    const ms = (n: number) => (n >= 1000 ? `${n / 1000} s` : `${n} ms`);
    const message =
      scope === "load"
        ? `The top level of your file ran for more than ${ms(this.limits.loadMs)} (an infinite loop outside your function?).`
        : scope === "call"
          ? `Your function ran for more than ${ms(this.limits.callMs)} on one test (an infinite loop?).`
          : `Your code used up the total time limit of ${ms(this.limits.totalMs)} for all tests.`;
    return { kind: "timeout", message };
  }

  /**
   * An exception that escaped the harness: isolated-vm's timeout or memory limit, or a promise
   * rejection nobody handled (isolated-vm reports those from the microtask queue).
   */
  private hostFailure(e: unknown, scope: "load" | "call" | "total"): GradeError {
    // A flood that then ran out of time (slow on a busy machine) is still a flood: say so.
    if (this.consoleFlooded) return this.floodError();
    const message = String((e as Error)?.message ?? e);
    if (/timed out/i.test(message)) return this.timeoutError(scope);
    if (this.isolate.isDisposed || /memory limit|disposed/i.test(message)) return this.memoryError();
    const stack = typeof (e as Error)?.stack === "string" ? (e as Error).stack! : "";
    const name = typeof (e as Error)?.name === "string" ? (e as Error).name : "Error";
    return this.runtimeError({ name, message, stack }, "in a promise callback");
  }

  private memoryError(): GradeError {
    return { kind: "memory", message: `Your code used more than the ${this.limits.memoryMb} MB memory limit.` };
  }

  private runtimeError(raw: HarnessError | undefined, during?: string): GradeError {
    const str = (v: unknown) => (typeof v === "string" ? v : "");
    const info = { name: str(raw?.name), message: str(raw?.message), stack: str(raw?.stack), thrown: raw?.thrown === true };
    const text = info.name && info.message ? `${info.name}: ${info.message}` : info.message || info.name || "an exception";
    if (/Array buffer allocation failed|Invalid string length/.test(text)) return this.memoryError();
    const pos = this.position(info.stack);
    const hint = /Maximum call stack size exceeded/.test(text) ? " (infinite recursion?)" : "";
    const context = during ? ` ${during}` : "";
    if (this.hiddenPhase) {
      // The name, message and thrown value are the learner's to choose, and on a hidden case they
      // could carry its inputs: say only what kind of thing was thrown, from a fixed list, and where.
      const what = info.thrown ? `a non-Error value (${THROWN_TYPES.get(str(raw?.type)) ?? "a value"})` : standardErrorName(info.name);
      return {
        kind: "runtime",
        message:
          `Your code threw ${what}${context}${pos ? ` at line ${pos.line} of your code` : ""}${hint}. ` +
          "Its message is not shown on hidden tests, as it could reveal their inputs.",
        ...(pos ?? {}),
      };
    }
    const where = pos ? ` at line ${pos.line}` : "";
    return {
      kind: "runtime",
      message: `${info.thrown ? "Your code threw a non-Error value" : "Your code threw"}${context}${where}: ${text}${hint}`,
      ...(pos ?? {}),
    };
  }

  /** The first stack frame in the learner's file, mapped back to their TypeScript. */
  private position(stack: string): { line: number; column: number } | undefined {
    if (!this.compiled || !stack) return undefined;
    const escaped = SOLUTION_FILE.replace(/\./g, "\\.");
    const match = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
    if (!match) return undefined;
    const line = Number(match[1]) - 1; // the wrapper's first line
    if (line < 1) return undefined;
    return this.compiled.position(line, Number(match[2]));
  }
}

interface HarnessError {
  name: string;
  message: string;
  stack: string;
  /** True when the thrown value was not an Error. */
  thrown?: boolean;
  /** typeof the thrown value ("null" for null). */
  type?: string;
}

/** Error names a hidden test's message may repeat; any other name is the learner's own text. */
const STANDARD_ERRORS = ["Error", "TypeError", "RangeError", "ReferenceError", "SyntaxError", "EvalError", "URIError", "AggregateError"];

function standardErrorName(name: string): string {
  if (!STANDARD_ERRORS.includes(name)) return "an exception";
  return `${/^[AEIOU]/.test(name) ? "an" : "a"} ${name}`;
}

const THROWN_TYPES = new Map([
  ["string", "a string"],
  ["number", "a number"],
  ["bigint", "a bigint"],
  ["boolean", "a boolean"],
  ["symbol", "a symbol"],
  ["undefined", "undefined"],
  ["null", "null"],
  ["object", "an object"],
  ["function", "a function"],
]);

type HarnessLoadReply =
  | { ok: true }
  | { ok: false; kind: "missing-export"; exported: string[]; type: string }
  | { ok: false; kind: "runtime"; error: HarnessError };

type HarnessCallReply =
  | { ok: true; v: unknown; a: unknown }
  | { ok: false; kind: "async" | "too-large" }
  | { ok: false; kind: "runtime"; error: HarnessError; during?: string };

/** The harness always answers with JSON text; anything else means it was subverted. */
function parseReply<T extends { ok: boolean }>(reply: unknown): T | undefined {
  if (typeof reply !== "string") return undefined;
  try {
    const parsed = JSON.parse(reply) as T;
    return parsed !== null && typeof parsed === "object" && typeof parsed.ok === "boolean" ? parsed : undefined;
  } catch {
    return undefined;
  }
}

function unreadable(): GradeError {
  return { kind: "crash", message: "The grader could not read what your code produced." };
}

function missingExport(name: string, exported: unknown, type: unknown): GradeError {
  if (!Array.isArray(exported) || !exported.every((e) => typeof e === "string")) exported = [];
  return describeMissingExport(name, exported as string[], String(type));
}

function describeMissingExport(name: string, exported: string[], type: string): GradeError {
  let message = `Your code must export a function named \`${name}\`: \`export function ${name}(...) { ... }\`.`;
  if (type !== "undefined") message += ` \`${name}\` is exported but it is ${type === "object" ? "not a function" : `a ${type}`}.`;
  else if (exported.length === 0) message += " Your file exports nothing.";
  else {
    const close = exported.find((e) => e.toLowerCase() === name.toLowerCase());
    const list = exported.map((e) => (e === "default" ? "a default export" : `\`${e}\``)).join(", ");
    message += ` It exports ${list}${close ? ` — did you mean \`${name}\`? Names are case-sensitive.` : "."}`;
    if (exported.includes("default") && !close) message += " Only the named export counts.";
  }
  return { kind: "missing-export", message };
}

function formatChars(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(0)} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * The harness, as plain JavaScript run inside the isolate (a string, so no bundler helper can
 * sneak in). It evaluates to { load, call }; the host keeps references to those two functions
 * and they never appear on the learner's global object.
 */
function harnessSource(limits: SandboxLimits): string {
  return `(function () {
"use strict";
var G = globalThis;
var hostLog = G.__graderLog;
delete G.__graderLog;
var apply = Reflect.apply;
var keys = Object.keys;
var defineProperty = Object.defineProperty;
var isArray = Array.isArray;
var isView = ArrayBuffer.isView;
var objToString = Object.prototype.toString;
var hasOwn = Object.prototype.hasOwnProperty;
var strSlice = String.prototype.slice;
var arrSlice = Array.prototype.slice;
var jsonParse = JSON.parse;
var jsonStringify = JSON.stringify;
var StringFn = String;
var NaN_ = NaN, Inf = Infinity;
var MAX_NODES = ${limits.resultNodes};
var MAX_CHARS = ${limits.resultChars};
var MAX_DEPTH = 64;
var MSG_CHARS = ${limits.consoleKeepBytes};
var TOO_LARGE = {};

function tagOf(v) { return apply(strSlice, apply(objToString, v, []), [8, -1]); }
function cut(s, n) { return s.length > n ? apply(strSlice, s, [0, n]) + "…" : s; }

// --- wire encoding (see grader/wire.ts), written as JSON text directly.
function enc(v, depth, st) {
  if (++st.nodes > MAX_NODES || st.chars > MAX_CHARS) throw TOO_LARGE;
  switch (typeof v) {
    case "number":
      if (v !== v) return '{"$w":"NaN"}';
      if (v === Inf) return '{"$w":"Infinity"}';
      if (v === -Inf) return '{"$w":"-Infinity"}';
      st.chars += 8;
      return "" + v;
    case "string":
      if (v.length > MAX_CHARS) throw TOO_LARGE;
      st.chars += v.length;
      return jsonStringify(v);
    case "boolean": return v ? "true" : "false";
    case "undefined": return '{"$w":"undefined"}';
    case "bigint": return '{"$w":"bigint","v":"' + v + '"}';
    case "symbol": return '{"$w":"symbol"}';
    case "function": return '{"$w":"function"}';
  }
  if (v === null) return "null";
  if (depth > MAX_DEPTH) return '{"$w":"too-deep"}';
  var out, i, n;
  if (isArray(v)) {
    n = v.length;
    if (!(n <= MAX_NODES)) throw TOO_LARGE;
    out = "[";
    for (i = 0; i < n; i++) out += (i ? "," : "") + enc(v[i], depth + 1, st);
    return out + "]";
  }
  var tag = tagOf(v);
  if (isView(v) && tag !== "DataView") {
    n = v.length;
    if (!(n <= MAX_NODES)) throw TOO_LARGE;
    out = '{"$w":"typed","type":' + jsonStringify(tag) + ',"v":[';
    for (i = 0; i < n; i++) out += (i ? "," : "") + enc(v[i], depth + 1, st);
    return out + "]}";
  }
  if (tag !== "Object") return '{"$w":"object","type":' + jsonStringify(tag) + "}";
  var ks = keys(v), escaped = false;
  out = "{";
  for (i = 0; i < ks.length; i++) {
    if (ks[i] === "$w") escaped = true;
    st.chars += ks[i].length;
    out += (i ? "," : "") + jsonStringify(ks[i]) + ":" + enc(v[ks[i]], depth + 1, st);
  }
  out += "}";
  return escaped ? '{"$w":"escaped","v":' + out + "}" : out;
}
function encode(v) { return enc(v, 0, { nodes: 0, chars: 0 }); }

function setOwn(o, k, v) { defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true }); }
function revive(x) {
  if (x === null || typeof x !== "object") return x;
  var i, ks;
  if (isArray(x)) { for (i = 0; i < x.length; i++) x[i] = revive(x[i]); return x; }
  if (apply(hasOwn, x, ["$w"])) {
    var t = x.$w;
    if (t === "NaN") return NaN_;
    if (t === "Infinity") return Inf;
    if (t === "-Infinity") return -Inf;
    if (t === "undefined") return undefined;
    if (t === "escaped") x = x.v;
  }
  ks = keys(x);
  for (i = 0; i < ks.length; i++) setOwn(x, ks[i], revive(x[ks[i]]));
  return x;
}

function errorInfo(e) {
  var name = "", message = "", stack = "", thrown = false, type = e === null ? "null" : typeof e;
  try {
    if (e !== null && (typeof e === "object" || typeof e === "function")) {
      name = StringFn(e.name === undefined ? "" : e.name);
      message = StringFn(e.message === undefined ? "" : e.message);
      stack = typeof e.stack === "string" ? e.stack : "";
      if (!name && !message) { thrown = true; message = "an object"; }
    } else {
      thrown = true;
      message = typeof e === "symbol" ? "a symbol" : StringFn(e);
    }
  } catch (_) {
    message = "an exception whose message could not be read";
  }
  return '{"name":' + jsonStringify(cut(name, 200)) + ',"message":' + jsonStringify(cut(message, 1000)) +
    ',"stack":' + jsonStringify(cut(stack, 4000)) + ',"thrown":' + (thrown ? "true" : "false") +
    ',"type":' + jsonStringify(type) + "}";
}

// --- console: formatted here, sent to the host as one string per call.
function fmt(v, depth, top) {
  switch (typeof v) {
    case "string": return top ? v : jsonStringify(v);
    case "number": return v === 0 && 1 / v < 0 ? "-0" : "" + v;
    case "bigint": return v + "n";
    case "boolean": return v ? "true" : "false";
    case "undefined": return "undefined";
    case "symbol": return "Symbol()";
    case "function": return "[Function]";
  }
  if (v === null) return "null";
  var i, n, parts, tag = tagOf(v);
  if (tag === "Error") return typeof v.stack === "string" ? v.stack : StringFn(v.name) + ": " + StringFn(v.message);
  if (isArray(v) || (isView(v) && tag !== "DataView")) {
    if (depth > 3) return "[Array]";
    n = v.length; parts = "";
    for (i = 0; i < n && i < 100; i++) parts += (i ? ", " : "") + fmt(v[i], depth + 1, false);
    if (n > 100) parts += ", ... " + (n - 100) + " more items";
    return (tag === "Array" ? "" : tag + "(" + n + ") ") + (n ? "[ " + parts + " ]" : "[]");
  }
  if (tag !== "Object") return tag + " {}";
  if (depth > 3) return "[Object]";
  var ks = keys(v);
  parts = "";
  for (i = 0; i < ks.length && i < 50; i++) parts += (i ? ", " : "") + ks[i] + ": " + fmt(v[ks[i]], depth + 1, false);
  if (ks.length > 50) parts += ", ...";
  return ks.length ? "{ " + parts + " }" : "{}";
}
var flooded = false;
function print(args, prefix) {
  if (flooded) return;
  var line = prefix, i;
  for (i = 0; i < args.length; i++) {
    var piece;
    try { piece = fmt(args[i], 0, true); } catch (_) { piece = "[unprintable value]"; }
    line += (i ? " " : "") + piece;
    if (line.length > MSG_CHARS) break;
  }
  if (hostLog(cut(line, MSG_CHARS)) === true) flooded = true;
}
var con = {};
var plain = ["log", "info", "warn", "error", "debug", "trace", "dir", "table"];
for (var ci = 0; ci < plain.length; ci++) {
  (function (name) { con[name] = function () { print(arguments, ""); }; })(plain[ci]);
}
con.assert = function (ok) {
  if (!ok) print(apply(arrSlice, arguments, [1]), "Assertion failed" + (arguments.length > 1 ? ": " : ""));
};
var noop = ["time", "timeEnd", "timeLog", "count", "countReset", "group", "groupCollapsed", "groupEnd", "clear"];
for (ci = 0; ci < noop.length; ci++) con[noop[ci]] = function () {};
defineProperty(G, "console", { value: con, writable: true, configurable: true, enumerable: false });

function requireStub(name) {
  throw new Error("require(" + jsonStringify(StringFn(name)) + ") is not available: submissions run without modules, so write everything in this file.");
}

var fn = null;
return {
  load: function (wrapper, exportName) {
    var module = { exports: {} };
    try {
      apply(wrapper, undefined, [module.exports, module, requireStub]);
    } catch (e) {
      return '{"ok":false,"kind":"runtime","error":' + errorInfo(e) + "}";
    }
    // found is JSON text built by hand: JSON.stringify on an array would call a learner's toJSON.
    var exp = module.exports, f, found = "", type = "undefined";
    try {
      f = exp == null ? undefined : exp[exportName];
      type = typeof f;
      if (type !== "function" && exp != null && (typeof exp === "object" || typeof exp === "function")) {
        var ks = keys(exp);
        for (var i = 0; i < ks.length && i < 20; i++) found += (i ? "," : "") + jsonStringify(cut(ks[i], 60));
      }
    } catch (e) {
      return '{"ok":false,"kind":"runtime","error":' + errorInfo(e) + "}";
    }
    if (type !== "function") {
      return '{"ok":false,"kind":"missing-export","exported":[' + found + '],"type":' + jsonStringify(type) + "}";
    }
    fn = f;
    return '{"ok":true}';
  },
  call: function (argsText) {
    var args = revive(jsonParse(argsText));
    var given = [], i, r;
    for (i = 0; i < args.length; i++) given[i] = args[i];
    try {
      r = apply(fn, undefined, args);
    } catch (e) {
      return '{"ok":false,"kind":"runtime","error":' + errorInfo(e) + "}";
    }
    var v, a = "[";
    try {
      if (r !== null && (typeof r === "object" || typeof r === "function") && typeof r.then === "function") {
        return '{"ok":false,"kind":"async"}';
      }
      v = encode(r);
    } catch (e) {
      if (e === TOO_LARGE) return '{"ok":false,"kind":"too-large"}';
      return '{"ok":false,"kind":"runtime","during":"while reading your return value","error":' + errorInfo(e) + "}";
    }
    for (i = 0; i < given.length; i++) {
      var ai;
      try { ai = encode(given[i]); } catch (e) { ai = e === TOO_LARGE ? '{"$w":"too-large"}' : '{"$w":"object","type":"unreadable"}'; }
      a += (i ? "," : "") + ai;
    }
    return '{"ok":true,"v":' + v + ',"a":' + a + "]}";
  }
};
})()`;
}
