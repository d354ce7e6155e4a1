// A classroom's settings page in Chromium against `npm start`: the owner adds a TA, removes a
// learner (who leaves the progress matrix but keeps their history), rotates and turns off the
// join code, renames and archives the classroom; the TA sees the page without controls and the
// server refuses the TA's change with 403.
import { expect, test, type Browser, type BrowserContext } from "@playwright/test";
import { expectAccessible } from "./axe";

const INSTRUCTOR = { email: "instructor@example.com", password: "instructor-demo" };

async function signedUpContext(browser: Browser, baseURL: string, who: { name: string; email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext();
  const res = await context.request.post("/api/auth/sign-up/email", { data: who, headers: { Origin: baseURL } });
  expect(res.status(), `sign up ${who.email}`).toBe(200);
  return context;
}

async function signedInContext(browser: Browser, baseURL: string, who: { email: string; password: string }): Promise<BrowserContext> {
  const context = await browser.newContext();
  const res = await context.request.post("/api/auth/sign-in/email", { data: who, headers: { Origin: baseURL } });
  expect(res.status(), `sign in as ${who.email}`).toBe(200);
  return context;
}

const tag = () => `${Date.now()}-${Math.floor(Math.random() * 1e6)}`;

test("owner manages roster, join code, staff and archive; a TA only looks", async ({ browser, baseURL }) => {
  test.setTimeout(240_000);
  const origin = baseURL!;
  const owner = await signedInContext(browser, origin, INSTRUCTOR);
  const page = await owner.newPage();
  page.on("dialog", (d) => void d.accept());

  // A new classroom, and its settings through the one link on its page.
  const name = `Settings class ${tag()}`;
  await page.goto("/instructor");
  await page.getByLabel("New classroom").fill(name);
  await page.getByRole("button", { name: "Create classroom" }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  const code = (await page.getByTestId("join-code").textContent())!.trim();
  await page.getByRole("link", { name: "Settings, roster and staff" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Settings of ${name}` })).toBeVisible();
  await expect(page.getByTestId("my-role")).toContainText("owner");
  const settingsUrl = page.url();

  // A learner joins with the code.
  const learnerEmail = `removed-${tag()}@example.org`;
  const learner = await signedUpContext(browser, origin, { name: "Rhea Removed", email: learnerEmail, password: "teal harbor window" });
  expect((await learner.request.post("/api/classrooms/join", { data: { code }, headers: { Origin: origin } })).status()).toBe(200);

  // A colleague with an instructor account (through an invitation) becomes a TA.
  const invitation = await page.request.post("/api/instructor/invitations", { headers: { Origin: origin } });
  const token = ((await invitation.json()) as { invitation: { path: string } }).invitation.path.split("/").pop();
  const taEmail = `ta-${tag()}@example.org`;
  const ta = await signedUpContext(browser, origin, { name: "Theo Ta", email: taEmail, password: "amber cobalt river" });
  expect((await ta.request.post("/api/invitations/accept", { data: { token }, headers: { Origin: origin } })).status()).toBe(200);
  await page.reload();
  await page.getByLabel("Instructor account email").fill(taEmail);
  await page.getByLabel("Role").selectOption("ta");
  await page.getByRole("button", { name: "Add to staff" }).click();
  await expect(page.getByTestId("staff")).toContainText("Theo Ta");
  await expect(page.getByTestId("staff")).toContainText("teaching assistant");
  await expectAccessible(page, "settings page, owner");

  // The TA sees the classroom and its learner, with no controls; the server refuses a change.
  const taPage = await ta.newPage();
  await taPage.goto(settingsUrl);
  await expect(taPage.getByTestId("my-role")).toContainText("teaching assistant");
  await expect(taPage.getByTestId("settings-learners")).toContainText("Rhea Removed");
  for (const control of ["Rename", "Archive classroom", "Make a new join code", "Remove Rhea Removed", "Add to staff"]) {
    await expect(taPage.getByRole("button", { name: control })).toHaveCount(0);
  }
  await expectAccessible(taPage, "settings page, TA");
  const classroomId = new URL(settingsUrl).pathname.split("/")[3];
  const refused = await taPage.request.post(`/api/instructor/classrooms/${classroomId}/settings`, { data: { action: "archive" }, headers: { Origin: origin } });
  expect(refused.status()).toBe(403);

  // Remove the learner: gone from the matrix, listed as removed, history kept.
  await page.getByRole("button", { name: "Remove Rhea Removed" }).click();
  await expect(page.getByTestId("removed-learners")).toContainText("Rhea Removed");
  await page.goto(settingsUrl.replace(/\/settings$/, ""));
  await expect(page.getByText("No learners yet")).toBeVisible();
  await page.goto(settingsUrl);

  // A new join code; the old one stops working. Then the code is turned off.
  await page.getByRole("button", { name: "Make a new join code" }).click();
  await expect(page.getByTestId("settings-join-code")).not.toHaveText(code);
  const newcomer = await signedUpContext(browser, origin, { name: "Nia New", email: `new-${tag()}@example.org`, password: "lilac ferry summit" });
  expect((await newcomer.request.post("/api/classrooms/join", { data: { code }, headers: { Origin: origin } })).status()).toBe(404);
  await page.getByRole("button", { name: "Turn the join code off" }).click();
  await expect(page.getByTestId("join-code-state")).toContainText("turned off");
  const fresh = (await page.getByTestId("settings-join-code").textContent())!.trim();
  expect((await newcomer.request.post("/api/classrooms/join", { data: { code: fresh }, headers: { Origin: origin } })).status()).toBe(409);

  // Rename, then archive: read-only, and listed apart on the dashboard.
  const renamed = `${name} (renamed)`;
  await page.getByLabel("Name", { exact: true }).fill(renamed);
  await page.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Settings of ${renamed}` })).toBeVisible();
  await page.getByRole("button", { name: "Archive classroom" }).click();
  await expect(page.getByTestId("archived-banner")).toBeVisible();
  await expect(page.getByRole("button", { name: "Rename" })).toHaveCount(0);
  await expectAccessible(page, "settings page, archived");
  await page.goto("/instructor");
  await expect(page.getByTestId("archived-classrooms")).toContainText(renamed);
  await expect(page.getByTestId("classrooms")).not.toContainText(renamed);

  for (const c of [owner, learner, ta, newcomer]) await c.close();
});
