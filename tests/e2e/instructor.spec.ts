// The instructor's side in a real browser against the production build. Accounts are the demo
// ones from prisma/seed.ts. Sign-in goes through better-auth's HTTP API from each browser
// context's request object, so the session cookie lands in that context.
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { CORRECT, SLUG, grade, openExercise, setCode } from "./helpers";

const INSTRUCTOR = { email: "instructor@example.com", password: "instructor-demo" };
const LEARNER = { email: "learner@example.com", password: "learner-demo" };
const CLASSROOM = "Demo classroom";
const SOLVED_GREEN = "rgb(187, 247, 208)"; // .cell-solved in app/instructor/instructor.css

async function signedInContext(browser: Browser, baseURL: string, who: { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext();
  const res = await context.request.post("/api/auth/sign-in/email", { data: who, headers: { Origin: baseURL } });
  expect(res.status(), `sign in as ${who.email}`).toBe(200);
  return context;
}

/** Signs in through the sign-in page, arriving there the way a signed-out visitor does. */
async function signInThroughPage(page: Page, who: { email: string; password: string }) {
  await page.goto("/instructor");
  await expect(page).toHaveURL(/\/signin\?next=%2Finstructor$/);
  await page.getByLabel("Email").fill(who.email);
  await page.getByLabel("Password").fill(who.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/instructor$/);
  await expect(page.getByRole("heading", { level: 1, name: "Instructor dashboard" })).toBeVisible();
}

async function openDemoClassroom(page: Page) {
  await page.goto("/instructor");
  await page.getByRole("link", { name: CLASSROOM, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: CLASSROOM })).toBeVisible();
  await expect(page.getByTestId("join-code")).toHaveText("DEMO-RNN");
}

function learnerCell(page: Page, slug = SLUG) {
  return page.locator(`tr[data-learner-email="${LEARNER.email}"] td[data-slug="${slug}"]`);
}

test("signed out, /instructor sends you to sign in and the API answers 401", async ({ page, request }) => {
  await page.goto("/instructor");
  expect(new URL(page.url()).pathname).toBe("/signin");
  expect(new URL(page.url()).searchParams.get("next")).toBe("/instructor");
  expect((await request.get("/api/instructor/classrooms/anything/gradebook")).status()).toBe(401);
});

test("a learner who opens /instructor gets a 403 page", async ({ browser, baseURL }) => {
  const context = await signedInContext(browser, baseURL!, LEARNER);
  const page = await context.newPage();
  const response = await page.goto("/instructor");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: /Forbidden: instructors only/ })).toBeVisible();
  await expect(page.getByText(CLASSROOM)).toHaveCount(0);
  // The instructor pages and routes below it refuse too, without revealing anything.
  expect((await page.goto(`/instructor/exercises/${SLUG}`))?.status()).toBe(403);
  await expect(page.getByTestId("reference-code")).toHaveCount(0);
  const check = await context.request.post(`/api/instructor/exercises/${SLUG}/check`, { data: {} });
  expect(check.status()).toBe(403);
  expect(await check.text()).not.toContain("Math.tanh");
  await context.close();
});

