// The progress matrix as plain, serialisable data (learners down, exercises across) and its
// client-side sorting and "stuck" filter. No server imports: the dashboard's client component
// uses this module.
//   cell score   = best submission score (lib/scores.ts: fixed tests only), submits only
//   cell stuck   = not solved after STUCK_FAILED_SUBMITS or more failed submits
//   learner idle = unsolved exercises left and no activity (run or submit) for STUCK_IDLE_DAYS,
//                  counted from joining for a learner who never did anything
//   learner stuck = stuck on at least one exercise, or idle
import type { ExerciseColumn, Roster } from "../classrooms";
import { STUCK_FAILED_SUBMITS, STUCK_IDLE_DAYS } from "../limits";
import type { ProgressState } from "../progress";
import { DAY_MS, submissionScore, type ScoredSubmission } from "../scores";

export interface MatrixCell {
  state: ProgressState;
  /** Submits. */
  attempts: number;
  runs: number;
  /** 0..1, best submission score (lib/scores.ts). */
  bestScore: number;
  /** Submits that did not pass. */
  failedSubmits: number;
  /** ISO time of the last run or submit, or null. */
  lastActivity: string | null;
  /** ISO time of the last passing submit, or null. */
  lastPass: string | null;
  stuck: boolean;
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
  /** Exercises the learner is stuck on (see the top of this file). */
  stuckOn: number;
  /** No activity for STUCK_IDLE_DAYS with exercises left. */
  idle: boolean;
  stuck: boolean;
  /** Failed submits on the exercises they are stuck on: who has struggled longest. */
  stuckFailures: number;
}

export interface MatrixData {
  exercises: ExerciseColumn[];
  rows: MatrixRow[];
  /** Learners who solved each exercise (column totals), in exercise order. */
  solvedPerExercise: number[];
  /** Learners who submitted each exercise at least once (Run alone does not count). */
  startedPerExercise: number[];
  /** When this was computed (ISO): "time since" in the cells counts from here. */
  now: string;
}

export type SortKey = "name" | "progress" | "stuck" | "activity";
export type SortDir = "asc" | "desc";

/** What buildMatrix needs of each submit (lib/classrooms.ts ClassSubmissionRow has it). */
export type MatrixSubmit = Pick<ScoredSubmission, "verdict" | "createdAt" | "tests" | "scoreOverride"> & { userId: string; slug: string; kind?: "run" | "submit" };

export function buildMatrix(roster: Pick<Roster, "exercises" | "learners">, submits: readonly MatrixSubmit[] = [], now = new Date()): MatrixData {
  const solvedPerExercise = roster.exercises.map(() => 0);
  const startedPerExercise = roster.exercises.map(() => 0);
  const perCell = new Map<string, { best: number; failed: number; lastPass: Date | null }>();
  for (const s of submits) {
    if (s.kind === "run") continue;
    const key = `${s.userId}\0${s.slug}`;
    let c = perCell.get(key);
    if (!c) perCell.set(key, (c = { best: 0, failed: 0, lastPass: null }));
    c.best = Math.max(c.best, submissionScore(s));
    if (s.verdict === "pass") {
      if (!c.lastPass || s.createdAt > c.lastPass) c.lastPass = s.createdAt;
    } else c.failed++;
  }
  const idleBefore = now.getTime() - STUCK_IDLE_DAYS * DAY_MS;
  const rows = roster.learners.map((l): MatrixRow => {
    let attempted = 0;
    let scoreSum = 0;
    let stuckOn = 0;
    let stuckFailures = 0;
    const cells = roster.exercises.map((e, i): MatrixCell => {
      const p = l.progress[e.slug];
      const s = perCell.get(`${l.id}\0${e.slug}`);
      const state = p?.state ?? "not-started";
      const failedSubmits = s?.failed ?? 0;
      const stuck = state !== "solved" && failedSubmits >= STUCK_FAILED_SUBMITS;
      const cell: MatrixCell = {
        state,
        attempts: p?.attempts ?? 0,
        runs: p?.runs ?? 0,
        bestScore: s?.best ?? 0,
        failedSubmits,
        lastActivity: p?.lastActivityAt ? p.lastActivityAt.toISOString() : null,
        lastPass: s?.lastPass ? s.lastPass.toISOString() : null,
        stuck,
      };
      if (cell.state === "solved") solvedPerExercise[i]++;
      if (cell.attempts > 0) startedPerExercise[i]++;
      if (cell.state === "attempted") attempted++;
      if (stuck) {
        stuckOn++;
        stuckFailures += failedSubmits;
      }
      scoreSum += cell.bestScore;
      return cell;
    });
    const solved = cells.filter((c) => c.state === "solved").length;
    const since = l.lastActivityAt ?? l.joinedAt;
    const idle = solved < cells.length && since.getTime() < idleBefore;
    return {
      id: l.id,
      name: l.name,
      email: l.email,
      cells,
      solved,
      attempted,
      scoreSum,
      lastActivity: l.lastActivityAt ? l.lastActivityAt.toISOString() : null,
      stuckOn,
      idle,
      stuck: stuckOn > 0 || idle,
      stuckFailures,
    };
  });
  return { exercises: roster.exercises, rows, solvedPerExercise, startedPerExercise, now: now.toISOString() };
}

