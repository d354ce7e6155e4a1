// The class exercise (11-lstm-cell-class): its examples show the scenario's steps with what
// each returns, and a class submitted in the editor is graded step by step.
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { grade, openExercise, setCode } from "./helpers";

const SLUG = "11-lstm-cell-class";
const REFERENCE = readFileSync(path.join(__dirname, "..", "..", "exercises", SLUG, "reference.ts"), "utf8");

test("a class exercise shows its scenarios as steps and grades a class", async ({ page }) => {
  await openExercise(page, SLUG);
  await expect(page.locator(".signature")).toContainText("export class LstmCell {");
  const steps = page.getByTestId("scenario-steps").first();
  await expect(steps.locator("dt")).toHaveText(["new LstmCell(…)", "lstmCell.step(…)", "lstmCell.step(…)", "lstmCell.reset()", "lstmCell.step(…)"]);
  // The reference's results, shown beside the steps that return something.
  await expect(steps).toContainText("c: [0.380797]");
  await expect(steps).toContainText("c: [0.571196]");

  await setCode(page, REFERENCE.replace("sigmoid(gates[k]) * cPrev", "0 * cPrev"), SLUG);
  const failed = await grade(page, "run");
  await expect(failed).toHaveAttribute("data-verdict", "fail");
  await expect(page.locator(".test").first()).toContainText("Step 3 of 5, `lstmCell.step(…)`");

  await setCode(page, REFERENCE, SLUG);
  const passed = await grade(page, "submit");
  await expect(passed).toHaveAttribute("data-verdict", "pass");
});