test("the instructor sees the learner solve exercise 1, opens the submission and downloads the gradebook", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const teacher = await browser.newContext();
  const page = await teacher.newPage();
  await signInThroughPage(page, INSTRUCTOR);
  await openDemoClassroom(page);
  const cell = learnerCell(page);
  await expect(cell).toHaveCount(1);
  // Every Playwright run starts on a fresh database (playwright.config.ts), and no earlier spec
  // submits as the demo learner: the cell must not be green yet, so turning green is observed.
  expect(await cell.getAttribute("data-state")).not.toBe("solved");

  // The learner submits a correct solution through the workspace UI.
  const learner = await signedInContext(browser, baseURL!, LEARNER);
  const learnerPage = await learner.newPage();
  await openExercise(learnerPage);
  await setCode(learnerPage, CORRECT);
  const verdict = await grade(learnerPage, "submit");
  await expect(verdict).toHaveAttribute("data-verdict", "pass");
  const submittedAt = Date.now();

  // The instructor's cell turns green (live updates are tested in assignments.spec.ts; reloading here).
  await expect
    .poll(
      async () => {
        await page.reload();
        return learnerCell(page).getAttribute("data-state");
      },
      { timeout: 30_000, intervals: [500, 1000, 2000] },
    )
    .toBe("solved");
  await expect(cell).toHaveCSS("background-color", SOLVED_GREEN);
  await expect(cell.getByRole("link")).toHaveAttribute("title", /solved .* best score 100%/);
  const row = page.locator(`tr[data-learner-email="${LEARNER.email}"]`);
  await expect(row.getByTestId("row-total")).toHaveText(/^[1-9]\d*\/\d+$/);
  await expect(page.locator(`tfoot td[data-slug="${SLUG}"]`)).toHaveText(/^[1-9]\d*$/);

  // Open the learner's submission from the cell: newest last, with its code and per-test results.
  await cell.getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Demo Learner" })).toBeVisible();
  const last = page.locator("[data-testid=submissions] > li").last();
  await expect(last).toHaveAttribute("data-verdict", "pass");
  await expect(last).toHaveAttribute("data-slug", SLUG);
  await expect(last.getByTestId("submission-code")).toContainText("return Math.tanh(s);");
  await expect(last.locator(".verdict")).toHaveAttribute("data-verdict", "pass");
  await expect(last.locator(".test[data-kind=hidden]").first()).toHaveAttribute("data-status", "pass");

  // Download the gradebook and read it.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: CLASSROOM })).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download gradebook/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^gradebook-demo-classroom-\d{4}-\d{2}-\d{2}\.csv$/);
  const bytes = await readFile((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte order mark
  const lines = bytes.toString("utf8").slice(1).split("\r\n");
  expect(lines.at(-1)).toBe(""); // every row ends with CRLF
  const header = lines[0].split(",");
  // Email first: what an LMS import matches learners on. (Assignment columns, if an earlier spec
  // made one, come before the total; assignments.spec.ts checks those.)
  expect(header.slice(0, 2)).toEqual(["Email", "Name"]);
  expect(header).toContain("Total (%)");
  expect(header.slice(-2)).toEqual(["Solved", "Last activity (UTC)"]);
  const learnerRow = lines.find((l) => l.startsWith(`${LEARNER.email},`))!.split(",");
  expect(learnerRow).toHaveLength(header.length);
  expect(learnerRow[1]).toBe("Demo Learner");
  expect(learnerRow[header.indexOf("01 One vanilla RNN step (practice best %)")]).toBe("100");
  expect(Number(learnerRow[header.length - 2])).toBeGreaterThanOrEqual(1);
  const lastActivity = Date.parse(`${learnerRow[header.length - 1].replace(" ", "T")}Z`);
  expect(Math.abs(lastActivity - submittedAt)).toBeLessThan(5 * 60_000);

  await learner.close();
  await teacher.close();
});

test("the instructor previews exercise 1 and runs the reference and every mistake through the grader", async ({ browser, baseURL }) => {
  const teacher = await signedInContext(browser, baseURL!, INSTRUCTOR);
  const page = await teacher.newPage();
  await page.goto("/instructor");
  await page.getByTestId("exercise-list").getByRole("link", { name: "One vanilla RNN step" }).click();
  await expect(page.getByTestId("reference-code")).toContainText("Math.tanh");
  // Hidden tests are listed with their expected values.
  const hidden = page.locator("[data-testid=preview-tests] > li[data-kind=hidden]");
  expect(await hidden.count()).toBeGreaterThan(0);
  await expect(hidden.first().locator(".kv-expected .value")).toBeVisible();

  await page.getByRole("button", { name: "Run all through the grader" }).click();
  const rows = page.locator("[data-testid=live-check] tbody tr");
  await expect(rows.first()).toHaveAttribute("data-ok", /true|false/, { timeout: 30_000 });
  for (const r of await rows.all()) await expect(r).toHaveAttribute("data-ok", "true");
  await expect(page.locator('tr[data-run-id="reference"]')).toHaveAttribute("data-verdict", "pass");
  await expect(page.locator('tr[data-run-id="mistake:no-tanh"]')).toContainText("no-tanh");
  await teacher.close();
});
