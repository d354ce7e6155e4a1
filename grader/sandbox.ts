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
import type { ThrownError } from "./expected-errors";
import type { ErrorKind, GradeError } from "./types";
import { HIDDEN_OUTPUT_MARKER } from "./hidden-feedback";
import { DEFAULT_LIMITS, OVERLOADED_MESSAGE, type SandboxLimits } from "./limits";
import { decodeWire } from "./wire";

export { DEFAULT_LIMITS, type SandboxLimits } from "./limits";

export { HIDDEN_OUTPUT_MARKER } from "./hidden-feedback";

export type CallResult =
  | { ok: true; value: unknown; args: unknown[]; ms: number }
  /**
   * fatal: the isolate is no longer usable (timeout, memory) and the submission must stop.
   * thrown: what the learner's function threw, when it threw (for cases that expect an error; the
   * host judges it and never passes it on for a hidden case).
   */
  | { ok: false; error: GradeError; fatal: boolean; ms: number; thrown?: ThrownError };

// The learner's CommonJS module is wrapped in a function on its own first line, so the
// learner's generated line N is line N + 1 of the script.
const WRAP_PREFIX = "(function (exports, module, require) {\n";
const WRAP_SUFFIX = "\n})";

/** How long a stopped isolate may take to notice before its verdict is given without it. */
const STOP_GRACE_MS = 1000;
const STUCK = Symbol("stuck");
let stuckThreads = 0;

/**
 * True when an isolate was stopped but its thread is still running a builtin: this process
 * should exit (after sending its result) so that thread and its memory go with it.
 */
export function stuckIsolate(): boolean {
  return stuckThreads > 0;
}

/** Why the watchdog stopped a step. */
type Stop = "cpu" | "memory" | "wall";

/** How often the watchdog reads the CPU time of a running step: the most a budget can overrun. */
const WATCHDOG_POLL_MS = 5;

/** One submission's isolate. Always call dispose(). */
export class Sandbox {
  private readonly isolate: ivm.Isolate;
  private readonly context: ivm.Context;
  private readonly loadRef: ivm.Reference<unknown>;
  private readonly callRef: ivm.Reference<unknown>;
  private compiled?: CompiledSubmission;
  private cpuUsed = 0;
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
  /** True once hidden cases ran: what they print is dropped (the marker line stands for it). */
  consoleWithheld = false;

