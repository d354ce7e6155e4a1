// What a learner does in the workspace, end to end, in a real browser against `npm start`.
import { existsSync, mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import {
  CORRECT,
  INFINITE_LOOP,
  NO_BIAS,
  NO_TANH,
  SLUG,
  SYNTAX_ERROR,
  editorMarkers,
  editorValue,
  grade,
  openExercise,
  setCode,
} from "./helpers";

test("the catalogue lists the exercises in order with their state and overall progress", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  const cards = page.locator(".exercise-card");
  await expect(cards).toHaveCount(11);
  const slugs = await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-slug")));
  expect(slugs).toEqual([...slugs].sort());
  expect(slugs[0]).toBe(SLUG);
  await expect(cards.first().getByRole("link")).toHaveText("One vanilla RNN step");
  await expect(cards.first().locator(".difficulty")).toHaveText("easy");
  await expect(cards.first().locator(".state")).toContainText("Not started");
  await expect(page.getByTestId("progress-summary")).toContainText("0 of 11 solved");
});

test("exercise 1 opens from the catalogue with its statement, math, examples and editor", async ({ page }) => {
  // Everything (Monaco, KaTeX fonts, chunks) must come from this server: no CDN.
  const origin = new URL(test.info().project.use.baseURL!).origin;
  const external: string[] = [];
  page.on("request", (r) => {
    if (/^https?:/.test(r.url()) && new URL(r.url()).origin !== origin) external.push(r.url());
  });
  await page.goto("/");
  await page.getByRole("link", { name: "One vanilla RNN step" }).click();
  await expect(page).toHaveURL(new RegExp(`/exercises/${SLUG}$`));
  await expect(page.getByRole("heading", { level: 1, name: "One vanilla RNN step" })).toBeVisible();
  await expect(page.locator(".prose .katex").first()).toBeVisible(); // KaTeX rendered the math
  await expect(page.locator(".signature")).toContainText("export function rnnStep(");
  await expect(page.locator(".example").first()).toContainText("notebook example");
  await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => editorValue(page)).toContain("TODO: fill h[i]");
  // Monaco came from this server, not a CDN.
  const monacoScripts = await page.evaluate(() =>
    [...document.querySelectorAll("script[src]")].map((s) => (s as HTMLScriptElement).src).filter((s) => s.includes("monaco")),
  );
  expect(monacoScripts.length).toBeGreaterThan(0);
  for (const src of monacoScripts) expect(src).toContain("/monaco/vs/");
  expect(external).toEqual([]);
});

test("the editor knows the exercise's TypeScript: a type error gets a red squiggle", async ({ page }) => {
  await openExercise(page);
  await setCode(page, CORRECT.replace("return Math.tanh(s);", 'return Math.tanh(s) + "";'));
  await expect
    .poll(async () => (await editorMarkers(page, "typescript")).map((m) => m.message).join("\n"), { timeout: 20_000 })
    .toMatch(/string/);
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible();
});

test("a correct solution submitted passes, and the catalogue shows it solved", async ({ page }) => {
  await openExercise(page);
  await setCode(page, CORRECT);
  const verdict = await grade(page, "submit");
  await expect(verdict).toHaveAttribute("data-verdict", "pass");
  await expect(verdict).toContainText("Solved!");
  await expect(verdict).toContainText(/seed \d+/);
  const rows = page.locator(".tests > li");
  expect(await rows.count()).toBeGreaterThan(2);
  await expect(page.locator('.tests > li[data-status="pass"]')).toHaveCount(await rows.count());
  await expect(page.locator('.tests > li[data-kind="hidden"]').first()).toBeVisible();

  await page.getByRole("link", { name: "Exercises", exact: true }).first().click();
  const card = page.locator(`.exercise-card[data-slug="${SLUG}"]`);
  await expect(card).toHaveAttribute("data-state", "solved");
  await expect(card.locator(".state")).toContainText("Solved");
  await expect(page.getByTestId("progress-summary")).toContainText("1 of 11 solved");
});

