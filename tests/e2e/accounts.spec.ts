// Accounts end to end, in a real browser against `npm start` on a fresh database: a visitor
// signs up and keeps their browser draft, joins the demo classroom, solves exercise 1, signs
// out and back in and finds history and progress still there; other learners cannot open it;
// and 50 submissions fired at once by 10 learners are all stored with matching progress.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { CORRECT, NO_TANH, SLUG, editorValue, grade, openExercise, setCode } from "./helpers";

const SLUG_2 = "02-sequence-probability";
const DRAFT_2 = `export function sequenceProbability(probs: number[]): { p: number; logp: number } {
  // visitor draft 7c1e: typed before signing up
  return { p: 1, logp: 0 };
}
`;

function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

async function fillAuthForm(page: Page, fields: { name?: string; email: string; password: string }) {
  if (fields.name !== undefined) await page.getByLabel("Name").fill(fields.name);
  await page.getByLabel("Email").fill(fields.email);
  await page.getByLabel("Password").fill(fields.password);
}

function authAlert(page: Page) {
  return page.locator("form.auth-form").getByRole("alert");
}

async function browserDraftKeys(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("rnn-grader:draft:")));
}

test("sign up keeping the browser draft, join the demo classroom, solve exercise 1, sign out and in: history and progress are still there", async ({ page }) => {
  test.setTimeout(180_000);
  const name = "Ada Lovelace";
  const email = uniqueEmail("ada");
  const password = "analytical-engine";

  // A visitor types a draft of exercise 2 before having an account.
  await openExercise(page, SLUG_2);
  await setCode(page, DRAFT_2, SLUG_2);
  await expect(page.locator(".save-state")).toHaveText("Draft saved");
  expect(await browserDraftKeys(page)).toEqual([`rnn-grader:draft:${SLUG_2}`]);

  // Sign up, through the mistakes a person makes first.
  await page.getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Create your account" })).toBeVisible();
  await fillAuthForm(page, { name, email, password: "short" });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(authAlert(page)).toContainText("too short: use at least 8 characters");
  await fillAuthForm(page, { name, email: "learner@example.com", password });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(authAlert(page)).toContainText("An account with this email already exists");
  await fillAuthForm(page, { name, email, password });
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/$/);
  const account = page.getByTestId("account");
  await expect(account).toContainText(name);
  await expect(account).toContainText("learner");
  await expect(page.getByRole("link", { name: "Instructor" })).toHaveCount(0);

  // The draft moved to the account: gone from the browser, back in the editor.
  await expect.poll(() => browserDraftKeys(page)).toEqual([]);
  await openExercise(page, SLUG_2);
  await expect.poll(() => editorValue(page, SLUG_2)).toBe(DRAFT_2);
  await expect(page.locator(".save-state")).toHaveText("Draft restored");

  // Join the demo classroom with its code: a wrong code first, then the right one, twice.
  await page.getByRole("link", { name: "Classrooms / Join" }).click();
  await expect(page.getByTestId("no-classrooms")).toBeVisible();
  const code = page.getByLabel("Join code");
  await code.fill("NOPE-0000");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.locator(".join-form").getByRole("alert")).toContainText("No classroom has the join code NOPE-0000");
  await code.fill("demo-rnn");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.locator(".join-form").getByRole("status")).toContainText("You joined Demo classroom");
  await expect(page.getByTestId("my-classrooms")).toContainText("Demo classroom");
  await code.fill("DEMO-RNN");
  await page.getByRole("button", { name: "Join" }).click();
  await expect(page.locator(".join-form").getByRole("status")).toContainText("already in Demo classroom");
  await expect(page.getByTestId("my-classrooms").locator("li")).toHaveCount(1);

  // Solve exercise 1; the History tab lists the submit at once.
  await openExercise(page);
  await setCode(page, CORRECT);
  const verdict = await grade(page, "submit");
  await expect(verdict).toHaveAttribute("data-verdict", "pass");
  await page.getByRole("tab", { name: /History \(1\)/ }).click();
  const historyRow = page.getByTestId("history-list").locator("li");
  await expect(historyRow).toHaveCount(1);
  await expect(historyRow).toHaveAttribute("data-verdict", "pass");
  await expect(historyRow).toContainText("Submit");
  // The catalogue shows it solved from the account, without a reload.
  await page.getByRole("link", { name: "Exercises", exact: true }).first().click();
  await expect(page.locator(`.exercise-card[data-slug="${SLUG}"]`)).toHaveAttribute("data-state", "solved");
  // The visitor's draft of exercise 2 was submitted on sign-up: it does not pass, so attempted.
  await expect(page.locator(`.exercise-card[data-slug="${SLUG_2}"]`)).toHaveAttribute("data-state", "attempted");

  // Sign out: the signed-out site shows this browser's record, and none of the account's code.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(page.getByTestId("account")).toHaveCount(0);
  await expect(page.locator(`.exercise-card[data-slug="${SLUG}"]`)).toHaveAttribute("data-state", "not-started");
  expect(await browserDraftKeys(page)).toEqual([]);
  expect((await page.request.get("/api/submissions")).status()).toBe(401);

  // Sign back in (a wrong password first), going straight to the history.
  await page.goto("/signin?next=/submissions");
  await fillAuthForm(page, { email, password: "analytical-engine!" });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(authAlert(page)).toContainText("Wrong email or password");
  await fillAuthForm(page, { email, password });
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/submissions$/);
  // Newest first: the Submit of exercise 1, then the one of exercise 2 made on sign-up.
  const rows = page.getByTestId("submissions-table").locator("tbody tr");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toHaveAttribute("data-slug", SLUG_2);
  await expect(rows.nth(1)).toContainText("Failed");
  await expect(rows.first()).toHaveAttribute("data-slug", SLUG);
  await expect(rows.first()).toContainText("One vanilla RNN step");
  await expect(rows.first()).toContainText("Submit");
  await expect(rows.first()).toContainText("Passed");
  const score = (await rows.first().locator("td.num").textContent())!.trim();
  expect(score).toMatch(/^(\d+)\/\1$/);

  // The stored submission: the code and every test result, hidden ones without values.
  await rows.first().getByRole("link", { name: /Open the submit/ }).click();
  await expect(page).toHaveURL(/\/submissions\/[\w-]+$/);
  await expect(page.getByTestId("submission-code")).toContainText("return Math.tanh(s);");
  await expect(page.locator(".verdict")).toHaveAttribute("data-verdict", "pass");
  const tests = page.locator(".tests > li");
  expect(await tests.count()).toBe(Number(score.split("/")[1]));
  await expect(page.locator('.tests > li[data-status="pass"]')).toHaveCount(await tests.count());
  const hidden = page.locator('.tests > li[data-kind="hidden"]');
  expect(await hidden.count()).toBeGreaterThan(0);
  await expect(hidden.locator(".test-values")).toHaveCount(0);

  // Solved on the catalogue, from the account; and still in the exercise's History tab.
  await page.getByRole("link", { name: "Exercises", exact: true }).first().click();
  await expect(page.locator(`.exercise-card[data-slug="${SLUG}"]`)).toHaveAttribute("data-state", "solved");
  await expect(page.getByTestId("progress-summary")).toContainText("1 of 11 solved");
  await expect(page.getByTestId("progress-summary")).toContainText("saved to your account");
  await openExercise(page);
  await expect(page.getByRole("tab", { name: /History \(1\)/ })).toBeVisible();
  // The draft followed the account too.
  await expect.poll(() => editorValue(page)).toBe(CORRECT);
});

