// TypeScript → JavaScript (transpile only: type errors never block grading). Two callers:
// learner code, which only gets compiled here and runs in the sandbox, and the trusted files of
// an exercise (reference, mistakes, random.ts), which are bundled by esbuild and evaluated on
// the host to compute expected values.
//
// Learner code goes through sucrase, in this process: a Submit's transpile costs a fraction of
// a millisecond of CPU instead of a round trip to esbuild's service process (about 2 ms of CPU
// between the two processes; see BENCHMARKS.md). sucrase is lenient, so its output must also
// parse in V8; whatever fails either check is compiled again by esbuild, whose messages carry
// the line and column learners are shown.
import { createRequire } from "node:module";
import path from "node:path";
import * as esbuild from "esbuild";
import { transform as sucrase, type Options as SucraseOptions } from "sucrase";
import { resolveCallbacks, withCallbacks, type Callbacks } from "./callbacks";
import { CALLBACKS_FILE, type Exercise } from "./exercises";
import { isClass, moduleRunner, scenarioRunner } from "./scenarios";
import type { GradeError } from "./types";

/** The learner's file name as it appears in stack traces and messages. */
export const SOLUTION_FILE = "solution.ts";
/** Larger submissions are rejected before compiling (a solution here is a few dozen lines). */
export const MAX_SOURCE_BYTES = 256 * 1024;

export interface CompiledSubmission {
  /** CommonJS JavaScript (uses `exports`, `module` and, for imports, `require`). */
  js: string;
  /** Maps a 1-based generated line/column back to the learner's TypeScript. */
  position(line: number, column: number): { line: number; column: number } | undefined;
}

export type CompileOutcome = { ok: true; compiled: CompiledSubmission } | { ok: false; error: GradeError };

const TRANSFORM_OPTIONS: esbuild.TransformOptions = {
  loader: "ts",
  format: "cjs",
  target: "es2022",
  sourcemap: "external",
  sourcefile: SOLUTION_FILE,
  logLevel: "silent",
  // import("x") becomes require("x"), which the sandbox answers with a clear message.
  supported: { "dynamic-import": false },
};

const SUCRASE_OPTIONS: SucraseOptions = {
  // TypeScript (not TSX: `<T>x` is a type assertion) to CommonJS; import() becomes require().
  transforms: ["typescript", "imports"],
  filePath: SOLUTION_FILE,
};

// Learners press Run many times on unchanged code; a small cache saves compiling it again.
const cache = new Map<string, CompileOutcome>();
const CACHE_SIZE = 64;

/** Compiles learner code; errors carry 1-based line and column in the learner's file. */
export async function compileSubmission(code: string): Promise<CompileOutcome> {
  const bytes = Buffer.byteLength(code, "utf8");
  if (bytes > MAX_SOURCE_BYTES) {
    return {
      ok: false,
      error: {
        kind: "compile",
        message: `Your file is ${formatBytes(bytes)}; the limit is ${formatBytes(MAX_SOURCE_BYTES)}. A solution needs far less.`,
      },
    };
  }
  const hit = cache.get(code);
  if (hit) {
    cache.delete(code);
    cache.set(code, hit);
    return hit;
  }
  const outcome = await transformSubmission(code);
  cache.set(code, outcome);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return outcome;
}

async function transformSubmission(code: string): Promise<CompileOutcome> {
  return transpileFast(code) ?? transformWithEsbuild(code);
}

/** sucrase's output when it parses as the function body the sandbox wraps it in, else undefined. */
export function transpileFast(code: string): CompileOutcome | undefined {
  let js: string;
  try {
    js = sucrase(code, SUCRASE_OPTIONS).code;
    // Parsed, never run: the same early errors the isolate would raise (a redeclared `let`, say).
    new Function("exports", "module", "require", js);
  } catch {
    return undefined;
  }
  // sucrase keeps every line where it was; the columns it moves are mapped only when a runtime
  // error needs a position, by the same transform with a source map (rare, so not paid per Submit).
  let lines: Segment[][] | undefined;
  const position = (line: number, column: number) => {
    lines ??= decodeMappings(sucrase(code, { ...SUCRASE_OPTIONS, sourceMapOptions: { compiledFilename: SOLUTION_FILE } }).sourceMap!.mappings);
    return lookup(lines, line, column);
  };
  return { ok: true, compiled: { js, position } };
}

const STRICT_PREFIX_LENGTH = '"use strict";'.length;

