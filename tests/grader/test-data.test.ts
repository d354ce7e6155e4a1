// Test data is checked against the exercise's promises: the signature's parameter types (parsed
// by the TypeScript compiler), the shapes and value rules of exercise.json `inputs`, the
// statement's worked-example values, and math that renders.
import { describe, expect, it } from "vitest";
import { metaSchema } from "../../grader/exercise-schema";
import { loadCatalogue } from "../../grader/exercises";
import { checkClassMeta } from "../../grader/scenario-check";
import { mathProblems } from "../../grader/markdown-math";
import { checkCaseArgs, checkMeta, parseSignature, typeMismatch } from "../../grader/test-data";
import { formatShown, showsNumber } from "../../grader/worked-examples";
import { ROOT } from "./helpers";
import path from "node:path";

const RNN = metaSchema.parse({
  id: "6f1c2a8e-3b4d-4c5e-9f60-718293a4b5c6",
  title: "One vanilla RNN step",
  order: 1,
  summary: "s",
  difficulty: "easy",
  export: "rnnStep",
  signature: "export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[]",
  params: ["x", "hPrev", "Wxh", "Whh", "b"],
  inputs: {
    x: { shape: ["dx"] },
    hPrev: { shape: ["dh"] },
    Wxh: { shape: ["dh", "dx"] },
    Whh: { shape: ["dh", "dh"] },
    b: { shape: ["dh"], range: "[-1, 1]" },
  },
  dimensions: { dx: "[1, inf)" },
});
const { signature: RNN_SIG } = checkMeta(RNN);

describe("the signature", () => {
  it("parses every exercise's signature into types that agree with export and params", () => {
    const { exercises } = loadCatalogue(path.join(ROOT, "exercises"));
    expect(exercises).toHaveLength(11);
    for (const ex of exercises) {
      // A class exercise's signature is a class declaration (grader/scenario-check.ts).
      expect(ex.meta.class ? checkClassMeta(ex.meta).problems : checkMeta(ex.meta).problems, ex.slug).toEqual([]);
    }
    const sig = parseSignature(exercises.find((e) => e.slug === "08-task-shapes")!.meta.signature);
    expect(typeMismatch("sideways", sig.params[0].type, "task")).toBe('task is "sideways", not "many-to-many" | "many-to-one" | "bidirectional"');
    expect(typeMismatch({ B: 1, T: 2, V: 3 }, sig.params[1].type, "dims")).toBe("dims has no key `H`");
    expect(typeMismatch({ B: 1, T: 2, V: 3, H: 4, X: 5 }, sig.params[1].type, "dims")).toBe("dims has a key `X` the signature does not declare");
  });

  it("reports a signature that disagrees with exercise.json, and inputs rules that point nowhere", () => {
    const meta = { ...RNN, export: "step", params: ["x", "h"], inputs: { ...RNN.inputs, "x.size": { shape: ["n"] }, Wxh: { shape: ["a", "b", "c"] } } };
    const { problems } = checkMeta(meta as typeof RNN);
    expect(problems).toEqual(
      expect.arrayContaining([
        "signature: declares `rnnStep` but export is `step`",
        "params: [x, h] do not match the signature's parameters (x, hPrev, Wxh, Whh, b)",
        "inputs.x.size: the signature's `x.size` has no key `size`",
        "inputs.Wxh: shape has 3 levels but the signature's type number[][] has 2",
      ]),
    );
    const bare = checkMeta({ ...RNN, inputs: {} });
    expect(bare.problems).toContain('inputs: no shape for `Wxh` (an array): declare one, e.g. "Wxh": { "shape": ["n"] } ("*" for any length)');
    expect(checkMeta({ ...RNN, signature: "export const f = 1" }).problems[0]).toMatch(/^signature: must be one function declaration/);
  });
});

