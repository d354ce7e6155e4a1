// Accessibility checked in the browser, not assumed: axe-core on every page of the learner's and
// the instructor's journeys (light and dark), with no serious or critical violation allowed; and
// Run, Submit and Reset done with the keyboard alone, including leaving the editor, which
// keeps Tab for indenting until Ctrl+M (macOS: Ctrl+Shift+M) switches Tab to moving focus.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { CORRECT, NO_TANH, SLUG, editorValue, grade, openExercise, setCode } from "./helpers";

const INSTRUCTOR = { email: "instructor@example.com", password: "instructor-demo" };

async function expectNoSeriousViolations(page: Page, what: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.slice(0, 5).map((n) => n.target.join(" ")).join("\n    ")}`);
  expect(serious, `${what}:\n${serious.join("\n")}`).toEqual([]);
}

async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account")).toBeAttached();
}

for (const colorScheme of ["light", "dark"] as const) {
  test.describe(`axe, ${colorScheme} mode`, () => {
    test.use({ colorScheme });
    test.setTimeout(300_000);

    test("signed-out pages and the exercise page with results, wide and at 390 px", async ({ page }) => {
      for (const path of ["/", "/signin", "/signup", "/nope-not-a-page"]) {
        await page.goto(path);
        await expectNoSeriousViolations(page, `${path} signed out`);
      }
      await openExercise(page);
      await expectNoSeriousViolations(page, "exercise page");
      await setCode(page, NO_TANH);
      await grade(page, "submit");
      await expectNoSeriousViolations(page, "exercise page with a failing Submit");
      await page.setViewportSize({ width: 390, height: 800 });
      await page.getByRole("button", { name: "Menu" }).click();
      await expectNoSeriousViolations(page, "exercise page at 390 px, menu open");
    });

    test("a new learner's pages: import notice, results, history, compare, submissions, classrooms", async ({ page }) => {
      // A new learner: the demo learner's work belongs to the instructor spec.
      await openExercise(page);
      await setCode(page, NO_TANH);
      await expect(page.locator(".save-state")).toHaveText("Draft saved");
      await page.goto("/signup");
      await page.getByLabel("Name").fill("Axe Learner");
      await page.getByLabel("Email").fill(`axe-${colorScheme}-${Date.now()}@example.org`);
      await page.getByLabel("Password").fill("quiet-violet-lantern-42");
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(page.getByTestId("import-notice")).toBeVisible();
      await expectNoSeriousViolations(page, "catalogue after sign-up, with the import notice");
      await openExercise(page);
      await setCode(page, CORRECT);
      await grade(page, "submit");
      await expectNoSeriousViolations(page, "exercise page with a passing Submit");
      await page.getByRole("tab", { name: /History/ }).click();
      await page.locator(".history-pick").first().check();
      await page.locator(".history-pick").nth(1).check();
      await expectNoSeriousViolations(page, "History tab, two ticked");
      await page.getByTestId("compare-link").click();
      await expect(page.locator(".compare-page")).toBeVisible();
      await expectNoSeriousViolations(page, "compare page");
      await page.goto("/submissions");
      await expectNoSeriousViolations(page, "/submissions");
      await page.locator("tbody tr a").first().click();
      await expect(page.getByTestId("submission-code")).toBeVisible();
      await expectNoSeriousViolations(page, "one submission");
      await page.goto("/classrooms");
      await expectNoSeriousViolations(page, "/classrooms");
    });

    test("every page of the instructor's journey", async ({ page }) => {
      await signIn(page, INSTRUCTOR);
      await page.goto("/instructor");
      await expectNoSeriousViolations(page, "/instructor");
      await page.getByRole("link", { name: "Demo classroom" }).first().click();
      await expect(page).toHaveURL(/\/instructor\/classrooms\//);
      await expectNoSeriousViolations(page, "classroom");
      const classroomUrl = page.url();
      await page.locator('a[href*="/instructor/learners/"]').first().click();
      await expect(page).toHaveURL(/\/instructor\/learners\//);
      await expectNoSeriousViolations(page, "learner page");
      await page.goto(`/instructor/exercises/${SLUG}`);
      await expectNoSeriousViolations(page, "exercise preview");
      await page.goto("/classrooms");
      await expectNoSeriousViolations(page, "/classrooms as instructor");
      await page.goto(`${classroomUrl}/assignments`);
      await expectNoSeriousViolations(page, "assignments");
      await page.goto(`${classroomUrl}/regrades`);
      await expect(page.getByRole("heading", { level: 1, name: "Versions and regrades" })).toBeVisible();
      await expectNoSeriousViolations(page, "versions and regrades");
    });
  });
}

/** What has the keyboard focus, described well enough to assert on. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return "";
    if (el.closest(".monaco-editor")) return "editor";
    return `${el.tagName.toLowerCase()}:${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}`;
  });
}

/** Presses Tab until `want` has the focus (at most `max` times); fails otherwise. */
async function tabTo(page: Page, want: RegExp, max = 60, key = "Tab") {
  for (let i = 0; i < max; i++) {
    if (want.test(await focused(page))) return;
    await page.keyboard.press(key);
  }
  throw new Error(`never reached ${want} with ${key}; focus is on ${await focused(page)}`);
}

test("keyboard only: into the editor, out of it with Ctrl+M, then Run, Submit and Reset", async ({ page }) => {
  test.setTimeout(180_000);
  await openExercise(page);
  const starter = await editorValue(page);
  await page.locator("body").click({ position: { x: 5, y: 5 } });
  // The note on leaving the editor is on the page, next to it.
  await expect(page.locator("#editor-help")).toContainText("To leave it with the keyboard, press Ctrl+M");

  await tabTo(page, /^editor$/, 80);
  // In the editor, Tab indents: focus stays. Escape does not release it either.
  await page.keyboard.press("Tab");
  expect(await focused(page)).toBe("editor");
  await page.keyboard.press("Escape");
  await page.keyboard.press("Tab");
  expect(await focused(page)).toBe("editor");
  // Ctrl+M switches Tab to moving focus: the next Tab leaves the editor.
  await page.keyboard.press("Control+M");
  await page.keyboard.press("Tab");
  expect(await focused(page)).not.toBe("editor");
  // Shift+Tab goes back in, and out again (the mode lasts until Ctrl+M is pressed again).
  await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).toBe("editor");
  await page.keyboard.press("Shift+Tab");
  expect(await focused(page)).not.toBe("editor");

  // Type a wrong solution from the keyboard, leave, then Run with Enter on the button.
  await tabTo(page, /^editor$/, 80);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((text) => navigator.clipboard.writeText(text), NO_TANH);
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect.poll(() => editorValue(page)).toBe(NO_TANH);
  await tabTo(page, /^button:Run/, 80, "Shift+Tab");
  await page.keyboard.press("Enter");
  await expect(page.locator(".verdict")).toHaveAttribute("data-verdict", "fail");
  // Submit: the next control.
  await page.keyboard.press("Tab");
  expect(await focused(page)).toMatch(/^button:Submit/);
  await page.keyboard.press("Enter");
  await expect(page.locator(".verdict")).toContainText(/tests failed/);
  // Reset: a dialog, answered with the keyboard; focus returns to the editor.
  await tabTo(page, /^button:Reset to starter/, 10);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Reset to the starter code?" });
  await expect(dialog).toBeVisible();
  await tabTo(page, /^button:Reset$/, 5);
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect.poll(() => editorValue(page)).toBe(starter);
  expect(await focused(page)).toBe("editor");
  await page.keyboard.press("Control+M"); // leave Tab-moves-focus as it was
});
