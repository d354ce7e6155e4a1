// What a visitor is told after signing up or in about the work they did in this browser before:
// how many drafts moved to the account and what submitting each one on import found. Composed
// from the server's import report and this browser's own progress record, so every sentence is
// something that really happened; kept in sessionStorage across the page load that follows.
import type { ProgressMap } from "./progress-store";
import type { ImportOutcome } from "./server-drafts";

const KEY = "rnn-grader:import-notice";

const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** Sentences for the learner; empty when there was nothing from this browser to talk about. */
export function describeImport(outcome: ImportOutcome | null, local: ProgressMap): string[] {
  const markedSolved = Object.entries(local).filter(([, e]) => e.state === "solved").map(([slug]) => slug);
  if (outcome === null) {
    return [
      "Your drafts from this browser could not be moved to your account just now. They are still in this browser and will be moved the next time you sign in here.",
    ];
  }
  const lines: string[] = [];
  const { imported, kept, graded, notGraded } = outcome;
  if (imported.length) {
    lines.push(`${n(imported.length, "draft")} from this browser ${imported.length === 1 ? "is" : "are"} now in your account.`);
  }
  if (graded.length) {
    const solved = graded.filter((g) => g.solved).length;
    const parts = [solved ? `${solved} pass${solved === 1 ? "es" : ""} every test and count${solved === 1 ? "s" : ""} as solved` : ""];
    const open = graded.length - solved;
    if (open) parts.push(`${open} do${open === 1 ? "es" : ""} not pass every test yet and count${open === 1 ? "s" : ""} as attempted`);
    lines.push(`We submitted ${graded.length === 1 ? "it" : "each one"} for you: ${parts.filter(Boolean).join("; ")}.`);
    const lost = graded.filter((g) => !g.solved && markedSolved.includes(g.slug)).length;
    if (lost) {
      lines.push(`${n(lost, "exercise")} this browser had marked solved ${lost === 1 ? "was" : "were"} changed afterwards: the last code you typed does not pass, so ${lost === 1 ? "it is" : "they are"} not counted as solved. Submit again to count ${lost === 1 ? "it" : "them"}.`);
    }
  }
  for (const { reason } of notGraded) lines.push(`One draft was not submitted: ${reason}`);
  if (kept.length) {
    lines.push(`${n(kept.length, "exercise")} already had newer code in your account; that code was kept.`);
  }
  const moved = new Set([...imported, ...kept]);
  const noCode = markedSolved.filter((slug) => !moved.has(slug)).length;
  if (noCode) {
    lines.push(`${n(noCode, "exercise")} marked solved in this browser had no code left to check (reset to the starter), so ${noCode === 1 ? "it is" : "they are"} not counted. Solve ${noCode === 1 ? "it" : "them"} again to count ${noCode === 1 ? "it" : "them"}.`);
  }
  return lines;
}

export function saveImportNotice(lines: string[]): void {
  try {
    if (lines.length) sessionStorage.setItem(KEY, JSON.stringify(lines));
  } catch {
    // storage disabled: the notice is simply not shown
  }
}

/** The notice saved before the last page load, once: reading it removes it. */
export function takeImportNotice(): string[] {
  try {
    const raw = sessionStorage.getItem(KEY);
    sessionStorage.removeItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return Array.isArray(parsed) ? parsed.filter((l): l is string => typeof l === "string") : [];
  } catch {
    return [];
  }
}
