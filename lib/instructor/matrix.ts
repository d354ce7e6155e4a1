// The progress matrix as plain, serialisable data (learners down, exercises across) and its
// client-side sorting. No server imports: the dashboard's client component uses this module.
import type { ExerciseColumn, Roster } from "../classrooms";
import type { ProgressState } from "../progress";

export interface MatrixCell {
  state: ProgressState;
  attempts: number;
  runs: number;
  /** 0..1, best over submits. */
  bestScore: number;
}

export interface MatrixRow {
  id: string;
  name: string;
  email: string;
  cells: MatrixCell[];
  solved: number;
  attempted: number;
  /** Sum of best scores: breaks ties between learners with the same solved count. */
  scoreSum: number;
  /** ISO time, or null when the learner never ran anything. */
  lastActivity: string | null;
}

export interface MatrixData {
  exercises: ExerciseColumn[];
  rows: MatrixRow[];
  /** Learners who solved each exercise (column totals), in exercise order. */
  solvedPerExercise: number[];
  /** Learners who started (ran or submitted) each exercise. */
  startedPerExercise: number[];
}

export type SortKey = "name" | "progress";
export type SortDir = "asc" | "desc";

export function buildMatrix(roster: Pick<Roster, "exercises" | "learners">): MatrixData {
  const solvedPerExercise = roster.exercises.map(() => 0);
  const startedPerExercise = roster.exercises.map(() => 0);
  const rows = roster.learners.map((l): MatrixRow => {
    let attempted = 0;
    let scoreSum = 0;
    const cells = roster.exercises.map((e, i): MatrixCell => {
      const p = l.progress[e.slug];
      const cell: MatrixCell = p
        ? { state: p.state, attempts: p.attempts, runs: p.runs, bestScore: p.bestScore }
        : { state: "not-started", attempts: 0, runs: 0, bestScore: 0 };
      if (cell.state === "solved") solvedPerExercise[i]++;
      if (cell.state !== "not-started") startedPerExercise[i]++;
      if (cell.state === "attempted") attempted++;
      scoreSum += cell.bestScore;
      return cell;
    });
    return {
      id: l.id,
      name: l.name,
      email: l.email,
      cells,
      solved: cells.filter((c) => c.state === "solved").length,
      attempted,
      scoreSum,
      lastActivity: l.lastActivityAt ? l.lastActivityAt.toISOString() : null,
    };
  });
  return { exercises: roster.exercises, rows, solvedPerExercise, startedPerExercise };
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function byName(a: MatrixRow, b: MatrixRow): number {
  return collator.compare(a.name, b.name) || collator.compare(a.email, b.email);
}

/** Progress: solved count, then exercises in progress, then total best score. */
function byProgress(a: MatrixRow, b: MatrixRow): number {
  return a.solved - b.solved || a.attempted - b.attempted || a.scoreSum - b.scoreSum;
}

/**
 * Rows in the requested order (a new array). Ties in progress are always broken by name A→Z,
 * so learners with equal progress stay in a predictable order whichever way one sorts.
 */
export function sortRows(rows: readonly MatrixRow[], key: SortKey, dir: SortDir): MatrixRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const compare =
    key === "name" ? (a: MatrixRow, b: MatrixRow) => sign * byName(a, b) : (a: MatrixRow, b: MatrixRow) => sign * byProgress(a, b) || byName(a, b);
  return [...rows].sort(compare);
}

const STATE_TEXT: Record<ProgressState, string> = { "not-started": "not started", attempted: "attempted", solved: "solved" };

/** The hover text of a cell: state, submits, best score and runs. */
export function cellTitle(learner: string, exercise: string, cell: MatrixCell): string {
  const parts = [`${learner} · ${exercise}: ${STATE_TEXT[cell.state]}`];
  if (cell.state !== "not-started") {
    parts.push(`${cell.attempts} ${cell.attempts === 1 ? "submit" : "submits"}`);
    if (cell.attempts > 0) parts.push(`best score ${Math.round(cell.bestScore * 100)}%`);
    if (cell.runs > 0) parts.push(`${cell.runs} ${cell.runs === 1 ? "run" : "runs"}`);
  }
  return parts.join(" · ");
}
