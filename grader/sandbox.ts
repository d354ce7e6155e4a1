// Runs one submission in a fresh isolated-vm isolate. The context holds no host object but
// one callback for console output. A harness script (grader/harness/isolate-harness.ts) runs
// before the learner's code and captures the intrinsics it needs, so learner code that overwrites
// Math, JSON or prototypes cannot break it. Arguments go in as JSON text and results come out as wire-encoded JSON text
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
import type { HarnessCallReply, HarnessClassApi, HarnessError, HarnessLoadReply } from "./harness/isolate-harness";
import { harnessScript } from "./harness/script";

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
  private readonly callbacksRef: ivm.Reference<unknown>;
  private compiled?: CompiledSubmission;
  private classApi?: HarnessClassApi;
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
        .compileScriptSync(harnessScript(limits), { filename: "grader-harness.js" })
        .runSync(this.context, { reference: true, timeout: limits.wallMinMs }) as ivm.Reference<{ load: unknown; call: unknown; callbacks: unknown }>;
      this.loadRef = harness.getSync("load", { reference: true }) as ivm.Reference<unknown>;
      this.callRef = harness.getSync("call", { reference: true }) as ivm.Reference<unknown>;
      this.callbacksRef = harness.getSync("callbacks", { reference: true }) as ivm.Reference<unknown>;
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

  /**
   * Runs the module's top level and finds the export; an error means nothing can be graded. With
   * `classApi` the export must be a class, and each call() runs one scenario on it
   * (grader/scenarios.ts).
   */
  async load(compiled: CompiledSubmission, exportName: string, classApi?: HarnessClassApi, callbacksJs?: string): Promise<GradeError | undefined> {
    this.compiled = compiled;
    this.classApi = classApi;
    if (callbacksJs !== undefined) {
      // The exercise's trusted callbacks (grader/callbacks.ts) go in before the learner's code runs.
      const failure = this.loadCallbacks(callbacksJs);
      if (failure) return failure;
    }
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
      this.loadRef.apply(
        undefined,
        [wrapper.derefInto(), exportName, ...(classApi ? [JSON.stringify(classApi)] : [])],
        { timeout },
      ) as Promise<string>,
    );
    wrapper.release();
    if (!run.ok) return run.stopped ? this.stoppedError(run.stopped, "load") : this.hostFailure(run.error, "load");
    const parsed = parseReply<HarnessLoadReply>(run.value);
    if (!parsed) return unreadable();
    if (parsed.ok) return this.consoleFlooded ? this.floodError() : undefined;
    if (parsed.kind === "missing-export") {
      const name = typeof parsed.name === "string" ? parsed.name : exportName;
      return missingExport(name, parsed.exported, parsed.type, classApi !== undefined && classApi.kind !== "module");
    }
    if (parsed.kind === "not-a-class") {
      return {
        kind: "missing-export",
        message: `Your code must export a class named \`${exportName}\`: \`export class ${exportName} { ... }\`. \`${exportName}\` is a function, not a class: the tests create it with \`new\` and call its methods.`,
      };
    }
    return this.runtimeError(parsed.error, "while loading your file");
  }

  /** Evaluates callbacks.ts in the isolate through the harness; an error is the exercise's, not the learner's. */
  private loadCallbacks(js: string): GradeError | undefined {
    try {
      const wrapper = this.isolate
        .compileScriptSync(WRAP_PREFIX + js + WRAP_SUFFIX, { filename: "callbacks.js" })
        .runSync(this.context, { reference: true, timeout: this.limits.wallMinMs }) as ivm.Reference<unknown>;
      const reply = parseReply<HarnessLoadReply>(this.callbacksRef.applySync(undefined, [wrapper.derefInto()], { timeout: this.limits.wallMinMs }));
      wrapper.release();
      if (reply?.ok) return undefined;
    } catch {
      // reported below
    }
    return { kind: "crash", message: "The exercise's callbacks.ts could not be loaded in the sandbox (an error in the exercise, not in your code)." };
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
      case "missing-method": {
        const api = this.classApi;
        const name = api ? `\`${api.className}\`` : "";
        const method = typeof parsed.method === "string" ? parsed.method : "";
        const where = typeof parsed.during === "string" ? ` (${parsed.during.replace(/^in /, "")})` : "";
        return {
          ok: false,
          fatal: false,
          ms,
          error: { kind: "runtime", message: `Your class ${name} has no method \`${method}\`: the tests call \`${api?.instance ?? "it"}.${method}(…)\`${where}.` },
        };
      }
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
        // Thrown by the function itself (in a scenario: by a step's constructor or method), not by
        // a getter while a return value was read: what a case's expected error, or a stub's "not
        // implemented", is judged on.
        const during = parsed.during;
        const byTheCode = during === undefined || (during.startsWith("in step ") && !during.endsWith("while reading its result"));
        if (!byTheCode || error.kind !== "runtime") return { ok: false, fatal: false, ms, error };
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

function missingExport(name: string, exported: unknown, type: unknown, isClass: boolean): GradeError {
  if (!Array.isArray(exported) || !exported.every((e) => typeof e === "string")) exported = [];
  return describeMissingExport(name, exported as string[], String(type), isClass);
}

function describeMissingExport(name: string, exported: string[], type: string, isClass: boolean): GradeError {
  let message = isClass
    ? `Your code must export a class named \`${name}\`: \`export class ${name} { ... }\`.`
    : `Your code must export a function named \`${name}\`: \`export function ${name}(...) { ... }\`.`;
  if (type !== "undefined") message += ` \`${name}\` is exported but it is ${type === "object" ? `not a ${isClass ? "class" : "function"}` : `a ${type}`}.`;
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