/** The fallback compiler on its own; exported so tests can hold both compilers to one behaviour. */
export async function transformWithEsbuild(code: string): Promise<CompileOutcome> {
  try {
    const out = await esbuild.transform(code, TRANSFORM_OPTIONS);
    // Strict mode, like sucrase's output, so that which compiler ran never changes how code runs.
    // On the first line, so that no line moves; what strict mode forbids (`with`, octal literals,
    // duplicate parameters) is reported here, as it would be for code sucrase compiled.
    const js = `"use strict";${out.code}`;
    try {
      new Function("exports", "module", "require", js);
    } catch (e) {
      return { ok: false, error: { kind: "compile", message: `Strict mode does not allow this code: ${(e as Error).message}` } };
    }
    const lines = decodeMappings(JSON.parse(out.map).mappings as string);
    return { ok: true, compiled: { js, position: (line, column) => lookup(lines, line, column - (line === 1 ? STRICT_PREFIX_LENGTH : 0)) } };
  } catch (e) {
    const failure = e as Partial<esbuild.TransformFailure>;
    const first = failure.errors?.[0];
    if (!first) return { ok: false, error: { kind: "compile", message: `Could not compile: ${(e as Error).message}` } };
    const loc = first.location;
    const more = failure.errors!.length > 1 ? ` (and ${failure.errors!.length - 1} more error${failure.errors!.length > 2 ? "s" : ""})` : "";
    if (!loc) return { ok: false, error: { kind: "compile", message: `${first.text}${more}` } };
    // esbuild columns count UTF-8 bytes; editors count characters.
    const column = Buffer.from(loc.lineText, "utf8").subarray(0, loc.column).toString("utf8").length + 1;
    return {
      ok: false,
      error: { kind: "compile", message: `Line ${loc.line}, column ${column}: ${first.text}${more}`, line: loc.line, column },
    };
  }
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.round(n / 1024)} KB`;
}

// --- source maps: just enough of the v3 format to map a stack frame back to the learner's line.

type Segment = [genColumn: number, srcLine: number, srcColumn: number];

const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const B64_INDEX = new Map([...B64].map((c, i) => [c, i]));

function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let srcLine = 0;
  let srcColumn = 0;
  let source = 0;
  let name = 0;
  for (const lineText of mappings.split(";")) {
    const segments: Segment[] = [];
    let genColumn = 0;
    for (const segText of lineText.split(",")) {
      if (!segText) continue;
      const fields = decodeVlq(segText);
      genColumn += fields[0];
      if (fields.length >= 4) {
        source += fields[1];
        srcLine += fields[2];
        srcColumn += fields[3];
        if (fields.length >= 5) name += fields[4];
        segments.push([genColumn, srcLine, srcColumn]);
      }
    }
    lines.push(segments);
  }
  void source;
  void name;
  return lines;
}

function decodeVlq(text: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64_INDEX.get(ch) ?? 0;
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

function lookup(lines: Segment[][], line: number, column: number): { line: number; column: number } | undefined {
  const segments = lines[line - 1];
  if (!segments?.length) return undefined;
  let best = segments[0];
  for (const seg of segments) {
    if (seg[0] <= column - 1) best = seg;
    else break;
  }
  return { line: best[1] + 1, column: best[2] + 1 };
}

// --- trusted exercise files, evaluated on the host.

export interface ExerciseModules {
  /** The reference implementation. */
  reference: (...args: unknown[]) => unknown;
  /** The starter, to tell "did nothing yet" apart from a known mistake. */
  starter?: (...args: unknown[]) => unknown;
  /** Known mistakes by id. */
  mistakes: Map<string, (...args: unknown[]) => unknown>;
  /** The random case generator, when the exercise has random.ts. */
  generate?: (rng: import("./rng").Rng) => unknown[];
  /** callbacks.ts as CommonJS, for the sandbox to evaluate in the learner's isolate (grader/callbacks.ts). */
  callbacksJs?: string;
  /** The functions callbacks.ts exports. */
  callbackNames?: string[];
}

/** A trusted exercise file failed to build or does not export what it should. */
export class ExerciseCodeError extends Error {
  constructor(
    readonly slug: string,
    readonly file: string,
    message: string,
  ) {
    super(`${slug}/${file}: ${message}`);
    this.name = "ExerciseCodeError";
  }
}

const moduleCache = new Map<string, Promise<ExerciseModules>>();

/** Builds and evaluates an exercise's trusted files once per exercise version (hash). */
export function exerciseModules(ex: Exercise): Promise<ExerciseModules> {
  const key = `${ex.dir}\0${ex.hash}`;
  let modules = moduleCache.get(key);
  if (!modules) {
    modules = buildExerciseModules(ex);
    moduleCache.set(key, modules);
    modules.catch(() => moduleCache.delete(key));
  }
  return modules;
}

async function buildExerciseModules(ex: Exercise): Promise<ExerciseModules> {
  const api = ex.meta.class;
  const multi = ex.meta.module;
  type Fn = (...args: unknown[]) => unknown;
  // With several exports (exercise.json `module`) the whole module is what a case calls into.
  const load = (file: string, source: string): Promise<Fn | Record<string, unknown>> =>
    multi ? loadTrustedModule(ex, file, source).then((m) => m.exports) : loadTrustedFunction(ex, file, source, ex.meta.export);
  const [reference, starter, generate, callbacks, ...mistakeFns] = await Promise.all([
    load("reference.ts", ex.reference),
    // A starter that does not build is reported by exercises:check, not here.
    load("starter.ts", ex.starter).catch(() => undefined),
    ex.random === undefined ? undefined : loadTrustedFunction(ex, "random.ts", ex.random, "default"),
    ex.callbacks === undefined ? undefined : loadTrustedModule(ex, CALLBACKS_FILE, ex.callbacks),
    ...ex.mistakes.map((m) => load(`mistakes/${m.id}.ts`, m.source)),
  ]);
  // A class exercise's trusted files export a class, a module exercise's several functions: the
  // grader calls a scenario runner on them. Callback references in arguments get the host's copy.
  const hostCallbacks = callbacks ? (Object.fromEntries(Object.entries(callbacks.exports).filter(([, v]) => typeof v === "function")) as Callbacks) : undefined;
  const resolve = hostCallbacks ? (args: unknown[]) => resolveCallbacks(args, hostCallbacks) as unknown[] : undefined;
  const callable = (file: string, loaded: Fn | Record<string, unknown>): Fn => {
    try {
      // Scenario runners copy each step's arguments, then resolve them.
      if (api) return scenarioRunner(loaded, api, ex.meta.export, resolve) as Fn;
      if (multi) return moduleRunner(loaded as Record<string, unknown>, multi, resolve) as Fn;
    } catch (e) {
      throw new ExerciseCodeError(ex.slug, file, (e as Error).message);
    }
    return hostCallbacks ? withCallbacks(loaded as Fn, hostCallbacks) : (loaded as Fn);
  };
  const starterUsable = (s: unknown) => (api ? isClass(s) : multi ? multi.functions.every((f) => typeof (s as Record<string, unknown>)[f] === "function") : true);
  return {
    reference: callable("reference.ts", reference!),
    starter: starter && starterUsable(starter) ? callable("starter.ts", starter) : undefined,
    generate: generate as ExerciseModules["generate"],
    mistakes: new Map(ex.mistakes.map((m, i) => [m.id, callable(`mistakes/${m.id}.ts`, mistakeFns[i]!)])),
    ...(callbacks ? { callbacksJs: callbacks.js, callbackNames: Object.keys(hostCallbacks!) } : {}),
  };
}

async function loadTrustedFunction(
  ex: Exercise,
  file: string,
  source: string,
  exportName: string,
): Promise<(...args: unknown[]) => unknown> {
  const { exports } = await loadTrustedModule(ex, file, source);
  const fn = exports[exportName];
  if (typeof fn !== "function") {
    const what = exportName === "default" ? "a default export function" : `a function named \`${exportName}\``;
    throw new ExerciseCodeError(ex.slug, file, `must export ${what}`);
  }
  return fn as (...args: unknown[]) => unknown;
}

