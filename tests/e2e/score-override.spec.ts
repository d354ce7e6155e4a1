// A score override in Chromium against `npm start`: the instructor sets a submit's score with a
// reason and comments on it from the learner's page; the learner sees the score, the reason and
// the comment on the submission's page, and their history shows which exercise version graded it.
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { expectAccessible } from "./axe";
import { CORRECT, SLUG } from "./helpers";

async function signedInContext(browser: Browser, baseURL: string, who: { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext();
  const res = await context.request.post("/api/auth/sign-in/email", { data: who, headers: { Origin: baseURL } });
  expect(res.status(), `sign in as ${who.email}`).toBe(200);
  return context;
}

test("the learner sees an instructor's score override with its reason, and a comment", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  const origin = baseURL!;
  const teacher = await signedInContext(browser, origin, { email: "instructor@example.com", password: "instructor-demo" });
  const room = await teacher.request.post("/api/instructor/classrooms", { data: { name: `Override class ${Date.now()}` }, headers: { Origin: origin } });
  expect(room.status()).toBe(200);
  const { classroom } = (await room.json()) as { classroom: { id: string; joinCode: string } };
  const learner = await browser.newContext();
  const who = { name: "Otis Override", email: `otis-${Date.now()}@example.org`, password: "pebble walnut signal" };
  expect((await learner.request.post("/api/auth/sign-up/email", { data: who, headers: { Origin: origin } })).status()).toBe(200);
  expect((await learner.request.post("/api/classrooms/join", { data: { code: classroom.joinCode }, headers: { Origin: origin } })).status()).toBe(200);
  const submitted = await learner.request.post(`/api/exercises/${SLUG}/submit`, { data: { code: `${CORRECT}// override spec\n` }, headers: { Origin: origin } });
  expect(submitted.status()).toBe(200);
  const { submission } = (await submitted.json()) as { submission: { id: string } };

  const page = await teacher.newPage();
  await page.goto(`/instructor/classrooms/${classroom.id}`);
  await page.getByRole("link", { name: "Otis Override" }).first().click();
  const item = page.locator(`[data-submission-id="${submission.id}"]`);
  await expect(item.locator(":scope > details")).toHaveAttribute("open", "");
  await expect(item.getByTestId("version-badge")).toHaveText(/^v\d+ · \d{1,2} [A-Z][a-z]{2}$/);
  await item.getByLabel("Override the score (%)").fill("60");
  await item.getByLabel("Reason (the learner reads it)").fill("Copied from the notebook's solution: half credit and a bit.");
  await item.getByRole("button", { name: "Set score" }).click();
  await expect(item.getByTestId("score-override")).toContainText("Score set to 60 %");
  await item.getByText("Score override history (1)").click();
  await expect(item.getByTestId("score-override-log")).toContainText("Demo Instructor: set 60 %");
  await item.getByLabel("Comment for the learner").fill("Write it yourself next time.");
  await item.getByRole("button", { name: "Add comment" }).click();
  await expect(item.getByTestId("submission-comments")).toContainText("Write it yourself next time.");
  await expectAccessible(page, "learner page with an override");

  const learnerPage = await learner.newPage();
  await learnerPage.goto(`/submissions/${submission.id}`);
  const override = learnerPage.getByRole("region", { name: "Score set by your instructor" });
  await expect(override).toContainText("Score set to 60 %");
  await expect(override).toContainText("Demo Instructor");
  await expect(override).toContainText("Copied from the notebook's solution: half credit and a bit.");
  await expect(learnerPage.getByRole("region", { name: "Feedback from your instructor" })).toContainText("Write it yourself next time.");
  await expect(learnerPage.getByTestId("version-badge")).toHaveAttribute("data-current", "true");
  // The audit log is the staff's.
  await expect(learnerPage.getByTestId("score-override-log")).toHaveCount(0);
  await expectAccessible(learnerPage, "submission page with an override");

  await learnerPage.goto("/submissions");
  await expect(learnerPage.locator(`[data-submission-id="${submission.id}"]`).getByTestId("version-badge")).toBeVisible();
  await teacher.close();
  await learner.close();
});
