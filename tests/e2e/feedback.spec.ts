// Feedback on a submission in Chromium against `npm start`: the instructor comments on a learner's
// submission from the learner's page, and the learner reads it on the submission's page. Its own
// classroom and learner: tests/e2e/instructor.spec.ts needs the demo learner untouched.
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
  const origin = baseURL!;
  const teacher = await signedInContext(browser, origin, { email: "instructor@example.com", password: "instructor-demo" });
  const room = await teacher.request.post("/api/instructor/classrooms", { data: { name: `Feedback class ${Date.now()}` }, headers: { Origin: origin } });
  expect(room.status()).toBe(200);
  const { classroom } = (await room.json()) as { classroom: { id: string; joinCode: string } };
  const learner = await browser.newContext();
  const who = { name: "Fern Feedback", email: `fern-${Date.now()}@example.org`, password: "pebble walnut signal" };
  expect((await learner.request.post("/api/auth/sign-up/email", { data: who, headers: { Origin: origin } })).status()).toBe(200);
  expect((await learner.request.post("/api/classrooms/join", { data: { code: classroom.joinCode }, headers: { Origin: origin } })).status()).toBe(200);
  const marked = `${CORRECT}// feedback spec ${Date.now()}\n`;
  const submitted = await learner.request.post(`/api/exercises/${SLUG}/submit`, { data: { code: marked }, headers: { Origin: origin } });
  expect(submitted.status()).toBe(200);
  const { submission } = (await submitted.json()) as { submission: { id: string } };

  const page = await teacher.newPage();
  await page.goto(`/instructor/classrooms/${classroom.id}`);
  await page.getByRole("link", { name: "Fern Feedback" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Fern Feedback" })).toBeVisible();
  const item = page.locator(`[data-submission-id="${submission.id}"]`);
  await expect(item.locator(":scope > details")).toHaveAttribute("open", "");
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
