// The diff shown between a learner's consecutive submissions.
import { describe, expect, it } from "vitest";
import { codeDiff } from "../../lib/instructor/code-diff";

const lines = (n: number, prefix = "line") => Array.from({ length: n }, (_, i) => `${prefix} ${i + 1}`).join("\n") + "\n";

describe("codeDiff", () => {
  it("marks the changed line with old and new line numbers", () => {
    const before = "export function f(x) {\n  return x;\n}\n";
    const after = "export function f(x) {\n  return Math.tanh(x);\n}\n";
    const d = codeDiff(before, after);
    expect(d).toMatchObject({ added: 1, removed: 1, tooLarge: false });
    expect(d.lines).toEqual([
      { type: "same", text: "export function f(x) {", oldNo: 1, newNo: 1 },
      { type: "del", text: "  return x;", oldNo: 2 },
      { type: "add", text: "  return Math.tanh(x);", newNo: 2 },
      { type: "same", text: "}", oldNo: 3, newNo: 3 },
    ]);
  });

  it("folds long unchanged stretches but keeps three lines of context", () => {
    const before = lines(40);
    const after = before.replace("line 20\n", "line twenty\n");
    const d = codeDiff(before, after);
    expect(d.lines[0]).toEqual({ type: "fold", count: 16 });
    expect(d.lines.slice(1, 4).map((l) => (l.type === "same" ? l.oldNo : null))).toEqual([17, 18, 19]);
    expect(d.lines.at(-1)).toEqual({ type: "fold", count: 17 });
    expect(d.lines.filter((l) => l.type === "same")).toHaveLength(6);
  });

  it("handles added lines at the end, identical code and Windows line ends", () => {
    const d = codeDiff("a\nb\n", "a\nb\nc\n");
    expect(d.lines.at(-1)).toEqual({ type: "add", text: "c", newNo: 3 });
    expect(codeDiff("a\r\nb\r\n", "a\nb\n")).toMatchObject({ added: 0, removed: 0 });
    expect(codeDiff("", "x\n")).toMatchObject({ added: 1, removed: 0, lines: [{ type: "add", text: "x", newNo: 1 }] });
  });
});
