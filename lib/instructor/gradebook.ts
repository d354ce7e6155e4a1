// The gradebook of a classroom as CSV, one row per learner (by name), for a spreadsheet or an
// LMS import, which matches learners on the first column, the email. Columns:
//   Email, Name
//   per released assignment (by due time): one column per exercise, then the assignment's score
//   Total (%)  — the mean of the released assignments' scores (empty when none is released)
//   per exercise of the catalogue: the best submit at any time ("practice"), fixed tests only
//   Solved, Last activity (UTC)
// Every score follows lib/scores.ts, in percent with one decimal. Pure: takes the roster from
// lib/classrooms.ts classroomRoster(), the classroom's assignments and its learners' submits.
import type { InstructorAssignment, ScoringSubmit } from "../assignments";
import { scoreAssignmentFor } from "../assignments";
import type { Roster } from "../classrooms";
import { percent, submissionScore, totalScore } from "../scores";
import { toCsv, type CsvValue } from "./csv";

/** "2026-11-21 09:05:03": UTC, a form every spreadsheet parses as a date-time. */
export function formatUtc(date: Date | null): string {
  return date ? date.toISOString().slice(0, 19).replace("T", " ") : "";
}

function exerciseName(e: { order: number; title: string }): string {
  return `${String(e.order).padStart(2, "0")} ${e.title}`;
}

export function exerciseHeader(e: { order: number; title: string; active?: boolean }): string {
  return `${exerciseName(e)}${e.active === false ? " [removed]" : ""} (practice best %)`;
}

export interface GradebookExtras {
  /** The classroom's assignments; only released ones are exported. */
  assignments?: readonly Pick<InstructorAssignment, "title" | "dueAt" | "latePolicy" | "exercises" | "released" | "extensions">[];
  /** Every submit of the classroom's learners (runs are ignored). */
  submits?: readonly (ScoringSubmit & { kind?: "run" | "submit" })[];
}

export function gradebookRows(roster: Roster, extras: GradebookExtras = {}): CsvValue[][] {
  const assignments = (extras.assignments ?? []).filter((a) => a.released);
  const submitsByUser = new Map<string, ScoringSubmit[]>();
  for (const s of extras.submits ?? []) {
    if (s.kind === "run") continue;
    let list = submitsByUser.get(s.userId);
    if (!list) submitsByUser.set(s.userId, (list = []));
    list.push(s);
  }
  const header = [
    "Email",
    "Name",
    ...assignments.flatMap((a) => [...a.exercises.map((e) => `${a.title}: ${exerciseName(e)} (%)`), `${a.title} (%)`]),
    "Total (%)",
    ...roster.exercises.map(exerciseHeader),
    "Solved",
    "Last activity (UTC)",
  ];
  const learners = [...roster.learners].sort(
    (a, b) => a.name.localeCompare(b.name, "en", { sensitivity: "base" }) || a.email.localeCompare(b.email),
  );
  const rows = learners.map((l) => {
    const submits = submitsByUser.get(l.id) ?? [];
    const scored = assignments.map((a) => scoreAssignmentFor(a, a.extensions.find((x) => x.learnerId === l.id)?.dueAt ?? null, submits));
    const total = totalScore(scored.map((r) => r.score));
    const practice = roster.exercises.map((e) => {
      const mine = submits.filter((s) => s.slug === e.slug);
      return mine.length ? percent(Math.max(...mine.map(submissionScore))) : null;
    });
    return [
      l.email,
      l.name,
      ...scored.flatMap((r) => [...r.exercises.map((x) => percent(x.score)), percent(r.score)]),
      total === null ? null : percent(total),
      ...practice,
      l.solvedCount,
      formatUtc(l.lastActivityAt),
    ];
  });
  return [header, ...rows];
}

export function gradebookCsv(roster: Roster, extras: GradebookExtras = {}): string {
  return toCsv(gradebookRows(roster, extras));
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
