// How result values are shown to a learner: compact numbers, elided long arrays that still
// show the first difference, and the differing element marked.
import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import { describe, expect, it } from "vitest";
import { ValueView } from "../../app/_components/ValueView";
import { formatNumber, parseWhere, shapeOf, visibleIndices } from "../../app/_lib/format";
import { decodeWire, encodeWire } from "../../grader/wire";

function text(html: string): string {
  return html.replace(/<[^>]+>/g, "").replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&gt;/g, ">").replace(/&lt;/g, "<").replace(/&amp;/g, "&");
}
const view = (value: unknown, where?: string, tone: "expected" | "actual" = "actual") =>
  renderToStaticMarkup(createElement(ValueView, { value, highlight: parseWhere(where), tone }));

describe("parseWhere", () => {
  it("reads indices, keys and mixtures", () => {
    expect(parseWhere("[2]")).toEqual([2]);
    expect(parseWhere("[1][0]")).toEqual([1, 0]);
    expect(parseWhere(".logp")).toEqual(["logp"]);
    expect(parseWhere(".a[3]")).toEqual(["a", 3]);
    expect(parseWhere("")).toEqual([]);
    expect(parseWhere(undefined)).toBeNull();
  });
});

describe("formatNumber", () => {
  it("keeps 6 significant digits and names the special values", () => {
    expect(formatNumber(0.8482836399575129)).toBe("0.848284");
    expect(formatNumber(3)).toBe("3");
    expect(formatNumber(-0)).toBe("-0");
    expect(formatNumber(1.5e-7)).toBe("1.5e-7");
    expect(formatNumber(NaN)).toBe("NaN");
    expect(formatNumber(-Infinity)).toBe("-Infinity");
  });
});

describe("visibleIndices", () => {
  it("shows short arrays whole", () => {
    expect(visibleIndices(5, undefined)).toEqual([0, 1, 2, 3, 4]);
  });
  it("elides the middle of long arrays but keeps the highlighted index in view", () => {
    const idx = visibleIndices(100, 50);
    expect(idx).toContain(50);
    expect(idx).toContain(0);
    expect(idx).toContain(99);
    expect(idx.filter((i) => i === null)).toHaveLength(2);
    expect(idx.length).toBeLessThan(15);
  });
});

describe("ValueView", () => {
  it("marks the first differing element", () => {
    const html = view([0.5, 1.25, -1], "[1]");
    expect(html).toMatch(/<mark class="diff diff-actual"[^>]*><span class="v-num">1\.25<\/span><\/mark>/);
    expect(text(html)).toBe("[0.5, 1.25, -1]");
  });

  it("marks inside matrices and objects", () => {
    expect(view([[1, 2], [3, 4]], "[1][0]")).toMatch(/<mark[^>]*><span class="v-num">3<\/span><\/mark>/);
    expect(view({ p: 0.5, logp: -0.693 }, ".logp", "expected")).toMatch(/diff-expected[^>]*><span class="v-num">-0.693</);
  });

  it("prints matrices one row per line", () => {
    expect(text(view([[1, 0], [0, 1]]))).toBe("[[1, 0],\n [0, 1]]");
  });

  it("elides a long vector yet shows the difference", () => {
    const v = Array.from({ length: 1000 }, (_, i) => i);
    const shown = text(view(v, "[500]"));
    expect(shown).toContain("500");
    expect(shown).toContain("…");
    expect(shown.length).toBeLessThan(120);
  });

  it("shows what JSON cannot carry: NaN, Infinity, undefined, a function", () => {
    const decoded = decodeWire(encodeWire([NaN, Infinity, undefined, () => 1]));
    expect(text(view(decoded))).toBe("[NaN, Infinity, undefined, ‹a function›]");
  });

  it("shows a Map's entries, a Set's members and a Date, not an empty object", () => {
    const decoded = decodeWire(encodeWire([new Map<unknown, unknown>([["go", 2], [3, [1]]]), new Set(["a"]), new Date(0), new Map(), 5n]));
    expect(text(view(decoded))).toBe('[Map(2) { "go" => 2, 3 => [1] }, Set(1) { "a" }, Date(1970-01-01T00:00:00.000Z), Map(0) {}, 5]');
  });

  it("escapes learner strings instead of injecting HTML", () => {
    expect(view("<img src=x onerror=alert(1)>")).not.toContain("<img");
  });

  it("describes shapes", () => {
    expect(shapeOf([[1, 2, 3], [4, 5, 6]])).toBe("2×3");
    expect(shapeOf([1, 2])).toBe("length 2");
  });
});
