// Shared steps for the workspace tests: open an exercise, put code into Monaco the way a
// learner would (select all, paste), read the editor back, and wait for a verdict.
import { expect, type Page } from "@playwright/test";

export const SLUG = "01-rnn-step";

export const CORRECT = `export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  return Wxh.map((row, i) => {
    let s = b[i];
    for (let j = 0; j < x.length; j++) s += row[j] * x[j];
    for (let j = 0; j < hPrev.length; j++) s += Whh[i][j] * hPrev[j];
    return Math.tanh(s);
  });
}
`;

/** Forgets the tanh: a known mistake of exercise 1. */
export const NO_TANH = CORRECT.replace("return Math.tanh(s);", "return s;");

/** Forgets the bias: passes the first example (b = 0) and fails where the bias matters. */
export const NO_BIAS = CORRECT.replace("let s = b[i];", "let s = 0;");

export const INFINITE_LOOP = `export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  let i = 0;
  while (i < 10) {
    // forgot i++
  }
  return [];
}
`;

/** A syntax error on line 3 (the missing ")" is found at ";"). */
export const SYNTAX_ERROR = `export function rnnStep(x: number[], hPrev: number[], Wxh: number[][], Whh: number[][], b: number[]): number[] {
  const h: number[] = [];
  h.push(Math.tanh(x[0]);
  return h;
}
`;

export async function openExercise(page: Page, slug = SLUG) {
  await page.goto(`/exercises/${slug}`);
  await expect(page.locator('[data-editor-ready="true"]')).toBeVisible({ timeout: 30_000 });
  // Monaco renders its first lines asynchronously after mount.
  await expect(page.locator(".monaco-editor .view-lines")).toBeVisible();
}

/** Replaces the editor content with the keyboard: click, select all, paste. */
export async function setCode(page: Page, code: string, slug = SLUG) {
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.evaluate((text) => navigator.clipboard.writeText(text), code);
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.press("ControlOrMeta+V");
  await expect.poll(() => editorValue(page, slug)).toBe(code);
}

/** The editor's text, read from Monaco's model (window.monaco is set by Monaco's AMD loader). */
export async function editorValue(page: Page, slug = SLUG): Promise<string | null> {
  return page.evaluate((s) => {
    const monaco = (window as unknown as { monaco?: { editor: { getModels(): { uri: { path: string }; getValue(): string }[] } } }).monaco;
    const model = monaco?.editor.getModels().find((m) => m.uri.path === `/exercises/${s}/solution.ts`);
    return model ? model.getValue() : null;
  }, slug);
}

/** Markers on the solution model, by owner ("grader" for grading errors, "typescript" for tsc). */
export async function editorMarkers(page: Page, owner: string, slug = SLUG) {
  return page.evaluate(
    ([o, s]) => {
      type Marker = { owner: string; message: string; startLineNumber: number; startColumn: number; severity: number };
      const monaco = (window as unknown as { monaco?: { editor: { getModelMarkers(f: { owner?: string }): (Marker & { resource: { path: string } })[] } } }).monaco;
      return (monaco?.editor.getModelMarkers({ owner: o }) ?? [])
        .filter((m) => m.resource.path === `/exercises/${s}/solution.ts`)
        .map(({ message, startLineNumber, startColumn, severity }) => ({ message, startLineNumber, startColumn, severity }));
    },
    [owner, slug] as const,
  );
}

/**
 * Runs or submits (with the button, or the keyboard shortcut from inside the editor) and waits
 * for the server's answer to be shown.
 */
export async function grade(page: Page, mode: "run" | "submit", via: "button" | "shortcut" = "button") {
  const response = page.waitForResponse((r) => r.url().endsWith(`/${mode}`) && r.request().method() === "POST", {
    timeout: 30_000,
  });
  if (via === "button") {
    await page.getByRole("button", { name: mode === "run" ? /^Run/ : /^Submit/ }).click();
  } else {
    await page.locator(".monaco-editor .view-lines").click();
    await page.keyboard.press(mode === "run" ? "ControlOrMeta+Enter" : "ControlOrMeta+Shift+Enter");
  }
  await response;
  await expect(page.getByRole("button", { name: /^Run/ })).toBeEnabled();
  const verdict = page.locator(".verdict");
  await expect(verdict).toBeVisible();
  return verdict;
}
