// Line diff between two versions of a learner's code (the `diff` package's Myers diff), shaped
// for display: numbered lines marked added/removed/unchanged, long unchanged stretches folded.
import { diffLines } from "diff";

export type DiffLine =
  | { type: "same"; text: string; oldNo: number; newNo: number }
  | { type: "add"; text: string; newNo: number }
  | { type: "del"; text: string; oldNo: number }
  | { type: "fold"; count: number };

export interface CodeDiff {
  lines: DiffLine[];
  added: number;
  removed: number;
  /** True when the diff was given up on (huge, entirely different files). */
  tooLarge: boolean;
}

function splitLines(value: string): string[] {
  const lines = value.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Diff of `before` → `after`, keeping `context` unchanged lines around each change. */
export function codeDiff(before: string, after: string, context = 3): CodeDiff {
  const normalise = (s: string) => s.replace(/\r\n?/g, "\n");
  const changes = diffLines(normalise(before), normalise(after), { timeout: 1000 });
  if (!changes) return { lines: [], added: 0, removed: 0, tooLarge: true };

  const all: Exclude<DiffLine, { type: "fold" }>[] = [];
  let oldNo = 1;
  let newNo = 1;
  let added = 0;
  let removed = 0;
  for (const change of changes) {
    for (const text of splitLines(change.value)) {
      if (change.added) {
        all.push({ type: "add", text, newNo: newNo++ });
        added++;
      } else if (change.removed) {
        all.push({ type: "del", text, oldNo: oldNo++ });
        removed++;
      } else {
        all.push({ type: "same", text, oldNo: oldNo++, newNo: newNo++ });
      }
    }
  }

  // Keep unchanged lines within `context` of a change; fold the rest.
  const keep = all.map(() => false);
  all.forEach((line, i) => {
    if (line.type === "same") return;
    for (let k = Math.max(0, i - context); k <= Math.min(all.length - 1, i + context); k++) keep[k] = true;
  });
  const lines: DiffLine[] = [];
  for (let i = 0; i < all.length; ) {
    if (keep[i] || (added === 0 && removed === 0)) {
      lines.push(all[i++]);
      continue;
    }
    let j = i;
    while (j < all.length && !keep[j]) j++;
    // Folding one line saves nothing.
    if (j - i === 1) lines.push(all[i]);
    else lines.push({ type: "fold", count: j - i });
    i = j;
  }
  return { lines, added, removed, tooLarge: false };
}
