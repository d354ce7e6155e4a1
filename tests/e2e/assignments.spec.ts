// A course in a real browser: the instructor creates an assignment that is already past due
// (with a late penalty), a learner sees it and submits late in the workspace, the instructor's
// open classroom page shows that Submit live (two windows, no reload), the learner's score shows
// the penalty and "late", and the gradebook CSV has the same numbers keyed by email. Then who is
// stuck: three failed submits make the learner "stuck", and the filter finds them. The learner
// is a fresh account (the demo learner's first solve belongs to instructor.spec.ts).
import { readFile } from "node:fs/promises";
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { CORRECT, NO_TANH, SLUG, grade, openExercise, setCode } from "./helpers";

const INSTRUCTOR = { email: "instructor@example.com", password: "instructor-demo" };
const LEARNER = { email: "late-lena@example.com", password: "harbor-violet-42", name: "Lena Late" };
const TITLE = "Week 1: one RNN step";

async function signedInContext(browser: Browser, baseURL: string, who: { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext();
  const res = await context.request.post("/api/auth/sign-in/email", { data: who, headers: { Origin: baseURL } });
  expect(res.status(), `sign in as ${who.email}`).toBe(200);
  return context;
}

test("assignment → late Submit seen live by the instructor → late score → CSV; stuck learners are found", async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  // The learner signs up and joins the demo classroom.
  const learner = await browser.newContext();
  const signUp = await learner.request.post("/api/auth/sign-up/email", { data: LEARNER, headers: { Origin: baseURL! } });
  expect(signUp.status()).toBe(200);
  const join = await learner.request.post("/api/classrooms/join", { data: { code: "DEMO-RNN" }, headers: { Origin: baseURL! } });
  expect(join.status()).toBe(200);

  // The instructor creates the assignment in the form: released two days ago, due an hour ago,
  // 10 % off per day late for up to 3 days.
  const teacher = await signedInContext(browser, baseURL!, INSTRUCTOR);
  const page = await teacher.newPage();
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.goto("/instructor");
  await page.getByRole("link", { name: "Demo classroom", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Demo classroom" })).toBeVisible();
  const classroomUrl = page.url();
  await page.getByRole("link", { name: "Assignments" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Assignments" })).toBeVisible();
  await page.getByLabel("Title", { exact: true }).fill(TITLE);
  await page.getByRole("checkbox", { name: /01 One vanilla RNN step/ }).check();
  const local = (hoursFromNow: number) =>
    page.evaluate((h) => {
      const d = new Date(Date.now() + h * 3_600_000);
      return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    }, hoursFromNow);
  await page.getByLabel("Release", { exact: true }).fill(await local(-48));
  await page.getByLabel("Due", { exact: true }).fill(await local(-1));
  await page.getByRole("radio", { name: /lose a share per day late/ }).check();
  await page.getByLabel("Penalty (% per day)").fill("10");
  await page.getByLabel("Cut-off (days late)").fill("3");
  await page.getByRole("button", { name: "Create assignment" }).click();
  const created = page.getByTestId("assignments").locator("li", { hasText: TITLE });
  await expect(created).toBeVisible();
  await expect(created).toContainText("−10% per day late, up to 3 days");

  // A bad form is answered next to it, not with a broken page.
  await page.getByLabel("Title", { exact: true }).fill("Backwards");
  await page.getByRole("checkbox", { name: /01 One vanilla RNN step/ }).check();
  await page.getByLabel("Release", { exact: true }).fill(await local(5));
  await page.getByLabel("Due", { exact: true }).fill(await local(1));
  await page.getByRole("button", { name: "Create assignment" }).click();
  await expect(page.locator("form.assignment-form").getByRole("alert")).toContainText("due time must be after the release time");

  // The learner sees it, with its due time and no score yet.
  const learnerPage = await learner.newPage();
  await learnerPage.goto("/classrooms");
  const mine = learnerPage.getByTestId("learner-assignments").locator("li", { hasText: TITLE });
  await expect(mine).toContainText("Was due");
  await expect(mine.getByTestId("assignment-score")).toHaveText("0%");

  // Window 1: the instructor's classroom page, live. Window 2: the learner submits (late).
  await page.goto(classroomUrl);
  await expect(page.getByTestId("live-status")).toHaveAttribute("data-status", "live");
  const cell = page.locator(`tr[data-learner-email="${LEARNER.email}"] td[data-slug="${SLUG}"]`);
  await expect(cell).toHaveAttribute("data-state", "not-started");
  await openExercise(learnerPage);
  await setCode(learnerPage, CORRECT);
  await expect(await grade(learnerPage, "submit")).toHaveAttribute("data-verdict", "pass");
  const answeredAt = Date.now();
  // No reload: the server-sent event makes the page re-render.
  await expect(cell).toHaveAttribute("data-state", "solved");
  // A measurement for the record, not a pass mark (the machine may be busy).
  console.log(`live: the instructor's cell turned green ${Date.now() - answeredAt} ms after the learner's Submit was answered`);
  await expect(cell).toHaveAttribute("data-attempts", "1");
  await expect(cell.getByRole("link")).toHaveAttribute("title", /1 submit · best score 100% · last active just now · last pass just now/);

  // The learner's score: 100 % less 10 % for one started day late, marked late.
  await learnerPage.goto("/classrooms");
  await expect(mine.getByTestId("assignment-score")).toHaveText("90%");
  const row = mine.locator(`tr[data-slug="${SLUG}"]`);
  await expect(row.getByTestId("exercise-score")).toHaveText("90% late");
  await expect(row.getByTestId("late-submits")).toHaveText("(1 late)");

  // The gradebook: email first, the assignment's exercise and total columns, the same 90.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download gradebook/ }).click()]);
  const lines = (await readFile((await download.path())!)).toString("utf8").slice(1).split("\r\n");
  const header = lines[0].split(",");
  expect(header.slice(0, 2)).toEqual(["Email", "Name"]);
  const cells = lines.find((l) => l.startsWith(`${LEARNER.email},`))!.split(",");
  expect(cells[header.indexOf(`${TITLE}: 01 One vanilla RNN step (%)`)]).toBe("90");
  expect(cells[header.indexOf(`${TITLE} (%)`)]).toBe("90");
  expect(cells[header.indexOf("Total (%)")]).toBe("90");

  // Three failed submits on exercise 2 without a pass: stuck. (Through the API: quicker than typing.)
  const slug2 = (await page.locator("th.matrix-ex").nth(1).getAttribute("data-slug"))!;
  for (let i = 0; i < 3; i++) {
    const res = await learner.request.post(`/api/exercises/${slug2}/submit`, { data: { code: NO_TANH }, headers: { Origin: baseURL! } });
    expect(res.status()).toBe(200);
  }
  const stuckCell = page.locator(`tr[data-learner-email="${LEARNER.email}"] td[data-slug="${slug2}"]`);
  await expect(stuckCell).toHaveAttribute("data-stuck", "true");
  await page.getByTestId("stuck-only").check();
  const rows = page.locator("[data-testid=progress-matrix] tbody tr[data-learner-id]");
  await expect(page.locator(`tr[data-learner-email="${LEARNER.email}"]`)).toBeVisible();
  for (const stuck of await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-stuck")))) expect(stuck).toBe("true");
  await page.getByRole("button", { name: /^Stuck/ }).click();
  await expect(rows.first()).toHaveAttribute("data-learner-email", LEARNER.email);

  // Statistics count learners, and say who: one wrong submit on exercise 1 (the no-tanh mistake).
  expect((await learner.request.post(`/api/exercises/${SLUG}/submit`, { data: { code: NO_TANH }, headers: { Origin: baseURL! } })).status()).toBe(200);
  const section = page.locator(`section.exercise-stats[data-slug="${SLUG}"]`);
  const who = section.getByTestId("mistake-learners").locator("details", { hasText: "no-tanh" });
  await expect(who.locator("summary")).toContainText(/\d+ learners?/);
  await who.locator("summary").click();
  await expect(who.getByRole("link", { name: LEARNER.name })).toBeVisible();

  // No sideways scroll at 1400 px.
  const overflowing = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth <= width) return [];
    return [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > width + 1 && !el.closest(".matrix-scroll, .table-scroll"))
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join(".")} right=${Math.round(el.getBoundingClientRect().right)}`);
  });
  expect(overflowing, `wider than the 1400 px window: ${overflowing.join(", ")}`).toEqual([]);

  await learner.close();
  await teacher.close();
});

test("an instructor edits an assignment in its form and deletes it after confirming", async ({ browser, baseURL }) => {
  test.setTimeout(120_000);
  const teacher = await signedInContext(browser, baseURL!, INSTRUCTOR);
  // A classroom of its own, so the demo classroom's gradebook totals are left alone.
  const made = await teacher.request.post("/api/instructor/classrooms", { data: { name: "Edit and delete" }, headers: { Origin: baseURL! } });
  expect(made.status()).toBe(200);
  const classroomId = (await made.json()).classroom.id as string;
  const inAWeek = new Date(Date.now() + 7 * 24 * 3_600_000).toISOString();
  const assignment = await teacher.request.post(`/api/instructor/classrooms/${classroomId}/assignments`, {
    data: { title: "Edit me", exercises: [SLUG], releaseAt: new Date().toISOString(), dueAt: inAWeek, latePolicy: { kind: "none" } },
    headers: { Origin: baseURL! },
  });
  expect(assignment.status()).toBe(200);

  const page = await teacher.newPage();
  await page.goto(`/instructor/classrooms/${classroomId}/assignments`);
  const item = page.getByTestId("assignments").locator("li[data-assignment-id]");
  await expect(item).toHaveCount(1);
  await item.getByRole("button", { name: "Edit Edit me" }).click();

  // The form opens filled in: the title, the chosen exercise, no late policy.
  const form = item.locator("form.assignment-form");
  await expect(form.getByRole("heading", { name: "Edit “Edit me”" })).toBeVisible();
  await expect(form.getByLabel("Title", { exact: true })).toHaveValue("Edit me");
  await expect(form.getByRole("checkbox", { name: /01 One vanilla RNN step/ })).toBeChecked();
  await expect(form.getByRole("radio", { name: /earn nothing/ })).toBeChecked();
  // A bad edit is answered in the form and saves nothing.
  await form.getByLabel("Title", { exact: true }).fill("   ");
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form.getByRole("alert")).toContainText("title");
  // A new title, a second exercise, a late penalty.
  await form.getByLabel("Title", { exact: true }).fill("Edited week");
  await form.getByRole("checkbox", { name: /^02 / }).check();
  await form.getByRole("radio", { name: /lose a share per day late/ }).check();
  await form.getByRole("button", { name: "Save changes" }).click();
  await expect(form).toHaveCount(0);
  await expect(item.getByRole("heading", { name: "Edited week" })).toBeVisible();
  await expect(item.locator(".assignment-exercises li")).toHaveCount(2);
  await expect(item).toContainText("−10% per day late, up to 3 days");

  // Delete asks first; Cancel keeps it, confirming removes it.
  await item.getByRole("button", { name: "Delete Edited week" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete “Edited week”?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(item).toHaveCount(1);
  await item.getByRole("button", { name: "Delete Edited week" }).click();
  await dialog.getByRole("button", { name: "Delete assignment" }).click();
  await expect(page.getByText("No assignments yet.")).toBeVisible();
  await teacher.close();
});
