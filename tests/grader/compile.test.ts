// What a learner sees from the compiler: the fast in-process transpiler (sucrase) and the
// fallback (esbuild) must agree on what compiles, and positions point at the learner's TypeScript.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compileSubmission, transformWithEsbuild, transpileFast } from "../../grader/compile";
import type { GraderPool } from "../../grader/pool";
import { job, makePool } from "./helpers";

let pool: GraderPool;
beforeAll(async () => {
  pool = makePool({ size: 1 });
  await pool.start();
});
afterAll(() => pool?.close());

const SIGNATURE = "export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[]";

describe("compile errors the fast transpiler lets through", () => {
  it("a redeclared variable is a compile error with its line and column, not a crash in the sandbox", async () => {
    const r = await pool.grade(job(`${SIGNATURE} {\n  let h = x;\n  let h = hPrev;\n  return h;\n}\n`));
    expect(r.status).toBe("error");
    expect(r.error).toMatchObject({ kind: "compile", line: 3, column: 7 });
    expect(r.error!.message).toMatch(/^Line 3, column 7: .*"h" has already been declared/);
  });

  it("an invalid assignment target is a compile error with its line", async () => {
    const r = await compileSubmission(`// one\n${SIGNATURE} {\n  x.length + 1 = 3;\n  return x;\n}\n`);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatchObject({ kind: "compile", line: 3 });
  });
});

describe("what compiles", () => {
  it("compiles TypeScript-only syntax away and keeps every line where it was", async () => {
    const code = [
      "type Vec = number[];",
      "const enum Unused { A }",
      "abstract class Base<T> { abstract f(v: T): T; }",
      "namespace Helpers { export const twice = (v: number) => 2 * v; }",
      `${SIGNATURE} {`,
      "  const t = x satisfies Vec;",
      "  return t.map((v) => Helpers.twice(v)!);",
      "}",
    ].join("\n");
    const r = await compileSubmission(code);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.compiled.js).not.toMatch(/satisfies|abstract f|: number/);
      expect(r.compiled.js.split("\n").length).toBeGreaterThanOrEqual(code.split("\n").length);
    }
  });

  it("maps a runtime error back to the line and column of the learner's TypeScript", async () => {
    const code = [
      "// types before the failing expression move its column in the JavaScript",
      `${SIGNATURE} {`,
      "  const row: number[] = Wxh[0] as number[], missing: number[][] = (hPrev as any).nothing;",
      "  return row.map((v: number, i: number): number => v + missing[i][0]);",
      "}",
    ].join("\n");
    const r = await pool.grade(job(code, "run"));
    expect(r.error).toMatchObject({ kind: "runtime", line: 4 });
    // `missing[i][0]`: the failing read of [0] on undefined, counted in the TypeScript source.
    const column = code.split("\n")[3].indexOf("missing[i][0]") + 1;
    expect(r.error!.column).toBeGreaterThanOrEqual(column);
    expect(r.error!.column).toBeLessThanOrEqual(column + "missing[i]".length);
  });
});

describe("the two compilers", () => {
  it("both give strict-mode code, so an assignment to an undeclared name fails whichever one ran", async () => {
    const code = `export function f(x: number[]): number[] {\n  total = x.length;\n  return x;\n}\n`;
    for (const outcome of [transpileFast(code), await transformWithEsbuild(code)]) {
      expect(outcome?.ok).toBe(true);
      if (!outcome?.ok) continue;
      const module = { exports: {} as Record<string, (x: number[]) => number[]> };
      new Function("exports", "module", "require", outcome.compiled.js)(module.exports, module, () => undefined);
      expect(() => module.exports.f([1, 2])).toThrow(ReferenceError);
    }
  });
});