/** Builds and evaluates a trusted file: its exports, and its bundled CommonJS text. */
async function loadTrustedModule(ex: Exercise, file: string, source: string): Promise<{ exports: Record<string, unknown>; js: string }> {
  const filename = path.join(ex.dir, file);
  let js: string;
  try {
    const out = await esbuild.build({
      stdin: { contents: source, loader: "ts", resolveDir: path.dirname(filename), sourcefile: filename },
      bundle: true,
      write: false,
      format: "cjs",
      platform: "node",
      target: "es2022",
      logLevel: "silent",
    });
    js = out.outputFiles[0].text;
  } catch (e) {
    const first = (e as Partial<esbuild.BuildFailure>).errors?.[0];
    const where = first?.location ? ` (line ${first.location.line})` : "";
    throw new ExerciseCodeError(ex.slug, file, `does not compile${where}: ${first?.text ?? (e as Error).message}`);
  }
  const module = { exports: {} as Record<string, unknown> };
  try {
    new Function("exports", "module", "require", "__filename", "__dirname", js)(
      module.exports,
      module,
      createRequire(filename),
      filename,
      path.dirname(filename),
    );
  } catch (e) {
    throw new ExerciseCodeError(ex.slug, file, `throws when loaded: ${(e as Error).message}`);
  }
  return { exports: module.exports, js };
}

/**
 * Warms up the learner-code compilers so the first submission does not pay for it: sucrase's
 * code paths (JIT), and esbuild's long-lived service, used for the messages of code that does not
 * compile and for the exercises' trusted files.
 */
export async function compilerWarmUp(): Promise<void> {
  for (let i = 0; i < 20; i++) transpileFast(`enum E { A }\nexport function f(x: number[], k: E = E.A): number { return x.length + k + ${i}; }`);
  await esbuild.transform("export const x: number = 1", TRANSFORM_OPTIONS);
}
