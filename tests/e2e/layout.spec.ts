// The layout from a 360 px phone to a wide screen: the header folds into a menu, nothing runs off
// the side, display math scrolls (and says so) instead of being cut off, a result's differing
// element stays in view, the panes resize with the mouse and the keyboard, and dark mode follows
// the system with a toggle that Monaco follows too.
import { expect, test, type Page } from "@playwright/test";
import { CORRECT, editorValue, grade, openExercise, setCode } from "./helpers";

const LEARNER = { email: "learner@example.com", password: "learner-demo" };

async function signIn(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(LEARNER.email);
  await page.getByLabel("Password").fill(LEARNER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account")).toBeAttached();
}

/** How far the page reaches past the right edge of the viewport (0 when nothing does). */
function overflowX(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

for (const width of [360, 390]) {
  test(`at ${width} px the signed-in header fits, and its links open from the Menu button`, async ({ page }) => {
    await page.setViewportSize({ width, height: 780 });
    await signIn(page);
    for (const path of ["/", "/exercises/01-rnn-step", "/submissions", "/classrooms"]) {
      await page.goto(path);
      const header = await page.locator(".site-header").boundingBox();
      expect(header!.x + header!.width, path).toBeLessThanOrEqual(width);
      expect(await overflowX(page), path).toBe(0);
    }
    const menu = page.getByRole("button", { name: "Menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("link", { name: "My submissions" })).toBeHidden();
    await menu.click();
    await expect(menu).toHaveAttribute("aria-expanded", "true");
    const link = page.getByRole("link", { name: "My submissions" });
    await expect(link).toBeVisible();
    const box = await link.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    await page.keyboard.press("Escape");
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(menu).toBeFocused();
    await menu.click();
    await link.click();
    await expect(page).toHaveURL(/\/submissions$/);
    await expect(menu).toHaveAttribute("aria-expanded", "false");
  });
}

test("at 1440 px every header link is shown without a menu", async ({ page }) => {
  await signIn(page);
  await expect(page.getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(page.getByRole("link", { name: "My submissions" })).toBeVisible();
});

test("at 1366 px no formula is cut off: wide display math scrolls, is focusable and scrolls with the keyboard", async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize({ width: 1366, height: 800 });
  // The ones whose worked examples were cut off by 290–440 px, and one that fits.
  for (const slug of ["01-rnn-step", "10-rnn-diagnostics", "03-gradient-product"]) {
    await page.goto(`/exercises/${slug}`);
    const formulas = page.locator(".prose .katex-display");
    await expect(formulas.first()).toBeVisible();
    // Once the page is hydrated, every formula wider than the pane is marked.
    await expect
      .poll(() => formulas.evaluateAll((els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 && !el.classList.contains("math-overflows")).length))
      .toBe(0);
    const facts = await formulas.evaluateAll((els) =>
      els.map((el) => {
        const pane = el.closest(".statement-pane")!.getBoundingClientRect();
        const box = el.getBoundingClientRect();
        return {
          overflows: el.scrollWidth > el.clientWidth + 1,
          marked: el.classList.contains("math-overflows") && (el as HTMLElement).tabIndex === 0,
          scrolls: getComputedStyle(el).overflowX === "auto",
          inside: box.right <= pane.right + 1 && box.left >= pane.left - 1,
        };
      }),
    );
    for (const f of facts) {
      expect(f.inside, slug).toBe(true); // the box never spills out of the pane
      expect(f.scrolls, slug).toBe(true);
      expect(f.marked, slug).toBe(f.overflows); // wide ones are marked and focusable, the rest are not
    }
    const wide = page.locator(".prose .katex-display.math-overflows");
    if (await wide.count()) {
      await wide.first().focus();
      await page.keyboard.press("ArrowRight");
      await page.keyboard.press("ArrowRight");
      await expect.poll(() => wide.first().evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    }
  }
  // With the panes at their narrowest, some formula must be wider than its pane: the check above
  // then really covered scrolling.
  await page.goto("/exercises/05-lstm-cell-update");
  const separator = page.getByRole("separator", { name: "Resize the statement and the editor" });
  await separator.focus();
  await page.keyboard.press("Home");
  await expect(page.locator(".prose .katex-display.math-overflows").first()).toBeVisible();
  const wide = page.locator(".prose .katex-display.math-overflows").first();
  await wide.focus();
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => wide.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
  await separator.focus();
  await page.keyboard.press("Enter"); // back to the default split
});

test("the differing element of an object result stays in view in a narrow results pane", async ({ page }) => {
  await page.setViewportSize({ width: 1366, height: 800 });
  await openExercise(page, "02-sequence-probability");
  // Narrowest workspace the divider allows.
  const separator = page.getByRole("separator", { name: "Resize the statement and the editor" });
  await separator.focus();
  await page.keyboard.press("End");
  await setCode(
    page,
    `export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  let p = 1;
  for (const x of probs) p *= x;
  return { p, logp: Math.log(p) + 0.5 };
}
`,
    "02-sequence-probability",
  );
  await grade(page, "run");
  const marks = page.locator(".tests mark.diff-actual");
  await expect(marks.first()).toBeVisible();
  for (const mark of await marks.all()) {
    const inView = await mark.evaluate((m) => {
      const box = m.getBoundingClientRect();
      const panel = m.closest(".results-tabpanel, .results, .workspace")!.getBoundingClientRect();
      return box.width > 0 && box.left >= panel.left && box.right <= panel.right;
    });
    expect(inView).toBe(true);
  }
  await page.keyboard.press("Tab"); // leave things as they were for later tests
  await page.evaluate(() => localStorage.clear());
});

test("the panes resize by dragging and with the keyboard, and keep their size after a reload", async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 800 });
  await openExercise(page);
  const statement = page.locator("#statement-pane");
  const vertical = page.getByRole("separator", { name: "Resize the statement and the editor" });
  const width0 = (await statement.boundingBox())!.width;
  await vertical.focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowRight");
  const width1 = (await statement.boundingBox())!.width;
  expect(width1).toBeGreaterThan(width0 + 100);
  await expect(vertical).toHaveAttribute("aria-valuenow", /\d/);

  // Drag the editor | results divider up: the editor gets shorter, the results taller.
  const results = page.locator(".workspace > .results");
  const editor = page.locator("#editor-frame");
  const h0 = (await results.boundingBox())!.height;
  const horizontal = page.getByRole("separator", { name: "Resize the editor and the results" });
  const box = (await horizontal.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2, box.y - 150, { steps: 5 });
  await page.mouse.up();
  const h1 = (await results.boundingBox())!.height;
  expect(h1).toBeGreaterThan(h0 + 100);
  const editorHeight = (await editor.boundingBox())!.height;

  await page.reload();
  await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
  await expect.poll(async () => (await statement.boundingBox())!.width).toBeCloseTo(width1, -1);
  await expect.poll(async () => (await editor.boundingBox())!.height).toBeCloseTo(editorHeight, -1);
  await page.evaluate(() => localStorage.clear());
});

test("dark mode follows the system, the toggle overrides it, and Monaco follows", async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: "dark" });
  const page = await context.newPage();
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await openExercise(page);
  expect(await background()).toBe("rgb(20, 23, 29)");
  await expect(page.locator(".monaco-editor")).toHaveClass(/vs-dark/);
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");

  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  expect(await background()).toBe("rgb(255, 255, 255)");
  await expect(page.locator(".monaco-editor")).not.toHaveClass(/vs-dark/);
  // The choice is kept, before the first paint of the next page.
  await page.reload();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe("light");
  expect(await background()).toBe("rgb(255, 255, 255)");
  // Choosing what the system says again follows the system from then on.
  await page.getByTestId("theme-toggle").click();
  expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBeUndefined();
  await page.emulateMedia({ colorScheme: "light" });
  await expect.poll(background).toBe("rgb(255, 255, 255)");
  await page.emulateMedia({ colorScheme: "dark" });
  await expect.poll(background).toBe("rgb(20, 23, 29)");
  await context.close();
});

test("the editor's text survives changing the theme", async ({ page }) => {
  await openExercise(page);
  await setCode(page, CORRECT);
  await page.getByTestId("theme-toggle").click();
  await expect(page.locator(".monaco-editor")).toHaveClass(/vs-dark/);
  expect(await editorValue(page)).toBe(CORRECT);
  await page.getByTestId("theme-toggle").click();
  await page.evaluate(() => localStorage.clear());
});