describe("a case's arguments", () => {
  const good = () => [[1, 2, 3], [0.1, -0.2], [[0.1, 0.2, 0.3], [-0.3, 0.2, -0.1]], [[0.5, -0.5], [0.25, 0.75]], [0.1, -0.1]];

  it("pass when types, shapes and ranges hold", () => {
    expect(checkCaseArgs(RNN, RNN_SIG!, good())).toEqual([]);
  });

  it("name the parameter and the dimension a missing row breaks", () => {
    const args = good();
    (args[2] as number[][]).pop();
    expect(checkCaseArgs(RNN, RNN_SIG!, args)).toEqual(["Wxh.length is 1, but dh = 2 (hPrev.length)"]);
    const ragged = good();
    (ragged[2] as number[][])[1].push(9);
    expect(checkCaseArgs(RNN, RNN_SIG!, ragged)).toEqual(["Wxh[1].length is 4, but dx = 3 (x.length)"]);
  });

  it("report wrong types, counts, ranges and dimension sizes", () => {
    expect(checkCaseArgs(RNN, RNN_SIG!, good().slice(0, 4))).toEqual(["has 4 arguments; the signature has 5"]);
    const typed = good();
    (typed as unknown[])[0] = [1, "2", 3];
    expect(checkCaseArgs(RNN, RNN_SIG!, typed)).toEqual(['x[1] is "2", not a number']);
    const nan = good();
    (nan[4] as number[])[0] = NaN;
    expect(checkCaseArgs(RNN, RNN_SIG!, nan)).toEqual(["b[0] is NaN"]);
    const big = good();
    (big[4] as number[])[1] = 3;
    expect(checkCaseArgs(RNN, RNN_SIG!, big)).toEqual(["b[1] = 3 is outside [-1, 1]"]);
    const empty = [[], [0.5], [[]], [[1]], [0]];
    expect(checkCaseArgs(RNN, RNN_SIG!, empty)).toEqual(["dimension dx = 0 (x.length) is outside [1, inf)"]);
  });

  it("apply oneOf, integer and order rules to every leaf or innermost row", () => {
    const meta = metaSchema.parse({
      ...RNN,
      signature: "export function f(mask: number[][], k: number): number",
      params: ["mask", "k"],
      inputs: { mask: { shape: ["B", "T"], oneOf: [0, 1], order: "non-increasing" }, k: { integer: true, range: "(0, 10]" } },
      dimensions: {},
    });
    const sig = checkMeta(meta).signature!;
    expect(checkCaseArgs(meta, sig, [[[1, 1, 0], [1, 0, 0]], 3])).toEqual([]);
    expect(checkCaseArgs(meta, sig, [[[1, 0.5, 0]], 3])).toEqual(["mask[0][1] = 0.5 is not one of 0, 1"]);
    expect(checkCaseArgs(meta, sig, [[[1, 1, 0], [0, 1, 0]], 3])).toEqual(["mask[1] is not non-increasing (mask[1][0] = 0, mask[1][1] = 1)"]);
    expect(checkCaseArgs(meta, sig, [[[1]], 2.5])).toEqual(["k = 2.5 is not an integer"]);
    expect(checkCaseArgs(meta, sig, [[[1]], 0])).toEqual(["k = 0 is outside (0, 10]"]);
  });

  it("refuses an interval that is not one", () => {
    expect(() => metaSchema.parse({ ...RNN, inputs: { x: { range: "[1, 0]" } } })).toThrow(/is not an interval/);
    expect(() => metaSchema.parse({ ...RNN, inputs: { x: { range: "0..1" } } })).toThrow(/is not an interval/);
  });
});

describe("worked examples", () => {
  it("are found in the statement as written, rounded, as whole numbers only", () => {
    expect(formatShown(0.56666666, 4)).toBe("0.5667");
    expect(formatShown(0.6, 4)).toBe("0.6");
    expect(formatShown(13, 4)).toBe("13");
    expect(formatShown(-0.7616, undefined)).toBe("-0.7616");
    expect(showsNumber("so $(0.8483, -0.7616)$.", "-0.7616")).toBe(true);
    expect(showsNumber("so $(0.8483, −0.7616)$.", "-0.7616")).toBe(true);
    expect(showsNumber("= 0.95.", "0.95")).toBe(true);
    expect(showsNumber("= 0.951", "0.95")).toBe(false);
    expect(showsNumber("= 13", "3")).toBe(false);
    expect(showsNumber("= -0.5", "0.5")).toBe(false);
    expect(showsNumber("`[3, 5, 100]`", "100")).toBe(true);
  });
});

describe("math in Markdown", () => {
  it("renders, or the problem is named with its line", () => {
    expect(mathProblems("Fine: $\\tanh(x)$ and\n\n$$\n\\sum_t \\ell_t m_t\n$$\n")).toEqual([]);
    const problems = mathProblems("line one\n\nbroken $\\frac{1}{$ here");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^line 3: math `\\frac\{1\}\{` does not render: /);
  });

  it("every statement and hint of the pack renders", () => {
    for (const ex of loadCatalogue(path.join(ROOT, "exercises")).exercises) {
      expect(mathProblems(ex.statement), ex.slug).toEqual([]);
      for (const m of ex.mistakes) expect(mathProblems(m.hint), `${ex.slug} ${m.id}`).toEqual([]);
    }
  });
});
