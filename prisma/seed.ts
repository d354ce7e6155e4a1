// Demo data, only when asked for (`--demo` or SEED_DEMO=1; scripts/demo-choice.mjs also turns it
// on for the first start of a local install), idempotent (running it twice changes nothing):
//   instructor@example.com / instructor-demo  (role instructor) owning "Demo classroom", code DEMO-RNN
//   learner@example.com    / learner-demo     (role learner) enrolled in it
// Users are created through better-auth so their passwords are hashed by the library.
// Run by scripts/db-setup.mjs (`npm run db:setup`, and `npm start`) unless everything it makes is
// already there. Without the demo it still turns on WAL and syncs exercises/.
import { auth } from "../lib/auth";
import { demoChoice, demoNotice } from "../scripts/demo-choice.mjs";
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
    `db: ${db.journalMode === "postgresql" ? "PostgreSQL" : `journal_mode=${db.journalMode}, busy_timeout=${db.busyTimeoutMs} ms`}; ` +
      `${sync.exercises.length} exercises synced (${sync.created.length} new, ${sync.newVersions.length} new versions)`,
  );
  for (const error of sync.errors) console.warn(`db: skipped exercise folder: ${error}`);
  const args = process.argv.slice(2);
  // scripts/db-setup.mjs decides about a first start and says so; run alone, only the flag counts.
  const choice = demoChoice({ env: process.env, args, firstStart: false });
  const reason = args.find((a) => a.startsWith("--demo-reason="))?.slice("--demo-reason=".length) ?? choice.reason;
  if (!choice.seed) {
    console.log(
      `db: no demo accounts made (${choice.reason === "refused" ? "SEED_DEMO=0" : "not asked for: --demo or SEED_DEMO=1"}); ` +
        'create an instructor with `npm run account:create-instructor -- --email you@example.org --name "Your Name"`',
    );
    return;
  }
  const report = await seedDemo();
  console.log(report.created.length ? `db: created ${report.created.join(", ")}` : "db: demo data already present");
  console.log(demoNotice(DEMO, reason));
}

if (process.argv[1] && /seed\.[cm]?[jt]s$/.test(process.argv[1])) {
  main()
    .catch((e) => {
      console.error(e);
      process.exitCode = 1;
    })
    .finally(() => prisma.$disconnect());
}