/** A learner signed up through the API in a request context of their own (its own cookie jar). */
async function apiLearner(newContext: () => Promise<APIRequestContext>, tag: string) {
  const ctx = await newContext();
  const res = await ctx.post("/api/auth/sign-up/email", {
    data: { name: `Learner ${tag}`, email: uniqueEmail(tag), password: `password-${tag}` },
  });
  expect(res.status(), await res.text()).toBe(200);
  return ctx;
}

test("another learner opening your submission's address gets the ordinary 404 page, and nothing of it", async ({ browser, playwright, baseURL }) => {
  const owner = await apiLearner(() => playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! } }), "owner");
  const marked = `${CORRECT}// owner's private note 4b2d\n`;
  const submitted = await owner.post(`/api/exercises/${SLUG}/submit`, { data: { code: marked } });
  expect(submitted.status()).toBe(200);
  const { submission } = (await submitted.json()) as { submission: { id: string } };

  const other = await browser.newContext();
  const res = await other.request.post("/api/auth/sign-up/email", {
    data: { name: "Nosy", email: uniqueEmail("nosy"), password: "nosy-password" },
    headers: { Origin: baseURL! },
  });
  expect(res.status()).toBe(200);
  const page = await other.newPage();
  const response = await page.goto(`/submissions/${submission.id}`);
  expect(response?.status()).toBe(404);
  expect(await page.content()).not.toContain("private note 4b2d");
  const api = await other.request.get(`/api/submissions/${submission.id}`);
  expect(api.status()).toBe(404);
  expect(await api.text()).not.toContain("private note 4b2d");
  // The owner still can.
  expect((await owner.get(`/api/submissions/${submission.id}`)).status()).toBe(200);
  await Promise.all([owner.dispose(), other.close()]);
});

