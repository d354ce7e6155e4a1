// The statement's worked examples are tied to the reference: a visible case may carry the values
// the statement shows (`expected`, rounded to `decimals`), and exercises:check verifies that the
// reference computes them and that statement.md really shows them.
import { caseTolerance, compareValues, describeDifference, type Tolerance } from "./compare";
import type { Exercise } from "./exercises";
import { decodeWire } from "./wire";

/** How close the reference must be to a value the statement shows rounded to `decimals`. */
export function exampleTolerance(decimals: number | undefined, exercise: Tolerance): Tolerance {
  // Half a unit in the last shown decimal, plus a hair for the binary value of the decimal.
  return decimals === undefined ? exercise : { rtol: 1e-12, atol: 0.5 * 10 ** -decimals * (1 + 1e-9), ...(exercise.order ? { order: exercise.order } : {}) };
}

/** x as the statement writes it: at most `decimals` decimals, no trailing zeros. */
export function formatShown(x: number, decimals: number | undefined): string {
  const fixed = decimals === undefined ? String(x) : x.toFixed(decimals);
  return fixed.includes(".") && !fixed.includes("e") ? fixed.replace(/\.?0+$/, "") : fixed;
}

export function numbersIn(v: unknown): number[] {
  if (typeof v === "number") return [v];
  if (Array.isArray(v)) return v.flatMap(numbersIn);
  if (v instanceof Map) return [...v.values()].flatMap(numbersIn);
  if (v !== null && typeof v === "object") return Object.values(v).flatMap(numbersIn);
  return [];
}

/** Whether `text` shows the number as a whole token (so 0.95 is not found inside 0.951). */
export function showsNumber(text: string, shown: string): boolean {
  const variants = shown.startsWith("-") ? [shown, `−${shown.slice(1)}`] : [shown];
  for (const v of variants) {
    let at = text.indexOf(v);
    while (at >= 0) {
      const before = text[at - 1] ?? " ";
      const after = text[at + v.length] ?? " ";
      const digitOrPoint = (c: string) => (c >= "0" && c <= "9") || c === ".";
      // "3" inside "13" or "0.3" is not the number 3; a trailing sentence period is fine.
      const endsNumber = !(after >= "0" && after <= "9") && !(after === "." && /[0-9]/.test(text[at + v.length + 1] ?? ""));
      if (!digitOrPoint(before) && (shown.startsWith("-") || (before !== "-" && before !== "−")) && endsNumber) return true;
      at = text.indexOf(v, at + 1);
    }
  }
  return false;
}

/**
 * Problems with the worked examples of `ex`, given the reference's value on each visible case
 * (undefined where the reference throws, which is reported elsewhere).
 */
export function checkWorkedExamples(ex: Exercise, referenceValues: unknown[]): string[] {
  const problems: string[] = [];
  ex.tests.visible.forEach((c, i) => {
    if (c.expected === undefined) return;
    const where = `${ex.slug}/tests.json: example "${c.name}"`;
    const actual = referenceValues[i];
    if (actual !== undefined) {
      // Wire tags in tests.json ({"$w":"map",...}) stand for the values JSON cannot write.
      const diff = compareValues(actual, decodeWire(c.expected), exampleTolerance(c.decimals, caseTolerance(ex.meta.tolerance, ex.meta.compare, c.compare)));
      if (diff) {
        const shownAs = c.decimals === undefined ? "" : ` (rounded to ${c.decimals} decimals)`;
        problems.push(`${where}: expected${shownAs} is not what reference.ts computes: ${describeDifference(diff, true)}`);
      }
    }
    const missing = numbersIn(decodeWire(c.expected))
      .map((x) => formatShown(x, c.decimals))
      .filter((shown) => !showsNumber(ex.statement, shown));
    if (missing.length) {
      problems.push(`${ex.slug}/statement.md: does not show ${[...new Set(missing)].join(", ")} from example "${c.name}" (tests.json expected)`);
    }
  });
  return problems;
}

/**
 * Problems where a hidden case's stored `expected` (optional; from a canonical source, say) is not
 * what the reference computes on it: a reference bug caught before a learner meets it. Given the
 * reference's value on each hidden case (undefined where it throws, which is reported elsewhere).
 */
export function checkHiddenExpected(ex: Exercise, referenceValues: unknown[]): string[] {
  const problems: string[] = [];
  ex.tests.hidden.forEach((c, i) => {
    const actual = referenceValues[i];
    if (c.expected === undefined || actual === undefined) return;
    const diff = compareValues(actual, decodeWire(c.expected), exampleTolerance(c.decimals, caseTolerance(ex.meta.tolerance, ex.meta.compare, c.compare)));
    if (diff) {
      const shownAs = c.decimals === undefined ? "" : ` (rounded to ${c.decimals} decimals)`;
      problems.push(`${ex.slug}/tests.json: hidden case "${c.name}": expected${shownAs} is not what reference.ts computes: ${describeDifference(diff, true)}`);
    }
  });
  return problems;
}
