// The results panel and the statement as a learner sees them: expected outputs of the examples
// before any Run, a hint shown once per mistake with its math rendered, and the console grouped
// by test with the hidden tests' output withheld.
import { expect, test } from "@playwright/test";
import { CORRECT, NO_TANH, grade, openExercise, setCode } from "./helpers";

/** Multiplies by the columns of Wxh: a known mistake whose hint is written with math. */
const TRANSPOSED = CORRECT.replace("s += row[j] * x[j];", "s += (Wxh[j]?.[i] ?? 0) * x[j];");

test("the examples show their expected outputs before Run, the same values Run shows", async ({ page }) => {
  await openExercise(page);
  const shown = page.locator(".example [data-testid=example-expected]");
  await expect(shown).toHaveCount(2);
  const before = await shown.locator("dd").allTextContents();
  expect(before[0]).toMatch(/^\[.*\]$/);

  await setCode(page, CORRECT);
  await grade(page, "run");
  // (Passing rows keep their values in a closed <details>: read the text, not what is drawn.)
  const expected = await page.locator(".tests > li .kv-expected dd .value").allTextContents();
  expect(expected).toEqual(before);
});

test("a hint is shown once for its mistake, not on every failing row", async ({ page }) => {
  await openExercise(page);
  await setCode(page, NO_TANH);
  await grade(page, "submit");
  const hints = page.getByTestId("hints");
  await expect(hints.locator("p[data-hint]")).toHaveCount(1);
  await expect(hints).toContainText("(Math.tanh) to each of its components");
  const failing = page.locator('.tests > li[data-status="fail"]');
  const withHint = page.locator(".tests .test-hint");
  expect(await withHint.count()).toBeGreaterThan(1);
  // Rows point at the hint instead of repeating it.
  await expect(page.locator(".tests")).not.toContainText("to each of its components");
  await expect(withHint.first().getByRole("link")).toHaveText("See the hint above");
  await expect(hints).toContainText(`explains ${await withHint.count()} failing tests`);
  expect(await failing.count()).toBeGreaterThanOrEqual(await withHint.count());
});

test("hint math is rendered with KaTeX, not shown as source", async ({ page }) => {
  await openExercise(page);
  await setCode(page, TRANSPOSED);
  await grade(page, "submit");
  const hint = page.locator('[data-testid=hints] p[data-hint="transposed-wxh"]');
  await expect(hint).toContainText("You multiplied by the columns of");
  await expect(hint.locator(".katex").first()).toBeVisible();
  // $W_{xh}$, $i$, $W_{xh}$, $d_x$, $i$ and the sum
  await expect(hint.locator(".katex")).toHaveCount(6);
  // No formula is left as source (KaTeX keeps the TeX only inside its MathML, for screen readers).
  await expect(hint.locator(".math-source")).toHaveCount(0);
  expect(await hint.evaluate((el) => (el as HTMLElement).innerText)).not.toMatch(/\$|\\sum/);
});

test("console output is grouped by test, and what hidden tests printed never arrives", async ({ page }) => {
  await openExercise(page);
  await setCode(page, CORRECT.replace("return Wxh.map(", 'console.log("called with x =", JSON.stringify(x));\n  return Wxh.map(').replace("export function", 'console.log("file loaded");\nexport function'));
  await grade(page, "run");
  const groups = page.getByTestId("console-group");
  await expect(groups.locator("h4")).toHaveText(["While loading your file", 'Test "notebook example"', 'Test "bias only"']);
  await expect(groups.nth(0)).toContainText("file loaded");
  await expect(groups.nth(1)).toContainText('called with x = [1,-1]');
  await expect(groups.nth(2)).toContainText("called with x = [0,0]");

  const response = page.waitForResponse((r) => r.url().endsWith("/submit"));
  await grade(page, "submit");
  const body = (await (await response).json()) as { result: { tests: { hidden: boolean; console?: string }[] } };
  expect(body.result.tests.filter((t) => t.hidden && t.console !== undefined)).toEqual([]);
  const last = groups.last();
  await expect(last.locator("h4")).toHaveText("Hidden tests");
  await expect(last).toContainText("withheld");
  // A hidden case's input ([1,2,3] is the first hidden test's x) is not printed anywhere.
  await expect(page.locator(".console")).not.toContainText("[1,2,3]");
});

test("examples and results show each call as written, and a throwing stub reads as not implemented yet", async ({ page }) => {
  await openExercise(page);
  // Array arguments are named in the call; their values are listed below it.
  await expect(page.locator(".example [data-testid=example-call] code")).toHaveText(["rnnStep(x, hPrev, Wxh, Whh, b)", "rnnStep(x, hPrev, Wxh, Whh, b)"]);

  await setCode(page, 'export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {\n  throw new Error("Not implemented");\n}\n');
  const verdict = await grade(page, "run");
  await expect(verdict).toHaveAttribute("data-verdict", "fail");
  const rows = page.locator('.tests > li[data-status="fail"]');
  await expect(rows).toHaveCount(2);
  await expect(rows.locator(".test-message")).toHaveText([/^Not implemented yet/, /^Not implemented yet/]);
  await expect(rows.first().getByTestId("test-call")).toContainText("rnnStep(x, hPrev, Wxh, Whh, b)");
  await expect(page.locator(".tests")).not.toContainText("line 2");
});
