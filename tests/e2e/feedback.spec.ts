// Feedback on a submission in Chromium against `npm start`: the instructor comments on the demo
// learner's submission from the learner's page, and the learner reads it on the submission's page.
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { expectAccessible } from "./axe";
import { CORRECT, SLUG } from "./helpers";

async function signedInContext(browser: Browser, baseURL: string, who: { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext();
  const res = await context.request.post("/api/auth/sign-in/email", { data: who, headers: { Origin: baseURL } });
  expect(res.status(), `sign in as ${who.email}`).toBe(200);
  return context;
}

test("an instructor's comment on a submission reaches the learner", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const learner = await signedInContext(browser, baseURL!, { email: "learner@example.com", password: "learner-demo" });
  const marked = `${CORRECT}// feedback spec ${Date.now()}\n`;
  const submitted = await learner.request.post(`/api/exercises/${SLUG}/submit`, { data: { code: marked }, headers: { Origin: baseURL! } });
  expect(submitted.status()).toBe(200);
  const { submission } = (await submitted.json()) as { submission: { id: string } };

  const teacher = await signedInContext(browser, baseURL!, { email: "instructor@example.com", password: "instructor-demo" });
  const page = await teacher.newPage();
  await page.goto("/instructor");
  await page.getByRole("link", { name: "Demo classroom", exact: true }).click();
  await page.getByRole("link", { name: "Demo Learner" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Demo Learner" })).toBeVisible();
  const item = page.locator(`[data-submission-id="${submission.id}"]`);
  await expect(item.locator("details")).toHaveAttribute("open", "");
  const comment = `Nice work.\nNext: try exercise 2 (${Date.now()}).`;
  await item.getByLabel("Comment for the learner").fill(comment);
  await item.getByRole("button", { name: "Add comment" }).click();
  await expect(item.getByTestId("submission-comments")).toContainText("Next: try exercise 2");
  await expect(item.getByTestId("submission-comments")).toContainText("Demo Instructor");
  await expectAccessible(page, "learner page with a comment");

  const learnerPage = await learner.newPage();
  await learnerPage.goto(`/submissions/${submission.id}`);
  const feedback = learnerPage.getByRole("region", { name: "Feedback from your instructor" });
  await expect(feedback).toContainText("Nice work.");
  await expect(feedback).toContainText("Demo Instructor");
  await expectAccessible(learnerPage, "submission page with feedback");
  await teacher.close();
  await learner.close();
});
