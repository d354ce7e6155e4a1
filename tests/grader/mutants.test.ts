// Mutants are made from the syntax tree: each operator changes exactly one place, the result
// still compiles, types and imports are left alone, and ids survive edits elsewhere in the file.
import { readFileSync } from "node:fs";
import path from "node:path";
import * as esbuild from "esbuild";
import { describe, expect, it } from "vitest";
import { generateMutants, type Mutant } from "../../grader/mutants";
import { ROOT } from "./helpers";

const SOURCE = `import type { Rng } from "../../grader/rng";
type Mode = "a" | "b";

export function f(xs: number[], limit: number, mode: Mode, o: { p: number; q: number }): number[] {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i] * 2;
  for (const v of xs) if (v > limit && mode === "a") s -= v;
  const norm = Math.hypot(...xs);
  const m = [[1, 2], [3, 4]];
  return [s / norm, Math.tanh(o.p - o.q), m[0][1], Math.max(s, 0.5)];
}
`;

const mutants = generateMutants(SOURCE);
const byOperator = (op: Mutant["operator"]) => mutants.filter((m) => m.operator === op);
const changedLine = (m: Mutant) => m.source.split("\n").find((line, i) => line !== SOURCE.split("\n")[i]);

describe("generateMutants", () => {
  it("covers each kind of change a learner makes", () => {
    const descriptions = mutants.map((m) => m.description);
    expect(descriptions).toEqual(
      expect.arrayContaining([
        "`*` → `/`", // arithmetic
        "`<` → `<=`", // boundary
        "`>` → `<=`", // negation
        "`===` → `!==`",
        "`&&` → `||`",
        "`+=` → `=`", // accumulation forgotten
        "`0.5` → `0.505`", // constant nudged
        "`2` → `3`",
        "`Math.max` → `Math.min`",
        "`Math.tanh(…)` removed",
        "`Math.hypot(...)` → `Math.sqrt(Σ v²)` (overflows and underflows)",
        "`s += xs[i] * 2;` removed",
        "loop bound `xs.length` → `xs.length - 1`",
        "iterates over `xs` without its first element",
        "`o.p` → `o.q`",
        "`[0][1]` → `[1][0]`",
        "`s / norm` → `s`", // a stabiliser dropped
      ]),
    );
    expect(changedLine(byOperator("naive")[0])).toContain("Math.sqrt(xs.reduce((s, v) => s + v * v, 0))");
    expect(byOperator("element-swap").map(changedLine)).toContainEqual(expect.stringContaining("[[3, 4], [1, 2]]"));
  });

  it("changes exactly one place, compiles, and never repeats itself", () => {
    const sources = new Set(mutants.map((m) => m.source));
    expect(sources.size).toBe(mutants.length);
    expect(sources.has(SOURCE)).toBe(false);
    for (const m of mutants) {
      expect(() => esbuild.transformSync(m.source, { loader: "ts" }), m.description).not.toThrow();
      expect(m.diff).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@/);
      expect(m.diff.split("\n").filter((l) => l.startsWith("-")).length, m.description).toBeGreaterThan(0);
    }
  });

  it("a statement removed from a loop body without braces leaves an empty block", () => {
    const removed = byOperator("statement").find((m) => m.description.includes("s -= v"))!;
    expect(changedLine(removed)).toContain('if (v > limit && mode === "a") {}');
  });

  it("leaves types, type imports and literal types alone", () => {
    const head = (text: string) => text.split("\n").slice(0, 4).join("\n"); // import, type, signature
    for (const m of mutants) expect(head(m.source), m.description).toBe(head(SOURCE));
  });

  it("ids stay the same when other lines change, and differ for identical lines", () => {
    const edited = generateMutants(`// a comment on top\n${SOURCE.replace("let s = 0;", "let s = 0; // running sum")}`);
    const untouched = mutants.filter((m) => m.line !== 5);
    const editedIds = new Set(edited.map((m) => m.id));
    for (const m of untouched) expect(editedIds.has(m.id), `${m.id} ${m.description}`).toBe(true);
    // The line that changed gets new ids: an equivalence note about it must be reviewed again.
    for (const m of mutants.filter((x) => x.line === 5)) expect(editedIds.has(m.id)).toBe(false);

    const twice = generateMutants("export function g(a: number[]) {\n  return [a[0] + 1, a[0] + 1];\n}\n");
    const plus = twice.filter((m) => m.description === "`+` → `-`");
    expect(plus).toHaveLength(2);
    expect(plus[0].id).not.toBe(plus[1].id);
  });

  it("every reference in exercises/ has mutants, and each compiles", () => {
    const dir = path.join(ROOT, "exercises");
    for (const slug of ["01-rnn-step", "04-gradient-clipping", "10-rnn-diagnostics"]) {
      const list = generateMutants(readFileSync(path.join(dir, slug, "reference.ts"), "utf8"));
      expect(list.length, slug).toBeGreaterThan(5);
      expect(new Set(list.map((m) => m.id)).size, slug).toBe(list.length);
    }
    const clipping = generateMutants(readFileSync(path.join(dir, "04-gradient-clipping", "reference.ts"), "utf8"));
    expect(clipping.map((m) => m.operator)).toContain("naive");
  });
});
