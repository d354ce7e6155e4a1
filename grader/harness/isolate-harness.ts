// The harness that runs inside each submission's isolate, before the learner's code. It is one
// self-contained function: no imports (types only), no closure over this module, no syntax a
// transpiler would turn into helper calls (no ?., ??, class fields, spread), because its source
// text is what the isolate runs (grader/harness/script.ts strips the types with sucrase). Being a
// real module, it is type-checked by tsc and its encoder is tested on the host against
// grader/wire.ts's encodeWire (tests/grader/harness.test.ts).
//
// It captures every intrinsic it needs before any learner code runs, so learner code that
// overwrites Math, JSON or prototypes cannot break it. Arguments come in as JSON text and results
// go out as wire-encoded JSON text (grader/wire.ts's format) built here: no reference to an
// isolate object reaches the host. It evaluates to { load, call, encode }; the host keeps
// references to those functions and they never appear on the learner's global object.
/* eslint-disable @typescript-eslint/no-explicit-any -- it handles whatever learner code returns */

/** Caps the harness applies itself (from grader/limits.ts's SandboxLimits), passed in as JSON. */
export interface HarnessConfig {
  resultNodes: number;
  resultChars: number;
  consoleKeepBytes: number;
}

/** What the harness reports about a thrown value. */
export interface HarnessError {
  name: string;
  message: string;
  stack: string;
  /** True when the thrown value was not an Error. */
  thrown?: boolean;
  /** typeof the thrown value ("null" for null). */
  type?: string;
}

export type HarnessLoadReply =
  | { ok: true }
  /** `name`: which export is missing, when an exercise has several. */
  | { ok: false; kind: "missing-export"; exported: string[]; type: string; name?: string }
  /** The export is a function, but the exercise wants a class. */
  | { ok: false; kind: "not-a-class" }
  | { ok: false; kind: "runtime"; error: HarnessError };

export type HarnessCallReply =
  | { ok: true; v: unknown; a: unknown }
  | { ok: false; kind: "async" | "too-large" }
  | { ok: false; kind: "runtime"; error: HarnessError; during?: string }
  /** A scenario step (0-based) needs a method the learner's instance does not have. */
  | { ok: false; kind: "missing-method"; step: number; method: string; during: string };

/**
 * For an exercise whose export is a class (grader/scenarios.ts), given to load() as JSON: the
 * methods every instance must have, and the instance's name in messages.
 */
export interface HarnessClassApi {
  /** "module": several exported functions (`methods`), each step calls one of them; no instance. */
  kind?: "class" | "module";
  methods: string[];
  /** The export's name, and the instance's name in messages (`LstmCell`, `lstmCell`). */
  className: string;
  instance: string;
}

export interface HarnessApi {
  /**
   * Runs the wrapped module and keeps its export `exportName`, which must be a function, or a
   * class when `classApiText` (HarnessClassApi JSON) is given; answers HarnessLoadReply JSON.
   */
  load(wrapper: (exports: any, module: any, require: any) => void, exportName: string, classApiText?: string): string;
  /**
   * Calls the kept function on wire-encoded JSON arguments; for a class, runs the scenario that
   * is the one argument (a list of steps) and answers the list of step results. Answers
   * HarnessCallReply JSON.
   */
  call(argsText: string): string;
  /**
   * Runs the exercise's callbacks.ts (wrapped like the learner's module) and keeps its functions:
   * an argument {"$fn": "name"} then stands for that function. Answers HarnessLoadReply JSON.
   */
  callbacks(wrapper: (exports: any, module: any, require: any) => void): string;
  /** Wire-encodes one value to JSON text (throws the harness's too-large marker past the caps). */
  encode(value: unknown): string;
}

/**
 * Installs the sandbox's console and built-ins on `G` (the isolate's global object) and returns
 * the harness API. `G.__graderLog` is the host's console callback: taken and deleted here.
 */