const collator = new Intl.Collator("en", { sensitivity: "base", numeric: true });

function byName(a: MatrixRow, b: MatrixRow): number {
  return collator.compare(a.name, b.name) || collator.compare(a.email, b.email);
}

/** Progress: solved count, then exercises in progress, then total best score. */
function byProgress(a: MatrixRow, b: MatrixRow): number {
  return a.solved - b.solved || a.attempted - b.attempted || a.scoreSum - b.scoreSum;
}

/** Stuck: stuck on more exercises, then more failed submits there, then idle. "desc" = most stuck first. */
function byStuck(a: MatrixRow, b: MatrixRow): number {
  return a.stuckOn - b.stuckOn || a.stuckFailures - b.stuckFailures || Number(a.idle) - Number(b.idle);
}

/** Last activity; never active counts as the oldest. "desc" = most recent first. */
function byActivity(a: MatrixRow, b: MatrixRow): number {
  return (a.lastActivity ? Date.parse(a.lastActivity) : 0) - (b.lastActivity ? Date.parse(b.lastActivity) : 0);
}

const ORDER: Record<Exclude<SortKey, "name">, (a: MatrixRow, b: MatrixRow) => number> = { progress: byProgress, stuck: byStuck, activity: byActivity };

/**
 * Rows in the requested order (a new array). Ties are always broken by name A→Z, so learners
 * with equal progress stay in a predictable order whichever way one sorts.
 */
export function sortRows(rows: readonly MatrixRow[], key: SortKey, dir: SortDir): MatrixRow[] {
  const sign = dir === "asc" ? 1 : -1;
  const compare = key === "name" ? (a: MatrixRow, b: MatrixRow) => sign * byName(a, b) : (a: MatrixRow, b: MatrixRow) => sign * ORDER[key](a, b) || byName(a, b);
  return [...rows].sort(compare);
}

/** "just now", "5 min ago", "3 h ago", "2 d ago", "never": short enough for a cell. */
export function ago(iso: string | null, now: string): string {
  if (!iso) return "never";
  const ms = Math.max(0, Date.parse(now) - Date.parse(iso));
  const min = Math.floor(ms / 60_000);
  if (min < 1) return "just now";
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

const STATE_TEXT: Record<ProgressState, string> = { "not-started": "not started", attempted: "attempted", solved: "solved" };

/** The hover text of a cell: state, submits, best score, runs, last activity and last pass. */
export function cellTitle(learner: string, exercise: string, cell: MatrixCell, now: string): string {
  const parts = [`${learner} · ${exercise}: ${STATE_TEXT[cell.state]}${cell.stuck ? " (stuck)" : ""}`];
  if (cell.state !== "not-started") {
    parts.push(`${cell.attempts} ${cell.attempts === 1 ? "submit" : "submits"}`);
    if (cell.attempts > 0) parts.push(`best score ${Math.round(cell.bestScore * 100)}%`);
    if (cell.failedSubmits > 0) parts.push(`${cell.failedSubmits} failed`);
    if (cell.runs > 0) parts.push(`${cell.runs} ${cell.runs === 1 ? "run" : "runs"}`);
    parts.push(`last active ${ago(cell.lastActivity, now)}`);
    parts.push(cell.lastPass ? `last pass ${ago(cell.lastPass, now)}` : "never passed");
  }
  return parts.join(" · ");
}