test("a wrong solution shows the failing test, its message, the difference and the hint", async ({ page }) => {
  await openExercise(page);
  await setCode(page, NO_TANH);
  const verdict = await grade(page, "run", "shortcut");
  await expect(verdict).toHaveAttribute("data-verdict", "fail");
  const failing = page.locator('.tests > li[data-status="fail"]').first();
  await expect(failing).toContainText("notebook example");
  await expect(failing.locator(".test-message")).toContainText("Wrong value at [0]");
  // Inputs are labelled with the parameter names.
  await expect(failing.locator(".kv dt")).toContainText(["expected", "yours", "first difference", "x", "hPrev", "Wxh", "Whh", "b"]);
  await expect(failing.locator("mark.diff-actual")).toHaveText("1.25");
  await expect(page.locator(".hint")).toContainText("Math.tanh");

  // Attempted (not solved) on the catalogue.
  await page.goto("/");
  await expect(page.locator(`.exercise-card[data-slug="${SLUG}"]`)).toHaveAttribute("data-state", "attempted");
});

test("hidden tests show their name and message but never their inputs", async ({ page }) => {
  await openExercise(page);
  await setCode(page, NO_BIAS);
  const verdict = await grade(page, "submit", "shortcut");
  await expect(verdict).toHaveAttribute("data-verdict", "fail");
  const hidden = page.locator('.tests > li[data-kind="hidden"][data-status="fail"]').first();
  await expect(hidden).toBeVisible();
  await expect(hidden.locator(".test-message")).not.toBeEmpty();
  await expect(hidden.locator(".test-values")).toHaveCount(0);
  // The hint's words, whether its math ($b_i$) is shown as source or rendered.
  await expect(page.locator(".hint")).toContainText("without the bias");
});

test("an infinite loop ends in a timeout verdict and the page stays usable", async ({ page }) => {
  await openExercise(page);
  await setCode(page, INFINITE_LOOP);
  const verdict = await grade(page, "run");
  await expect(verdict).toHaveAttribute("data-verdict", "error");
  await expect(verdict).toContainText("took too long");
  await expect(page.locator(".error-details")).toContainText("loop");
  // Still usable: fix the code and run again.
  await setCode(page, CORRECT);
  const again = await grade(page, "run");
  await expect(again).toHaveAttribute("data-verdict", "pass");
});

test("a compile error is marked in the editor at its line", async ({ page }) => {
  await openExercise(page);
  await setCode(page, SYNTAX_ERROR);
  const verdict = await grade(page, "run");
  await expect(verdict).toHaveAttribute("data-verdict", "error");
  await expect(verdict).toContainText("does not compile");
  await expect.poll(() => editorMarkers(page, "grader")).toEqual([
    expect.objectContaining({ startLineNumber: 3, severity: 8 }),
  ]);
  await expect(page.locator(".monaco-editor .squiggly-error").first()).toBeVisible();
  await expect(page.locator(".error-message")).toContainText(/line 3/i);
});

test("Reset asks first, then restores the starter code", async ({ page }) => {
  await openExercise(page);
  const starter = await editorValue(page);
  expect(starter).toContain("TODO");
  await setCode(page, CORRECT);

  await page.getByRole("button", { name: "Reset to starter" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset to the starter code?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  expect(await editorValue(page)).toBe(CORRECT);

  await page.getByRole("button", { name: "Reset to starter" }).click();
  await dialog.getByRole("button", { name: "Reset" }).click();
  await expect.poll(() => editorValue(page)).toBe(starter);
  await page.reload();
  await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => editorValue(page)).toBe(starter);
});

test("a reload keeps the draft typed in the editor", async ({ page }) => {
  await openExercise(page);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+End");
  await page.keyboard.type("// my note 42");
  await expect(page.locator(".save-state")).toHaveText("Draft saved");
  const typed = await editorValue(page);
  expect(typed).toContain("// my note 42");

  await page.reload();
  await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => editorValue(page)).toBe(typed);
  await expect(page.locator(".save-state")).toHaveText("Draft restored");
});

test("screenshot of the exercise page with a result, for the README", async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 1100 }); // tall enough to show a marked difference
  await openExercise(page);
  await setCode(page, NO_BIAS);
  const verdict = await grade(page, "submit");
  await expect(verdict).toHaveAttribute("data-verdict", "fail");
  await page.locator(".results").evaluate((el) => el.scrollTo(0, 0));
  const shot = await page.screenshot();
  test.info().attachments.push({ name: "exercise", contentType: "image/png", body: shot });
  const target = path.join(process.cwd(), "docs", "screenshot-exercise.png");
  // Committed image: refresh it only when asked, so test runs do not churn the repository.
  if (!existsSync(target) || process.env.UPDATE_SCREENSHOTS === "1") {
    mkdirSync(path.dirname(target), { recursive: true });
    await page.screenshot({ path: target });
  }
});
