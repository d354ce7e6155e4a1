// The change-password page and an instructor invitation, in Chromium against `npm start`:
// a learner changes their password (current one required, policy applied, other sessions signed
// out), and a colleague signs up through an invitation link and lands as an instructor.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { expectAccessible } from "./axe";

function uniqueEmail(tag: string): string {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.org`;
}

async function signUp(page: Page, name: string, email: string, password: string) {
  await page.goto("/signup");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("account")).toContainText(name);
}

async function signIn(browser: Browser, email: string, password: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("account")).toBeVisible();
  return page;
}

test("change password: wrong current password and a guessable one are refused; the change signs out the other browser", async ({ page, browser }) => {
  test.setTimeout(180_000);
  const email = uniqueEmail("pw");
  const oldPassword = "heron lantern quiet";
  const newPassword = "saffron kettle north bay";
  await signUp(page, "Paz Wren", email, oldPassword);
  const elsewhere = await signIn(browser, email, oldPassword);

  // The account name in the header leads to the page.
  await page.getByTestId("account").getByRole("link", { name: "Paz Wren" }).click();
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();
  await expectAccessible(page, "change-password page");

  const form = page.locator("form.auth-form");
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password", { exact: true }).fill(newPassword);
  await form.getByLabel("New password again").fill(newPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toContainText("current password is not right");

  await form.getByLabel("Current password").fill(oldPassword);
  await form.getByLabel("New password", { exact: true }).fill("password123");
  await form.getByLabel("New password again").fill("password123");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toContainText("too easy to guess");

  await form.getByLabel("New password", { exact: true }).fill(newPassword);
  await form.getByLabel("New password again").fill(newPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toContainText("Your password was changed");

  // This browser stays signed in; the other one is signed out.
  await page.reload();
  await expect(page.getByTestId("account")).toContainText("Paz Wren");
  await elsewhere.reload();
  await expect(elsewhere.getByRole("link", { name: "Sign in" })).toBeVisible();
  await elsewhere.context().close();

  // The old password no longer signs in; the new one does.
  const fresh = await (await browser.newContext()).newPage();
  await fresh.goto("/signin");
  await fresh.getByLabel("Email").fill(email);
  await fresh.getByLabel("Password").fill(oldPassword);
  await fresh.getByRole("button", { name: "Sign in" }).click();
  await expect(fresh.locator("form.auth-form").getByRole("alert")).toContainText("Wrong email or password");
  await fresh.context().close();
  await (await signIn(browser, email, newPassword)).context().close();
});

test("signed out, the page sends you to sign in first", async ({ page }) => {
  await page.goto("/account/password");
  await expect(page).toHaveURL(/\/signin\?next=%2Faccount%2Fpassword/);
});

test("an instructor's invitation link makes a colleague an instructor, once", async ({ browser }) => {
  test.setTimeout(180_000);
  const teacher = await signIn(browser, "instructor@example.com", "instructor-demo");
  await teacher.goto("/instructor");
  await teacher.getByRole("link", { name: "Invite a colleague as an instructor" }).click();
  await teacher.getByRole("button", { name: "Make an invitation link" }).click();
  const link = (await teacher.getByTestId("invitation-link").textContent())!;
  await expectAccessible(teacher, "invitations page");
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{32}$/);

  const colleague = await (await browser.newContext()).newPage();
  await colleague.goto(link);
  await expect(colleague.getByRole("heading", { name: "Become an instructor" })).toBeVisible();
  await expectAccessible(colleague, "invitation page");
  await colleague.getByLabel("Name").fill("Colleague Kim");
  await colleague.getByLabel("Email").fill(uniqueEmail("kim"));
  await colleague.getByLabel("Password").fill("marble orchard tempo");
  await colleague.getByRole("button", { name: "Create account" }).click();
  await expect(colleague).toHaveURL(/\/instructor$/);
  await expect(colleague.getByTestId("account")).toContainText("instructor");

  // Used: the link now says so, for anyone.
  const late = await (await browser.newContext()).newPage();
  const response = await late.goto(link);
  expect(response?.status()).toBe(404);
  await teacher.reload();
  await expect(teacher.getByRole("row", { name: /Colleague Kim/ })).toContainText("used");
  for (const p of [teacher, colleague, late]) await p.context().close();
});
