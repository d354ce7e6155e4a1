// Demo data for a fresh install, idempotent (running it twice changes nothing):
//   instructor@example.com / instructor-demo  (role instructor) owning "Demo classroom", code DEMO-RNN
//   learner@example.com    / learner-demo     (role learner) enrolled in it
// Users are created through better-auth so their passwords are hashed by the library.
// Run by scripts/db-setup.mjs (`npm run db:setup`, and `npm start`) unless everything it makes is
// already there; SKIP_DEMO_SEED=1 skips the demo accounts.
import { auth } from "../lib/auth";
import { normalizeJoinCode } from "../lib/classrooms";
import { prepareDatabase, prisma } from "../lib/db";
import { syncExercises } from "../lib/exercise-sync";
import demo from "./demo.json";

// In a JSON file so scripts/db-setup.mjs can tell, without loading this file, that it has nothing to do.
export const DEMO: Readonly<typeof demo> = demo;

export interface SeedReport {
  created: string[];
}

async function ensureUser(
  who: { email: string; password: string; name: string },
  role: "learner" | "instructor",
  report: SeedReport,
): Promise<string> {
  let user = await prisma.user.findUnique({ where: { email: who.email }, select: { id: true, role: true } });
  if (!user) {
    const { user: created } = await auth.api.signUpEmail({ body: { email: who.email, password: who.password, name: who.name } });
    user = { id: created.id, role: "learner" };
    report.created.push(`user ${who.email}`);
  }
  // Sign-up always makes learners (role has input: false); promotion happens only here.
  if (user.role !== role) await prisma.user.update({ where: { id: user.id }, data: { role } });
  return user.id;
}

/** Creates whatever of the demo instructor, learner, classroom and enrolment is missing. */
export async function seedDemo(): Promise<SeedReport> {
  const report: SeedReport = { created: [] };
  const instructorId = await ensureUser(DEMO.instructor, "instructor", report);
  const learnerId = await ensureUser(DEMO.learner, "learner", report);
  const joinCode = normalizeJoinCode(DEMO.classroom.joinCode);
  let classroom = await prisma.classroom.findUnique({ where: { joinCode }, select: { id: true } });
  if (!classroom) {
    classroom = await prisma.classroom.create({
      data: { name: DEMO.classroom.name, joinCode, ownerId: instructorId },
      select: { id: true },
    });
    report.created.push(`classroom ${DEMO.classroom.name}`);
  }
  const key = { classroomId_userId: { classroomId: classroom.id, userId: learnerId } };
  if (!(await prisma.enrollment.findUnique({ where: key, select: { id: true } }))) {
    await prisma.enrollment.create({ data: { classroomId: classroom.id, userId: learnerId } });
    report.created.push(`enrolment of ${DEMO.learner.email}`);
  }
  return report;
}

async function main() {
  const db = await prepareDatabase();
  const sync = await syncExercises();
  console.log(
    `db: journal_mode=${db.journalMode}, busy_timeout=${db.busyTimeoutMs} ms; ` +
      `${sync.exercises.length} exercises synced (${sync.created.length} new, ${sync.newVersions.length} new versions)`,
  );
  for (const error of sync.errors) console.warn(`db: skipped exercise folder: ${error}`);
  if (process.env.SKIP_DEMO_SEED === "1") {
    console.log("db: SKIP_DEMO_SEED=1, no demo accounts");
    return;
  }
  const report = await seedDemo();
  console.log(report.created.length ? `db: created ${report.created.join(", ")}` : "db: demo data already present");
  console.log(
    `db: demo instructor ${DEMO.instructor.email} / ${DEMO.instructor.password}; ` +
      `demo learner ${DEMO.learner.email} / ${DEMO.learner.password}; classroom "${DEMO.classroom.name}" join code ${DEMO.classroom.joinCode}`,
  );
}

if (process.argv[1] && /seed\.[cm]?[jt]s$/.test(process.argv[1])) {
  main()
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