export function isolateHarness(config: HarnessConfig, G: any): HarnessApi {
  "use strict";
  const hostLog: (text: string) => unknown = G.__graderLog;
  delete G.__graderLog;
  const apply = Reflect.apply;
  const construct = Reflect.construct;
  const fnToString = Function.prototype.toString;
  const regExpTest = RegExp.prototype.test;
  const keys = Object.keys;
  const defineProperty = Object.defineProperty;
  const isArray = Array.isArray;
  // Typed loosely: a view here is read by index like an array.
  const isView: (v: unknown) => boolean = ArrayBuffer.isView;
  const objToString = Object.prototype.toString;
  const hasOwn = Object.prototype.hasOwnProperty;
  const strSlice = String.prototype.slice;
  const strIndexOf = String.prototype.indexOf;
  const arrSlice = Array.prototype.slice;
  const jsonParse = JSON.parse;
  const jsonStringify = JSON.stringify;
  const StringFn = String;
  const NaN_ = NaN;
  const Inf = Infinity;
  const MapC = Map;
  const SetC = Set;
  const DateC = Date;
  const RegExpC = RegExp;
  const DataViewC = DataView;
  const ErrorC = Error;
  const TypeErrorC = TypeError;
  const ObjectC = Object;
  const mapGet = Map.prototype.get;
  const mapSet = Map.prototype.set;
  const mapHas = Map.prototype.has;
  const mapForEach = Map.prototype.forEach;
  const setForEach = Set.prototype.forEach;
  const setAdd = Set.prototype.add;
  const dateValue = Date.prototype.valueOf;
  const bufSlice = ArrayBuffer.prototype.slice;
  const getPrototypeOf = Object.getPrototypeOf;
  const ObjProto = Object.prototype;
  const BigIntC: ((v: string) => bigint) | null = typeof BigInt === "function" ? BigInt : null;
  const numValue = Number.prototype.valueOf;
  const strValue = String.prototype.valueOf;
  const boolValue = Boolean.prototype.valueOf;
  const bigValue = typeof BigInt === "function" ? BigInt.prototype.valueOf : null;
  const MAX_NODES = config.resultNodes;
  const MAX_CHARS = config.resultChars;
  const MAX_DEPTH = 64;
  const MSG_CHARS = config.consoleKeepBytes;
  /** Thrown (by identity) when a value passes the caps while it is encoded. */
  const TOO_LARGE = {};

  const typedCtors: Record<string, any> = {};
  const typedNames = [
    "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array",
    "Uint32Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
  ];
  for (let i = 0; i < typedNames.length; i++) if (typeof G[typedNames[i]] === "function") typedCtors[typedNames[i]] = G[typedNames[i]];
  const errorCtors: Record<string, any> = {
    Error: Error, EvalError: EvalError, RangeError: RangeError, ReferenceError: ReferenceError,
    SyntaxError: SyntaxError, TypeError: TypeError, URIError: URIError,
  };

  function tagOf(v: unknown): string {
    return apply(strSlice, apply(objToString, v, []), [8, -1]);
  }
  function cut(s: string, n: number): string {
    return s.length > n ? apply(strSlice, s, [0, n]) + "…" : s;
  }
  function setOwn(o: any, k: string, v: unknown): void {
    defineProperty(o, k, { value: v, writable: true, enumerable: true, configurable: true });
  }

  // --- wire encoding (grader/wire.ts's format), written as JSON text directly.
  interface EncodeState {
    nodes: number;
    chars: number;
    /** Encode a callback function as its reference {"$fn": "name"} (the arguments after a call). */
    refs?: boolean;
  }
  /** The exercise's callbacks by name, and their names by function (callbacks()). */
  const callbackFns: Record<string, unknown> = ObjectC.create(null);
  const callbackNames = new MapC<unknown, string>();
  function className(proto: any): string {
    const ctor = proto.constructor;
    const name = typeof ctor === "function" ? ctor.name : "";
    return typeof name === "string" && name ? cut(name, 100) : "Object";
  }
  function enc(v: any, depth: number, st: EncodeState): string {
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
      case "boolean":
        return v ? "true" : "false";
      case "undefined":
        return '{"$w":"undefined"}';
      case "bigint":
        return '{"$w":"bigint","v":"' + v + '"}';
      case "symbol":
        return '{"$w":"symbol"}';
      case "function":
        if (st.refs && apply(mapHas, callbackNames, [v])) return '{"$fn":' + jsonStringify(apply(mapGet, callbackNames, [v])) + "}";
        return '{"$w":"function"}';
    }
    if (v === null) return "null";
    if (depth > MAX_DEPTH) return '{"$w":"too-deep"}';
    let out: string;
    let i: number;
    let n: number;
    if (isArray(v)) {
      n = v.length;
      if (!(n <= MAX_NODES)) throw TOO_LARGE;
      out = "[";
      for (i = 0; i < n; i++) out += (i ? "," : "") + enc(v[i], depth + 1, st);
      return out + "]";
    }
    const tag = tagOf(v);
    if (isView(v) && tag !== "DataView") {
      n = v.length;
      if (!(n <= MAX_NODES)) throw TOO_LARGE;
      out = '{"$w":"typed","type":' + jsonStringify(tag) + ',"v":[';
      for (i = 0; i < n; i++) out += (i ? "," : "") + enc(v[i], depth + 1, st);
      return out + "]}";
    }
    if (tag === "Map") {
      let entries = '{"$w":"map","v":[';
      let count = 0;
      apply(mapForEach, v, [
        function (val: unknown, key: unknown) {
          ++st.nodes;
          entries += (count++ ? "," : "") + "[" + enc(key, depth + 1, st) + "," + enc(val, depth + 1, st) + "]";
        },
      ]);
      return entries + "]}";
    }
    if (tag === "Set") {
      let members = '{"$w":"set","v":[';
      let count = 0;
      apply(setForEach, v, [
        function (member: unknown) {
          members += (count++ ? "," : "") + enc(member, depth + 1, st);
        },
      ]);
      return members + "]}";
    }
    if (tag === "Date") return '{"$w":"date","v":' + enc(apply(dateValue, v, []), depth + 1, st) + "}";
    if (tag !== "Object") return '{"$w":"object","type":' + jsonStringify(tag) + "}";
    // A class instance is more than its own fields (methods, private fields): not plain data.
    const proto = getPrototypeOf(v);
    if (proto !== ObjProto && proto !== null) return '{"$w":"object","type":' + jsonStringify(className(proto)) + "}";
    const ks = keys(v);
    let escaped = false;
    out = "{";
    for (i = 0; i < ks.length; i++) {
      if (ks[i] === "$w") escaped = true;
      st.chars += ks[i].length;
      out += (i ? "," : "") + jsonStringify(ks[i]) + ":" + enc(v[ks[i]], depth + 1, st);
    }
    out += "}";
    return escaped ? '{"$w":"escaped","v":' + out + "}" : out;
  }
  function encode(v: unknown): string {
    return enc(v, 0, { nodes: 0, chars: 0 });
  }

  /** Wire data (parsed JSON) back into values made in this realm. */
  function revive(x: any): any {
    if (x === null || typeof x !== "object") return x;
    let i: number;
    if (isArray(x)) {
      for (i = 0; i < x.length; i++) x[i] = revive(x[i]);
      return x;
    }
    if (apply(hasOwn, x, ["$w"])) {
      const t = x.$w;
      if (t === "NaN") return NaN_;
      if (t === "Infinity") return Inf;
      if (t === "-Infinity") return -Inf;
      if (t === "undefined") return undefined;
      if (t === "bigint" && BigIntC) return BigIntC(x.v);
      if (t === "date") return new DateC(revive(x.v));
      if (t === "map") {
        const m = new MapC();
        for (i = 0; i < x.v.length; i++) apply(mapSet, m, [revive(x.v[i][0]), revive(x.v[i][1])]);
        return m;
      }
      if (t === "set") {
        const s = new SetC();
        for (i = 0; i < x.v.length; i++) apply(setAdd, s, [revive(x.v[i])]);
        return s;
      }
      if (t === "typed" && apply(hasOwn, typedCtors, [x.type])) return new typedCtors[x.type](revive(x.v));
      if (t === "escaped") x = x.v;
    }
    const ks = keys(x);
    if (ks.length === 1 && ks[0] === "$fn" && typeof x.$fn === "string" && callbackFns[x.$fn] !== undefined) return callbackFns[x.$fn];
    for (i = 0; i < ks.length; i++) setOwn(x, ks[i], revive(x[ks[i]]));
    return x;
  }

  function errorInfo(e: any): string {
    let name = "";
    let message = "";
    let stack = "";
    let thrown = false;
    const type = e === null ? "null" : typeof e;
    try {
      if (e !== null && (typeof e === "object" || typeof e === "function")) {
        name = StringFn(e.name === undefined ? "" : e.name);
        message = StringFn(e.message === undefined ? "" : e.message);
        stack = typeof e.stack === "string" ? e.stack : "";
        if (!name && !message) {
          thrown = true;
          message = "an object";
        }
      } else {
        thrown = true;
        message = typeof e === "symbol" ? "a symbol" : StringFn(e);
      }
    } catch (_) {
      message = "an exception whose message could not be read";
    }
    return (
      '{"name":' + jsonStringify(cut(name, 200)) + ',"message":' + jsonStringify(cut(message, 1000)) +
      ',"stack":' + jsonStringify(cut(stack, 4000)) + ',"thrown":' + (thrown ? "true" : "false") +
      ',"type":' + jsonStringify(type) + "}"
    );
  }

  // --- console: formatted here, sent to the host as one string per call.
  function fmt(v: any, depth: number, top: boolean): string {
    switch (typeof v) {
      case "string":
        return top ? v : jsonStringify(v);
      case "number":
        return v === 0 && 1 / v < 0 ? "-0" : "" + v;
      case "bigint":
        return v + "n";
      case "boolean":
        return v ? "true" : "false";
      case "undefined":
        return "undefined";
      case "symbol":
        return "Symbol()";
      case "function":
        return "[Function]";
    }
    if (v === null) return "null";
    let i: number;
    let n: number;
    let parts: string;
    const tag = tagOf(v);
    if (tag === "Error") return typeof v.stack === "string" ? v.stack : StringFn(v.name) + ": " + StringFn(v.message);
    if (isArray(v) || (isView(v) && tag !== "DataView")) {
      if (depth > 3) return "[Array]";
      n = v.length;
      parts = "";
      for (i = 0; i < n && i < 100; i++) parts += (i ? ", " : "") + fmt(v[i], depth + 1, false);
      if (n > 100) parts += ", ... " + (n - 100) + " more items";
      return (tag === "Array" ? "" : tag + "(" + n + ") ") + (n ? "[ " + parts + " ]" : "[]");
    }
    if (tag !== "Object") return tag + " {}";
    if (depth > 3) return "[Object]";
    const ks = keys(v);
    parts = "";
    for (i = 0; i < ks.length && i < 50; i++) parts += (i ? ", " : "") + ks[i] + ": " + fmt(v[ks[i]], depth + 1, false);
    if (ks.length > 50) parts += ", ...";
    return ks.length ? "{ " + parts + " }" : "{}";
  }
  let flooded = false;
  function print(args: ArrayLike<unknown>, prefix: string): void {
    if (flooded) return;
    let line = prefix;
    for (let i = 0; i < args.length; i++) {
      let piece: string;
      try {
        piece = fmt(args[i], 0, true);
      } catch (_) {
        piece = "[unprintable value]";
      }
      line += (i ? " " : "") + piece;
      if (line.length > MSG_CHARS) break;
    }
    // The host answers true once the learner is flooding: stop formatting output.
    if (hostLog(cut(line, MSG_CHARS)) === true) flooded = true;
  }
  const con: Record<string, unknown> = {};
  const printing = ["log", "info", "warn", "error", "debug", "trace", "dir", "table"];
  for (let i = 0; i < printing.length; i++) {
    con[printing[i]] = function () {
      print(arguments, "");
    };
  }
  con.assert = function (ok: unknown) {
    if (!ok) print(apply(arrSlice, arguments, [1]), "Assertion failed" + (arguments.length > 1 ? ": " : ""));
  };
  const silent = ["time", "timeEnd", "timeLog", "count", "countReset", "group", "groupCollapsed", "groupEnd", "clear"];
  for (let i = 0; i < silent.length; i++) con[silent[i]] = function () {};
  defineProperty(G, "console", { value: con, writable: true, configurable: true, enumerable: false });

  // --- built-ins a learner expects that V8 alone does not provide (the editor declares them).
  // structuredClone, as the HTML standard defines it for the values code here can make: cycles
  // and shared references kept, getters read once, prototypes of class instances dropped.
  function DataCloneError(what: string): Error {
    const e = new ErrorC(what + " could not be cloned.");
    defineProperty(e, "name", { value: "DataCloneError", writable: true, configurable: true, enumerable: false });
    return e;
  }
  function cloneInto(v: any, memo: Map<unknown, unknown>): any {
    const t = typeof v;
    if (t === "symbol") throw DataCloneError("A symbol");
    if (t === "function") throw DataCloneError("A function");
    if (v === null || t !== "object") return v;
    if (apply(mapHas, memo, [v])) return apply(mapGet, memo, [v]);
    const tag = tagOf(v);
    let out: any;
    let i: number;
    let ks: string[];
    if (isArray(v)) {
      out = new Array(v.length);
      apply(mapSet, memo, [v, out]);
      ks = keys(v);
      for (i = 0; i < ks.length; i++) setOwn(out, ks[i], cloneInto((v as any)[ks[i]], memo));
      return out;
    }
    switch (tag) {
      case "Date":
        out = new DateC(apply(dateValue, v, []));
        break;
      case "RegExp":
        out = new RegExpC(v.source, v.flags);
        break;
      case "Number":
        out = ObjectC(apply(numValue, v, []));
        break;
      case "String":
        out = ObjectC(apply(strValue, v, []));
        break;
      case "Boolean":
        out = ObjectC(apply(boolValue, v, []));
        break;
      case "BigInt":
        out = ObjectC(apply(bigValue as () => bigint, v, []));
        break;
      case "ArrayBuffer":
        out = apply(bufSlice, v, [0]);
        break;
      case "DataView":
        out = new DataViewC(cloneInto(v.buffer, memo), v.byteOffset, v.byteLength);
        break;
      case "Map":
        out = new MapC();
        apply(mapSet, memo, [v, out]);
        apply(mapForEach, v, [
          function (val: unknown, key: unknown) {
            apply(mapSet, out, [cloneInto(key, memo), cloneInto(val, memo)]);
          },
        ]);
        return out;
      case "Set":
        out = new SetC();
        apply(mapSet, memo, [v, out]);
        apply(setForEach, v, [
          function (val: unknown) {
            apply(setAdd, out, [cloneInto(val, memo)]);
          },
        ]);
        return out;
      case "Error": {
        const name = v.name;
        const Ctor = typeof name === "string" && apply(hasOwn, errorCtors, [name]) ? errorCtors[name] : ErrorC;
        out = new Ctor(v.message === undefined ? undefined : StringFn(v.message));
        if (typeof v.stack === "string") setOwn(out, "stack", v.stack);
        break;
      }
      case "WeakMap":
      case "WeakSet":
      case "WeakRef":
      case "Promise":
      case "Generator":
      case "AsyncGenerator":
      case "SharedArrayBuffer":
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
    value: function structuredClone(value: unknown) {
      if (arguments.length === 0) throw new TypeErrorC("structuredClone requires 1 argument, but got 0.");
      return cloneInto(value, new MapC());
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  // Atomics.wait blocks this thread until another thread wakes it, and the grader runs no other
  // thread: it could only wait, using no CPU time, until a wall-clock backstop that blames the
  // machine. Calling it is an error instead.
  if (typeof G.Atomics === "object" && G.Atomics) {
    defineProperty(G.Atomics, "wait", {
      value: function wait() {
        throw new TypeErrorC(
          "Atomics.wait is not available: the grader runs your code on a single thread, so nothing could ever wake it.",
        );
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }

  function requireStub(name: unknown): never {
    throw new ErrorC(
      "require(" + jsonStringify(StringFn(name)) + ") is not available: submissions run without modules, so write everything in this file.",
    );
  }

  let fn: any = null;
  /** Set for an exercise whose export is a class: calls then run scenarios. */
  let classApi: HarnessClassApi | null = null;
  /** The learner's exports, for an exercise with several (each checked to be a function at load). */
  let moduleExports: any = null;
  const CLASS_SOURCE = /^class\b/;

  /** A thrown value's message (as grader/expected-errors.ts's thrownOf reads it) and "Name: message". */
  function thrownText(e: any): { message: string; text: string } {
    try {
      if (e !== null && typeof e === "object" && typeof e.message !== "undefined") {
        const message = cut(StringFn(e.message), 1000);
        const name = e.name === undefined ? "" : StringFn(e.name);
        return { message: message, text: name ? name + ": " + message : message };
      }
      const text = typeof e === "symbol" ? "a symbol" : cut(StringFn(e), 1000);
      return { message: text, text: text };
    } catch (_) {
      return { message: "", text: "an exception whose message could not be read" };
    }
  }

  /** grader/expected-errors.ts's errorMatches, on the message only. */
  function specMatches(spec: any, message: string): boolean {
    if (spec === true) return true;
    if (typeof spec.message === "string") return message === spec.message;
    if (typeof spec.includes === "string") return apply(strIndexOf, message, [spec.includes]) >= 0;
    try {
      return apply(regExpTest, new RegExpC(spec.matches), [message]);
    } catch (_) {
      return false;
    }
  }

  /** A scenario step as code, for messages (grader/scenarios.ts's describeStep). */
  function stepText(step: any, api: HarnessClassApi): string {
    if (api.kind === "module") return step.call + "(" + (step.args && step.args.length ? "…" : "") + ")";
    if (apply(hasOwn, step, ["new"])) return "new " + api.className + "(" + (step.new.length ? "…" : "") + ")";
    if (apply(hasOwn, step, ["call"])) return api.instance + "." + step.call + "(" + (step.args && step.args.length ? "…" : "") + ")";
    return api.instance + "." + step.get;
  }

  /**
   * Runs one scenario on the learner's class: each step's arguments are fresh copies, and each
   * step's result is encoded as soon as the step returns (later steps may change it in place).
   */
  function runScenario(argsText: string, api: HarnessClassApi): string {
    const steps = jsonParse(argsText)[0];
    let self: any;
    let out = "[";
    for (let k = 0; k < steps.length; k++) {
      const step = steps[k];
      const during = "in step " + (k + 1) + " (`" + stepText(step, api) + "`)";
      let r: any;
      try {
        if (apply(hasOwn, step, ["new"])) {
          self = construct(fn, revive(step.new));
          for (let m = 0; m < api.methods.length; m++) {
            if (typeof self[api.methods[m]] !== "function") {
              return '{"ok":false,"kind":"missing-method","step":' + k + ',"method":' + jsonStringify(api.methods[m]) + ',"during":' + jsonStringify(during) + "}";
            }
          }
          r = undefined;
        } else if (apply(hasOwn, step, ["call"])) {
          const method = api.kind === "module" ? moduleExports[step.call] : self[step.call];
          if (typeof method !== "function") {
            return '{"ok":false,"kind":"missing-method","step":' + k + ',"method":' + jsonStringify(step.call) + ',"during":' + jsonStringify(during) + "}";
          }
          const callArgs = revive(step.args || []);
          if (step.throws !== undefined) {
            // A step that must throw: recorded as grader/scenarios.ts's ThrowsStepResult.
            let threw = false;
            try {
              r = apply(method, api.kind === "module" ? undefined : self, callArgs);
            } catch (e) {
              threw = true;
              const t = thrownText(e);
              out += (k ? "," : "") + (specMatches(step.throws, t.message) ? '{"threw":"matched"}' : '{"threw":"other","error":' + jsonStringify(cut(t.text, 300)) + "}");
            }
            if (threw) continue;
            try {
              out += (k ? "," : "") + '{"returned":' + encode(r) + "}";
            } catch (e) {
              if (e === TOO_LARGE) return '{"ok":false,"kind":"too-large"}';
              return '{"ok":false,"kind":"runtime","during":' + jsonStringify(during + ", while reading its result") + ',"error":' + errorInfo(e) + "}";
            }
            continue;
          }
          r = apply(method, api.kind === "module" ? undefined : self, callArgs);
        } else {
          r = self[step.get];
        }
      } catch (e) {
        return '{"ok":false,"kind":"runtime","during":' + jsonStringify(during) + ',"error":' + errorInfo(e) + "}";
      }
      try {
        if (r !== null && (typeof r === "object" || typeof r === "function") && typeof r.then === "function") {
          return '{"ok":false,"kind":"async"}';
        }
        out += (k ? "," : "") + encode(r);
      } catch (e) {
        if (e === TOO_LARGE) return '{"ok":false,"kind":"too-large"}';
        return '{"ok":false,"kind":"runtime","during":' + jsonStringify(during + ", while reading its result") + ',"error":' + errorInfo(e) + "}";
      }
    }
    // The steps are copied into each call, so the scenario itself is never modified.
    return '{"ok":true,"v":' + out + '],"a":' + argsText + "}";
  }

  return {
    load: function (wrapper, exportName, classApiText) {
      const module = { exports: {} as any };
      try {
        apply(wrapper, undefined, [module.exports, module, requireStub]);
      } catch (e) {
        return '{"ok":false,"kind":"runtime","error":' + errorInfo(e) + "}";
      }
      // found is JSON text built by hand: JSON.stringify on an array would call a learner's toJSON.
      const exp = module.exports;
      let f: unknown;
      let found = "";
      let type = "undefined";
      try {
        f = exp == null ? undefined : exp[exportName];
        type = typeof f;
        if (type !== "function" && exp != null && (typeof exp === "object" || typeof exp === "function")) {
          const ks = keys(exp);
          for (let i = 0; i < ks.length && i < 20; i++) found += (i ? "," : "") + jsonStringify(cut(ks[i], 60));
        }
      } catch (e) {
        return '{"ok":false,"kind":"runtime","error":' + errorInfo(e) + "}";
      }
      if (type !== "function") {
        return '{"ok":false,"kind":"missing-export","exported":[' + found + '],"type":' + jsonStringify(type) + "}";
      }
      if (classApiText !== undefined) {
        const api: HarnessClassApi = jsonParse(classApiText);
        if (api.kind === "module") {
          for (let m = 0; m < api.methods.length; m++) {
            let t = "undefined";
            try {
              t = typeof exp[api.methods[m]];
            } catch (e) {
              return '{"ok":false,"kind":"runtime","error":' + errorInfo(e) + "}";
            }
            if (t !== "function") {
              const ks = keys(exp);
              for (let i = 0; i < ks.length && i < 20; i++) found += (i ? "," : "") + jsonStringify(cut(ks[i], 60));
              return '{"ok":false,"kind":"missing-export","name":' + jsonStringify(api.methods[m]) + ',"exported":[' + found + '],"type":' + jsonStringify(t) + "}";
            }
          }
          moduleExports = exp;
        } else if (!apply(regExpTest, CLASS_SOURCE, [apply(fnToString, f, [])])) {
          // Declared with `class`: a factory function returning an object is not the class API.
          return '{"ok":false,"kind":"not-a-class"}';
        }
        classApi = api;
      }
      fn = f;
      return '{"ok":true}';
    },
    call: function (argsText) {
      if (classApi) return runScenario(argsText, classApi);
      const args = revive(jsonParse(argsText));
      const given: unknown[] = [];
      let i: number;
      let r: any;
      for (i = 0; i < args.length; i++) given[i] = args[i];
      try {
        r = apply(fn, undefined, args);
      } catch (e) {
        return '{"ok":false,"kind":"runtime","error":' + errorInfo(e) + "}";
      }
      let v: string;
      let a = "[";
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
        let ai: string;
        try {
          ai = enc(given[i], 0, { nodes: 0, chars: 0, refs: true });
        } catch (e) {
          ai = e === TOO_LARGE ? '{"$w":"too-large"}' : '{"$w":"object","type":"unreadable"}';
        }
        a += (i ? "," : "") + ai;
      }
      return '{"ok":true,"v":' + v + ',"a":' + a + "]}";
    },
    callbacks: function (wrapper) {
      const module = { exports: {} as any };
      try {
        apply(wrapper, undefined, [module.exports, module, requireStub]);
        const ks = keys(module.exports);
        for (let i = 0; i < ks.length; i++) {
          const cb = module.exports[ks[i]];
          if (typeof cb !== "function") continue;
          callbackFns[ks[i]] = cb;
          apply(mapSet, callbackNames, [cb, ks[i]]);
        }
      } catch (e) {
        return '{"ok":false,"kind":"runtime","error":' + errorInfo(e) + "}";
      }
      return '{"ok":true}';
    },
    encode: encode,
  };
}
