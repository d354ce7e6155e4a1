// Turns grader/harness/isolate-harness.ts into the script an isolate runs. The source file is read
// (not the function's toString(): development loaders such as tsx add helper calls like __name()
// to functions they compile, which do not exist inside an isolate), its types are stripped with
// sucrase (which adds nothing else with the options below), and the result is wrapped in an
// expression that calls the harness with the limits as JSON. Read once per process.
//
// The file is found from this module's directory: beside it when running from source (tsx,
// vitest), or by walking up to the project root from the bundle's directory
// (node_modules/.cache/grader/ when `npm start` or the pool runs the compiled worker).
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { transform } from "sucrase";
import type { SandboxLimits } from "../limits";
import type { HarnessConfig } from "./isolate-harness";

const HARNESS_FILE = "isolate-harness.ts";
const HARNESS_PATH = path.join("grader", "harness", HARNESS_FILE);

function findHarnessFile(): string {
  const beside = path.join(__dirname, HARNESS_FILE);
  if (existsSync(beside)) return beside;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, HARNESS_PATH);
    if (existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) break;
  }
  throw new Error(`The grader's isolate harness (${HARNESS_PATH}) was not found above ${__dirname}.`);
}

let compiled: string | undefined;

/** The harness module as plain JavaScript: one `function isolateHarness(config, G) { ... }`. */
export function harnessFunctionSource(): string {
  if (compiled !== undefined) return compiled;
  const ts = readFileSync(findHarnessFile(), "utf8");
  // "typescript" only: types go, the rest stays as written (no module or syntax transforms).
  const js = transform(ts, { transforms: ["typescript"], disableESTransforms: true }).code;
  // The function was exported for tests and tsc; inside the isolate it is a plain declaration.
  const body = js.replace(/^export function isolateHarness\(/m, "function isolateHarness(");
  if (/^\s*(import|export)\b/m.test(body)) {
    throw new Error(`${HARNESS_PATH} must be self-contained: no imports or exports besides isolateHarness.`);
  }
  compiled = body;
  return body;
}

/** The script an isolate runs: it evaluates to the harness API ({ load, call, encode }). */
export function harnessScript(limits: Pick<SandboxLimits, keyof HarnessConfig>): string {
  const config: HarnessConfig = {
    resultNodes: limits.resultNodes,
    resultChars: limits.resultChars,
    consoleKeepBytes: limits.consoleKeepBytes,
  };
  return `(function () {\n${harnessFunctionSource()}\nreturn isolateHarness(${JSON.stringify(config)}, globalThis);\n})()`;
}