  constructor(readonly limits: SandboxLimits = DEFAULT_LIMITS) {
    this.isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
    try {
      this.context = this.isolate.createContextSync();
      this.context.global.setSync("__graderLog", new ivm.Callback((text: unknown) => this.onConsole(String(text))));
      const harness = this.isolate
        .compileScriptSync(harnessSource(limits), { filename: "grader-harness.js" })
        .runSync(this.context, { reference: true, timeout: limits.wallMinMs }) as ivm.Reference<{ load: unknown; call: unknown }>;
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
  async load(compiled: CompiledSubmission, exportName: string): Promise<GradeError | undefined> {
    this.compiled = compiled;
    let wrapper: ivm.Reference<unknown>;
    try {
      // Only evaluates the wrapping function expression: none of the learner's code runs yet.
      wrapper = this.isolate
        .compileScriptSync(WRAP_PREFIX + compiled.js + WRAP_SUFFIX, { filename: SOLUTION_FILE })
        .runSync(this.context, { reference: true, timeout: this.limits.wallMinMs }) as ivm.Reference<unknown>;
    } catch (e) {
      // esbuild accepted it but V8 did not (rare: e.g. a regex flag V8 does not know).
      if (e instanceof SyntaxError || (e as Error)?.name === "SyntaxError") {
        return { kind: "compile", message: `SyntaxError: ${(e as Error).message}` };
      }
      return this.hostFailure(e, "load");
    }
    const budget = Math.min(this.limits.loadCpuMs, this.remainingCpuMs());
    const run = await this.guarded(budget, (timeout) =>
      this.loadRef.apply(undefined, [wrapper.derefInto(), exportName], { timeout }) as Promise<string>,
    );
    wrapper.release();
    if (!run.ok) return run.stopped ? this.stoppedError(run.stopped, "load") : this.hostFailure(run.error, "load");
    const parsed = parseReply<HarnessLoadReply>(run.value);
    if (!parsed) return unreadable();
    if (parsed.ok) return this.consoleFlooded ? this.floodError() : undefined;
    if (parsed.kind === "missing-export") return missingExport(exportName, parsed.exported, parsed.type);
    return this.runtimeError(parsed.error, "while loading your file");
  }

  /**
   * Calls the learner's function on wire-encoded arguments. `hidden` marks a hidden case: from
   * this call on, console output is withheld and exceptions are described without their text.
   * `ms` is the CPU time the call used.
   */
  async call(wireArgs: unknown[], options: { hidden?: boolean } = {}): Promise<CallResult> {
    if (options.hidden && !this.hiddenPhase) {
      this.hiddenPhase = true;
      // Marked whether or not the code prints anything: a marker that appeared only when it
      // printed would be one bit the code could set from the hidden inputs.
      this.consoleWithheld = true;
      this.keep(HIDDEN_OUTPUT_MARKER + "\n", true);
    }
    const remaining = this.remainingCpuMs();
    if (remaining <= 0) {
      return { ok: false, fatal: true, ms: 0, error: this.cpuError("total") };
    }
    const budget = Math.min(this.limits.callCpuMs, remaining);
    const scope = budget < this.limits.callCpuMs ? "total" : "call";
    const run = await this.guarded(budget, (timeout) =>
      this.callRef.apply(undefined, [JSON.stringify(wireArgs)], { timeout }) as Promise<string>,
    );
    const ms = run.cpuMs;
    if (!run.ok) {
      const error = run.stopped ? this.stoppedError(run.stopped, scope) : this.hostFailure(run.error, scope);
      return { ok: false, fatal: error.kind !== "runtime", ms, error };
    }
    if (this.consoleFlooded) return { ok: false, fatal: true, ms, error: this.floodError() };
    const parsed = parseReply<HarnessCallReply>(run.value);
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
      default: {
        const error = this.runtimeError(parsed.error, parsed.during);
        // Thrown by the function itself, not by a getter while its return value was read.
        if (parsed.during !== undefined || error.kind !== "runtime") return { ok: false, fatal: false, ms, error };
        const text = (v: unknown) => (typeof v === "string" ? v : "");
        // A thrown object with neither name nor message has no message (the harness says "an object").
        const message = parsed.error?.thrown && parsed.error?.type === "object" ? "" : text(parsed.error?.message);
        return { ok: false, fatal: false, ms, error, thrown: { name: text(parsed.error?.name), message } };
      }
    }
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  /** CPU time the learner's code has used so far (top level and calls), in ms. */
  get cpuUsedMs(): number {
    return this.cpuUsed;
  }

  private remainingCpuMs(): number {
    return this.limits.totalCpuMs - this.cpuUsed;
  }

  /**
   * Runs one step of learner code (asynchronously: the isolate runs on another thread, so this
   * thread stays free to watch it) under a CPU budget. A watchdog polls the CPU time this process
   * has used since the step began, which is the isolate's work (the host thread is idle meanwhile),
   * and disposes of the isolate once the budget is spent: "cpu". It also watches the process's
   * resident memory: V8 enforces the heap limit only when it collects garbage, so one huge string
   * can outgrow it for a while; growth past twice the limit is stopped as "memory", and a step
   * stopped for CPU after growing by half its limit or more was filling memory, not looping. Independently, a
   * wall-clock backstop (wallFactor × the budget) stops a step the machine was too busy to run:
   * "wall", the grader's fault.
   */
  private async guarded(
    cpuBudgetMs: number,
    start: (wallTimeoutMs: number) => Promise<string>,
  ): Promise<{ ok: true; value: string; cpuMs: number } | { ok: false; error: unknown; stopped?: Stop; cpuMs: number }> {
    const wallMs = Math.max(this.limits.wallMinMs, Math.ceil(cpuBudgetMs * this.limits.wallFactor));
    const limitBytes = this.limits.memoryMb * 1024 * 1024;
    const cpu0 = process.cpuUsage();
    const rss0 = process.memoryUsage.rss();
    const wall0 = performance.now();
    const cpuSince = () => {
      const u = process.cpuUsage(cpu0);
      return (u.user + u.system) / 1000;
    };
    let stopped: Stop | undefined;
    let grace: NodeJS.Timeout | undefined;
    let giveUp!: () => void;
    const gaveUp = new Promise<typeof STUCK>((resolve) => (giveUp = () => resolve(STUCK)));
    const stop = (why: Stop) => {
      if (stopped) return;
      stopped = why;
      // Disposing is the one way to stop a running isolate from outside; a timeout or a memory
      // error makes the isolate unusable anyway (such errors are fatal for the submission).
      this.dispose();
      // V8 stops at its next interrupt check, which a long builtin (fill() on a 10^8-element
      // array) may not reach for many seconds: then the verdict stands without waiting for it,
      // and the worker process is replaced once it has sent the result (stuckIsolate()).
      grace = setTimeout(giveUp, STOP_GRACE_MS);
    };
    const watchdog = setInterval(() => {
      const grown = process.memoryUsage.rss() - rss0;
      if (grown > 2 * limitBytes) stop("memory");
      // Near its heap limit V8 collects garbage again and again before giving up, which costs CPU
      // time: a step out of CPU time that grew by half its heap limit or more was filling memory.
      else if (cpuSince() >= cpuBudgetMs) stop(grown > limitBytes / 2 ? "memory" : "cpu");
      else if (performance.now() - wall0 >= wallMs) stop("wall");
    }, WATCHDOG_POLL_MS);
    try {
      // isolated-vm's own timeout (wall clock) only backs up the watchdog: a step it ends is "wall".
      const running = start(wallMs + WATCHDOG_POLL_MS * 10);
      running.catch(() => undefined); // may settle after we gave up on it
      const value = await Promise.race([running, gaveUp]);
      if (value === STUCK) {
        stuckThreads++;
        const cpuMs = cpuSince();
        this.cpuUsed += cpuMs;
        return { ok: false, error: undefined, stopped, cpuMs };
      }
      const cpuMs = cpuSince();
      this.cpuUsed += cpuMs;
      // Spent its budget between two polls: still over the limit, as the watchdog would have said.
      if (cpuMs > cpuBudgetMs + WATCHDOG_POLL_MS) return { ok: false, error: undefined, stopped: "cpu", cpuMs };
      return { ok: true, value, cpuMs };
    } catch (error) {
      const cpuMs = cpuSince();
      this.cpuUsed += cpuMs;
      if (!stopped && /timed out/i.test(String((error as Error)?.message ?? error))) stopped = "wall";
      return { ok: false, error, stopped, cpuMs };
    } finally {
      clearInterval(watchdog);
      clearTimeout(grace);
    }
  }

  private stoppedError(why: Stop, scope: "load" | "call" | "total"): GradeError {
    // A flood that then ran out of time is still a flood: say so.
    if (this.consoleFlooded) return this.floodError();
    if (why === "memory") return this.memoryError();
    return why === "cpu" ? this.cpuError(scope) : { kind: "overloaded", message: OVERLOADED_MESSAGE };
  }

  private floodError(): GradeError {
    return {
      kind: "output-limit",
      message: `Your code printed more than ${formatChars(this.limits.consoleMaxBytes)} with console (only the first ${formatChars(this.limits.consoleKeepBytes)} are kept). Remove logging from loops.`,
    };
  }

  private cpuError(scope: "load" | "call" | "total"): GradeError {
    const ms = (n: number) => (n >= 1000 ? `${n / 1000} s` : `${n} ms`);
    const message =
      scope === "load"
        ? `The top level of your file used more than ${ms(this.limits.loadCpuMs)} of CPU time (an infinite loop outside your function?).`
        : scope === "call"
          ? `Your function used more than ${ms(this.limits.callCpuMs)} of CPU time on one test (an infinite loop?).`
          : `Your code used up the total limit of ${ms(this.limits.totalCpuMs)} of CPU time for all tests.`;
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
    if (/timed out/i.test(message)) return { kind: "overloaded", message: OVERLOADED_MESSAGE };
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
  if (tag === "Map") {
    out = '{"$w":"map","v":[';
    n = 0;
    apply(mapForEach, v, [function (val, key) {
      ++st.nodes;
      out += (n++ ? "," : "") + "[" + enc(key, depth + 1, st) + "," + enc(val, depth + 1, st) + "]";
    }]);
    return out + "]}";
  }
  if (tag === "Set") {
    out = '{"$w":"set","v":[';
    n = 0;
    apply(setForEach, v, [function (member) { out += (n++ ? "," : "") + enc(member, depth + 1, st); }]);
    return out + "]}";
  }
  if (tag === "Date") return '{"$w":"date","v":' + enc(apply(dateValue, v, []), depth + 1, st) + "}";
  if (tag !== "Object") return '{"$w":"object","type":' + jsonStringify(tag) + "}";
  // A class instance is more than its own fields (methods, private fields): not plain data.
  var proto = getPrototypeOf(v);
  if (proto !== ObjProto && proto !== null) return '{"$w":"object","type":' + jsonStringify(className(proto)) + "}";
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
function className(proto) {
  var ctor = proto.constructor, name = typeof ctor === "function" ? ctor.name : "";
  return typeof name === "string" && name ? cut(name, 100) : "Object";
}

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
    if (t === "bigint" && BigIntC) return BigIntC(x.v);
    if (t === "date") return new DateC(revive(x.v));
    if (t === "map") {
      var m = new MapC();
      for (i = 0; i < x.v.length; i++) apply(mapSet, m, [revive(x.v[i][0]), revive(x.v[i][1])]);
      return m;
    }
    if (t === "set") {
      var s = new SetC();
      for (i = 0; i < x.v.length; i++) apply(setAdd, s, [revive(x.v[i])]);
      return s;
    }
    if (t === "typed" && apply(hasOwn, typedCtors, [x.type])) return new typedCtors[x.type](revive(x.v));
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

// --- built-ins a learner expects that V8 alone does not provide (the editor declares them).
// structuredClone, as the HTML standard defines it for the values code here can make: cycles
// and shared references kept, getters read once, prototypes of class instances dropped.
var MapC = Map, SetC = Set, DateC = Date, RegExpC = RegExp, ArrayBufferC = ArrayBuffer, DataViewC = DataView, ErrorC = Error;
var mapGet = Map.prototype.get, mapSet = Map.prototype.set, mapHas = Map.prototype.has;
var mapForEach = Map.prototype.forEach, setForEach = Set.prototype.forEach, setAdd = Set.prototype.add;
var dateValue = Date.prototype.valueOf, bufSlice = ArrayBuffer.prototype.slice;
var getPrototypeOf = Object.getPrototypeOf, ObjProto = Object.prototype;
var BigIntC = typeof BigInt === "function" ? BigInt : null;
var numValue = Number.prototype.valueOf, strValue = String.prototype.valueOf, boolValue = Boolean.prototype.valueOf;
var bigValue = typeof BigInt === "function" ? BigInt.prototype.valueOf : null;
var ObjectC = Object;
var typedCtors = {};
var typedNames = ["Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array"];
for (var tn = 0; tn < typedNames.length; tn++) if (typeof G[typedNames[tn]] === "function") typedCtors[typedNames[tn]] = G[typedNames[tn]];
var errorCtors = { Error: Error, EvalError: EvalError, RangeError: RangeError, ReferenceError: ReferenceError, SyntaxError: SyntaxError, TypeError: TypeError, URIError: URIError };
function DataCloneError(what) {
  var e = new ErrorC(what + " could not be cloned.");
  defineProperty(e, "name", { value: "DataCloneError", writable: true, configurable: true, enumerable: false });
  return e;
}
function cloneInto(v, memo) {
  var t = typeof v;
  if (t === "symbol") throw DataCloneError("A symbol");
  if (t === "function") throw DataCloneError("A function");
  if (v === null || t !== "object") return v;
  if (apply(mapHas, memo, [v])) return apply(mapGet, memo, [v]);
  var tag = tagOf(v), out, i, ks;
  if (isArray(v)) {
    out = new Array(v.length);
    apply(mapSet, memo, [v, out]);
    ks = keys(v);
    for (i = 0; i < ks.length; i++) setOwn(out, ks[i], cloneInto(v[ks[i]], memo));
    return out;
  }
  switch (tag) {
    case "Date": out = new DateC(apply(dateValue, v, [])); break;
    case "RegExp": out = new RegExpC(v.source, v.flags); break;
    case "Number": out = ObjectC(apply(numValue, v, [])); break;
    case "String": out = ObjectC(apply(strValue, v, [])); break;
    case "Boolean": out = ObjectC(apply(boolValue, v, [])); break;
    case "BigInt": out = ObjectC(apply(bigValue, v, [])); break;
    case "ArrayBuffer": out = apply(bufSlice, v, [0]); break;
    case "DataView": out = new DataViewC(cloneInto(v.buffer, memo), v.byteOffset, v.byteLength); break;
    case "Map":
      out = new MapC();
      apply(mapSet, memo, [v, out]);
      apply(mapForEach, v, [function (val, key) { apply(mapSet, out, [cloneInto(key, memo), cloneInto(val, memo)]); }]);
      return out;
    case "Set":
      out = new SetC();
      apply(mapSet, memo, [v, out]);
      apply(setForEach, v, [function (val) { apply(setAdd, out, [cloneInto(val, memo)]); }]);
      return out;
    case "Error": {
      var name = v.name, Ctor = typeof name === "string" && apply(hasOwn, errorCtors, [name]) ? errorCtors[name] : ErrorC;
      out = new Ctor(v.message === undefined ? undefined : StringFn(v.message));
      if (typeof v.stack === "string") setOwn(out, "stack", v.stack);
      break;
    }
    case "WeakMap": case "WeakSet": case "WeakRef": case "Promise": case "Generator": case "AsyncGenerator": case "SharedArrayBuffer":
      throw DataCloneError("A " + tag);
    default:
      if (isView(v) && apply(hasOwn, typedCtors, [tag])) {
        out = new typedCtors[tag](cloneInto(v.buffer, memo), v.byteOffset, v.length);
        break;
      }
      out = {};
      apply(mapSet, memo, [v, out]);
      ks = keys(v);
      for (i = 0; i < ks.length; i++) setOwn(out, ks[i], cloneInto(v[ks[i]], memo));
      return out;
  }
  apply(mapSet, memo, [v, out]);
  return out;
}
defineProperty(G, "structuredClone", {
  value: function structuredClone(value) {
    if (arguments.length === 0) throw new TypeError("structuredClone requires 1 argument, but got 0.");
    return cloneInto(value, new MapC());
  },
  writable: true, configurable: true, enumerable: false,
});
// Atomics.wait blocks this thread until another thread wakes it, and the grader runs no other
// thread: it could only wait, using no CPU time, until a wall-clock backstop that blames the
// machine. Calling it is an error instead.
if (typeof Atomics === "object" && Atomics) {
  defineProperty(Atomics, "wait", {
    value: function wait() { throw new TypeError("Atomics.wait is not available: the grader runs your code on a single thread, so nothing could ever wake it."); },
    writable: true, configurable: true, enumerable: false,
  });
}

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