// Each learner submits one after another (the grader keeps one job in flight per learner and
// answers 429 past a short line: tests/web/grade-route.test.ts); the 10 learners all at once.
test("50 submissions by 10 learners submitting at once are all recorded, with progress that matches", async ({ playwright, baseURL }) => {
  test.setTimeout(300_000);
  const LEARNERS = 10;
  const PER_LEARNER = 5;
  const learners = await Promise.all(
    Array.from({ length: LEARNERS }, (_, i) =>
      apiLearner(() => playwright.request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL! }, timeout: 240_000 }), `load${i}`),
    ),
  );
  // Even-numbered learners solve it on their last try; the others never do.
  const plan = learners.flatMap((ctx, i) =>
    Array.from({ length: PER_LEARNER }, (_, j) => ({ ctx, i, code: i % 2 === 0 && j === PER_LEARNER - 1 ? CORRECT : NO_TANH })),
  );
  type Answer = { i: number; status: number; body: { submission?: { id: string; verdict: string }; result?: { status: string } } };
  const perLearner = await Promise.all(
    learners.map(async (_ctx, learner) => {
      const answers: Answer[] = [];
      for (const { ctx, i, code } of plan.filter((p) => p.i === learner)) {
        const res = await ctx.post(`/api/exercises/${SLUG}/submit`, { data: { code } });
        answers.push({ i, status: res.status(), body: (await res.json()) as Answer["body"] });
      }
      return answers;
    }),
  );
  const responses = perLearner.flat();
  // Every answer is a 2xx carrying the id of a stored submission.
  expect(responses.map((r) => r.status)).toEqual(Array(LEARNERS * PER_LEARNER).fill(200));
  for (const r of responses) {
    expect(r.body.submission?.id).toBeTruthy();
    expect(r.body.submission?.verdict).toBe(r.body.result?.status);
  }
  expect(new Set(responses.map((r) => r.body.submission!.id)).size).toBe(LEARNERS * PER_LEARNER);

  // Read back through each learner's own history and progress.
  for (const [i, ctx] of learners.entries()) {
    const mine = responses.filter((r) => r.i === i);
    const history = (await (await ctx.get(`/api/submissions?slug=${SLUG}`)).json()) as { submissions: { id: string; kind: string; verdict: string }[] };
    expect(history.submissions.map((s) => s.id).sort()).toEqual(mine.map((r) => r.body.submission!.id).sort());
    const { progress } = (await (await ctx.get("/api/progress")).json()) as {
      progress: Record<string, { state: string; attempts: number; bestScore: number; attemptsToSolve: number | null }>;
    };
    const solves = history.submissions.filter((s) => s.verdict === "pass").length;
    expect(solves).toBe(i % 2 === 0 ? 1 : 0);
    expect(progress[SLUG]).toMatchObject({
      attempts: history.submissions.filter((s) => s.kind === "submit").length,
      state: solves ? "solved" : "attempted",
    });
    expect(progress[SLUG].attempts).toBe(PER_LEARNER);
    if (solves) expect(progress[SLUG].bestScore).toBe(1);
    else expect(progress[SLUG].bestScore).toBeLessThan(1);
  }
  await Promise.all(learners.map((l) => l.dispose()));
});
