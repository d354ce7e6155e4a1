// A visitor's work moves to a new account honestly (each last draft submitted and counted, and
// the page says what that found), and a learner reopens and compares past attempts.
import { expect, test, type Page } from "@playwright/test";
import { CORRECT, NO_TANH, SLUG, editorValue, grade, openExercise, setCode } from "./helpers";

const SLUG_2 = "02-sequence-probability";
const SLUG_3 = "03-gradient-product";
const WRONG_2 = `export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  return { p: 1, logp: 0 };
}
`;

async function signUp(page: Page, tag: string) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(`Visitor ${tag}`);
  await page.getByLabel("Email").fill(`${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`);
  await page.getByLabel("Password").fill("quiet-violet-lantern-42");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/$/);
}

test("a visitor who solved exercise 1 signs up and finds it solved, told the truth about every draft", async ({ page }) => {
  test.setTimeout(120_000);
  // Solved 1; a wrong draft of 2; solved 3's page once then reset (no code left).
  await openExercise(page);
  await setCode(page, CORRECT);
  await expect((await grade(page, "submit"))).toHaveAttribute("data-verdict", "pass");
  await openExercise(page, SLUG_2);
  await setCode(page, WRONG_2, SLUG_2);
  await expect(page.locator(".save-state")).toHaveText("Draft saved");
  await page.goto("/");
  await expect(page.getByTestId("progress-summary")).toContainText("1 of 11 solved");
  await expect(page.getByTestId("progress-summary")).toContainText("submitted to your account and counted");
  // This browser also claims exercise 3 solved, but holds no code for it.
  await page.evaluate((slug) => {
    const key = "rnn-grader:progress:v1";
    const map = JSON.parse(localStorage.getItem(key) ?? "{}");
    map[slug] = { state: "solved", updatedAt: Date.now() };
    localStorage.setItem(key, JSON.stringify(map));
  }, SLUG_3);

  await signUp(page, "visitor");
  await expect(page.getByTestId("progress-summary")).toContainText("1 of 11 solved, 1 in progress");
  await expect(page.locator(`.exercise-card[data-slug="${SLUG}"]`)).toHaveAttribute("data-state", "solved");
  await expect(page.locator(`.exercise-card[data-slug="${SLUG_2}"]`)).toHaveAttribute("data-state", "attempted");
  await expect(page.locator(`.exercise-card[data-slug="${SLUG_3}"]`)).toHaveAttribute("data-state", "not-started");
  const notice = page.getByTestId("import-notice");
  await expect(notice).toContainText("2 drafts from this browser are now in your account.");
  await expect(notice).toContainText("1 passes every test and counts as solved; 1 does not pass every test yet and counts as attempted.");
  await expect(notice).toContainText("1 exercise marked solved in this browser had no code left to check");
  await expect(page.getByTestId("welcome")).toContainText("Hello, Visitor visitor.");
  await expect(page.locator("body")).not.toContainText("Welcome back");
  // The imported drafts are Submits in the history, like any other.
  await page.goto("/submissions");
  await expect(page.locator("tbody tr")).toHaveCount(2);
  // Shown once: a reload does not repeat it.
  await page.goto("/");
  await expect(page.getByTestId("import-notice")).toHaveCount(0);
});

test("a solved exercise whose last draft was broken afterwards is not counted as solved", async ({ page }) => {
  await openExercise(page);
  await setCode(page, CORRECT);
  await grade(page, "submit");
  await setCode(page, NO_TANH);
  await expect(page.locator(".save-state")).toHaveText("Draft saved");
  await signUp(page, "breaker");
  await expect(page.getByTestId("progress-summary")).toContainText("0 of 11 solved, 1 in progress");
  await expect(page.getByTestId("import-notice")).toContainText("the last code you typed does not pass, so it is not counted as solved");
});

test("history: open a past attempt in the editor, and compare any two attempts", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "historian");
  await openExercise(page);
  const first = CORRECT.replace("return Math.tanh(s);", "return s; // attempt one");
  await setCode(page, first);
  await grade(page, "submit");
  await setCode(page, CORRECT);
  await grade(page, "submit");
  await grade(page, "run");

  await page.getByRole("tab", { name: /History \(3\)/ }).click();
  // The oldest attempt is the last row: open it in the editor.
  await page.getByRole("button", { name: "Open in editor: Submit 1" }).click();
  await expect.poll(() => editorValue(page)).toBe(first);
  await expect(page.getByTestId("opened-note")).toContainText("Opened your Submit of");
  // Undo brings back what was there.
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+Z");
  await expect.poll(() => editorValue(page)).toBe(CORRECT);

  // Tick the two Submits and compare.
  await page.getByRole("checkbox", { name: "Compare Submit 1" }).check();
  await page.getByRole("checkbox", { name: "Compare Submit 2" }).check();
  await page.getByTestId("compare-link").click();
  await expect(page).toHaveURL(/\/submissions\/compare\?a=.+&b=.+/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Compare two attempts at One vanilla RNN step");
  await expect(page.locator(".diff-del")).toContainText("return s; // attempt one");
  await expect(page.locator(".diff-add")).toContainText("return Math.tanh(s);");
  // Any other pair, from the page itself: the Run against the first Submit.
  const selects = page.locator(".compare-form select");
  await selects.nth(1).selectOption({ index: 0 });
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await expect(page.locator(".diff-del")).toContainText("return s; // attempt one");

  // From the stored submission's page, straight into the editor.
  await page.getByRole("link", { name: "Submit", exact: true }).first().click();
  await page.getByRole("link", { name: "Open this code in the editor" }).click();
  await expect(page).toHaveURL(new RegExp(`/exercises/${SLUG}`));
  await expect.poll(() => editorValue(page)).toBe(first);
  await expect(page).toHaveURL(new RegExp(`/exercises/${SLUG}$`)); // ?from= dropped: a reload shows the draft
  // Someone else's submission id opens nothing.
  const other = await page.request.get("/submissions/compare?a=nope&b=nope");
  expect(other.status()).toBe(404);
});
