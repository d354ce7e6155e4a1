// The gradebook of a classroom as CSV: one row per learner (by name), one column per exercise
// holding the best submitted score in percent, then the solved count and the last activity.
// Pure: takes the roster from lib/classrooms.ts classroomRoster().
import type { Roster } from "../classrooms";
import { toCsv, type CsvValue } from "./csv";

/** Best score as a percentage with one decimal (0.6667 → 66.7); empty when never submitted. */
export function scoreCell(progress: { attempts: number; bestScore: number } | undefined): number | null {
  if (!progress || progress.attempts === 0) return null;
  return Math.round(progress.bestScore * 1000) / 10;
}

/** "2026-11-21 09:05:03": UTC, a form every spreadsheet parses as a date-time. */
export function formatUtc(date: Date | null): string {
  return date ? date.toISOString().slice(0, 19).replace("T", " ") : "";
}

export function exerciseHeader(e: { order: number; title: string }): string {
  return `${String(e.order).padStart(2, "0")} ${e.title} (best %)`;
}

export function gradebookRows(roster: Roster): CsvValue[][] {
  const header = ["Name", "Email", ...roster.exercises.map(exerciseHeader), "Solved", "Last activity (UTC)"];
  const learners = [...roster.learners].sort(
    (a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.email.localeCompare(b.email),
  );
  const rows = learners.map((l) => [
    l.name,
    l.email,
    ...roster.exercises.map((e) => scoreCell(l.progress[e.slug])),
    l.solvedCount,
    formatUtc(l.lastActivityAt),
  ]);
  return [header, ...rows];
}

export function gradebookCsv(roster: Roster): string {
  return toCsv(gradebookRows(roster));
}

/** "gradebook-demo-classroom-2026-11-21.csv" (the date is the export day, UTC). */
export function gradebookFilename(classroomName: string, at: Date): string {
  const name = classroomName
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60);
  return `gradebook-${name ? `${name}-` : ""}${at.toISOString().slice(0, 10)}.csv`;
}
