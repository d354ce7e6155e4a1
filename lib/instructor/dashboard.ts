// What the instructor pages and routes load: the overview of one's classrooms and exercises,
// a classroom's progress matrix and statistics, and its gradebook. Authorization is decided by
// lib/classrooms.ts (an instructor sees only their own classrooms; anything else is NotFound).
import type { ExerciseMeta } from "../../grader/exercise-schema";
import { assertInstructor, type Actor } from "../actor";
import { classroomAssignments } from "../assignments";
import { classroomRoster, classroomSubmissions, listMyClassrooms, type ClassroomSummary, type Roster } from "../classrooms";
import { gradebookCsv, gradebookFilename } from "./gradebook";
import { buildMatrix, type MatrixData } from "./matrix";
import { exerciseProblems, pendingExerciseVersions, type ExerciseProblem } from "../exercise-catalogue";
import { syncCatalogueToDatabase } from "./catalogue-sync";
import { exerciseStats, type ExerciseStats, type MistakeInfo, type TestInfo } from "./stats";

export interface ExerciseListing {
  slug: string;
  order: number;
  title: string;
  difficulty: ExerciseMeta["difficulty"];
  visible: number;
  hidden: number;
  randomCases: number;
  mistakes: number;
}

export interface InstructorOverview {
  classrooms: ClassroomSummary[];
  exercises: ExerciseListing[];
  /** Archived classrooms (read-only), listed apart. */
  archivedClassrooms: ClassroomSummary[];
  /**
   * Exercise folders that fail to load or whose version fails the check: learners keep their
   * last good version (servedHash), or, with none, do not see them at all.
   */
  brokenExercises: ExerciseProblem[];
  /** New versions waiting for their background check while an older one is served. */
  pendingExercises: { slug: string; hash: string }[];
}

export interface ClassroomDashboard {
  classroom: ClassroomSummary;
  matrix: MatrixData;
  stats: ExerciseStats[];
}

export async function instructorOverview(instructor: Actor): Promise<InstructorOverview> {
  assertInstructor(instructor);
  const catalogue = await syncCatalogueToDatabase();
  const mine = await listMyClassrooms(instructor);
  return {
    classrooms: mine.role === "instructor" ? mine.owned : [],
    archivedClassrooms: mine.role === "instructor" ? mine.archived : [],
    exercises: catalogue.exercises.map((e) => ({
      slug: e.slug,
      order: e.meta.order,
      title: e.meta.title,
      difficulty: e.meta.difficulty,
      visible: e.tests.visible.length,
      hidden: e.tests.hidden.length,
      randomCases: e.random ? e.meta.randomCases : 0,
      mistakes: e.mistakes.length,
    })),
    brokenExercises: exerciseProblems(),
    pendingExercises: pendingExerciseVersions(),
  };
}

async function rosterOf(instructor: Actor, classroomId: string): Promise<Roster> {
  assertInstructor(instructor);
  await syncCatalogueToDatabase();
  return classroomRoster(instructor, classroomId);
}

export async function classroomDashboard(instructor: Actor, classroomId: string): Promise<ClassroomDashboard> {
  const roster = await rosterOf(instructor, classroomId);
  const submits = roster.learners.length ? await classroomSubmissions(instructor, classroomId, { kind: "submit" }) : [];
  const catalogue = await syncCatalogueToDatabase();
  const mistakes: Record<string, MistakeInfo[]> = {};
  const tests: Record<string, TestInfo[]> = {};
  for (const e of catalogue.exercises) {
    mistakes[e.slug] = e.mistakes.map(({ id, description, hint }) => ({ id, description, hint }));
    tests[e.slug] = [
      ...e.tests.visible.map(({ id, name }) => ({ id, name, kind: "visible" as const })),
      ...e.tests.hidden.map(({ id, name }) => ({ id, name, kind: "hidden" as const })),
    ];
  }
  return {
    classroom: roster.classroom,
    matrix: buildMatrix(roster, submits),
    stats: exerciseStats(roster.exercises, roster.learners, submits, mistakes, tests),
  };
}

export async function classroomGradebook(
  instructor: Actor,
  classroomId: string,
  now = new Date(),
): Promise<{ filename: string; csv: string }> {
  const roster = await rosterOf(instructor, classroomId);
  const [assignments, submits] = await Promise.all([
    classroomAssignments(instructor, classroomId, now),
    roster.learners.length ? classroomSubmissions(instructor, classroomId, { kind: "submit" }) : [],
  ]);
  return { filename: gradebookFilename(roster.classroom.name, now), csv: gradebookCsv(roster, { assignments, submits }) };
}
