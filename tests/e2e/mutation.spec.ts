// The instructor's exercise preview shows the mutation analysis of the exercise's tests, the
// alternative solutions, and the known mistakes' hints with their math rendered.
import { expect, test } from "@playwright/test";

const INSTRUCTOR = { email: "instructor@example.com", password: "instructor-demo" };

test.beforeEach(async ({ context, baseURL }) => {
  const res = await context.request.post("/api/auth/sign-in/email", { data: INSTRUCTOR, headers: { Origin: baseURL! } });
  expect(res.status()).toBe(200);
});

test("exercise 4's preview streams its mutation score, with the equivalent mutant and its reason", async ({ page }) => {
  await page.goto("/instructor/exercises/04-gradient-clipping");
  // The rest of the page does not wait for the grader.
  await expect(page.getByTestId("reference-code")).toContainText("Math.hypot");
  const report = page.getByTestId("mutation-report");
  await expect(report).toBeVisible({ timeout: 90_000 });
  await expect(report).toHaveAttribute("data-meets-threshold", "true");
  await expect(report.getByRole("status")).toContainText("Mutation score 100%");
  await expect(report.getByRole("status")).toContainText("quick mode, seeds 1, 2, 3");
  await expect(report.getByRole("heading", { name: "Surviving mutants (0)" })).toBeVisible();

  await report.getByText("Marked equivalent (1)").click();
  const equivalent = report.locator("li[data-status=equivalent]");
  await expect(equivalent).toContainText("`<=` → `<`");
  await expect(equivalent).toContainText("maxNorm / norm = 1");
  await expect(equivalent.locator(".diff-del")).toContainText("if (norm <= maxNorm)");
  await expect(equivalent.locator(".diff-add")).toContainText("if (norm < maxNorm)");

  // The naive norm is among the mutants the tests kill, and the page says which test does.
  await report.getByText(/^Killed mutants \(\d+\)$/).click();
  const naive = report.locator("li[data-status=killed]", { hasText: "Math.sqrt(Σ v²)" });
  await expect(naive).toContainText(/Killed by: .*huge components/);

  // Alternative solutions are listed and join the live check; hints render their math.
  await expect(page.getByRole("heading", { name: "Alternative solutions" })).toBeVisible();
  await expect(page.getByText("solutions/scaled-norm.ts")).toBeVisible();
  await expect(page.locator('tr[data-run-id="solution:scaled-norm"]')).toBeVisible();
  await expect(page.locator('li[data-mistake-id="naive-norm"] .hint-text .katex').first()).toBeVisible();
});

test("the full analysis runs on demand", async ({ page }) => {
  await page.goto("/instructor/exercises/03-gradient-product");
  await page.getByRole("link", { name: "Run the full analysis" }).click();
  await expect(page).toHaveURL(/\/instructor\/exercises\/03-gradient-product\?mutants=full$/);
  const report = page.getByTestId("mutation-report");
  await expect(report.getByRole("status")).toContainText("full mode", { timeout: 90_000 });
  await expect(report).toHaveAttribute("data-meets-threshold", "true");
  await expect(page.getByRole("link", { name: "Back to the quick analysis" })).toBeVisible();
});
