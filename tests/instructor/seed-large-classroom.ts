// Seeds a large classroom for measuring the dashboard: N learners (default 200) enrolled with an
// instructor, each with a deterministic mix of runs and submits on every exercise, recorded
// through lib/submissions.ts recordSubmission so progress matches the submissions.
//   DATABASE_URL=file:/tmp/x.db npx tsx tests/instructor/seed-large-classroom.ts [--learners 200]
// Prints the classroom id. Sign in as perf-instructor@example.com / perf-instructor-demo.
// Not a test (no .test.ts): run by hand before timing /instructor/classrooms/<id>.
import { randomUUID } from "node:crypto";
import { loadCatalogue } from "../../grader/exercises";
import { createRng } from "../../grader/rng";
import type { GradeResult, TestResult } from "../../grader/types";
import { auth } from "../../lib/auth";
import { normalizeJoinCode } from "../../lib/classrooms";
import { prisma } from "../../lib/db";
import { syncExercises } from "../../lib/exercise-sync";
import { recordSubmission } from "../../lib/submissions";

const INSTRUCTOR = { email: "perf-instructor@example.com", password: "perf-instructor-demo", name: "Perf Instructor" };
const JOIN_CODE = "PERF-0200";

async function main() {
  const at = process.argv.indexOf("--learners");
  const count = at > 0 ? Number(process.argv[at + 1]) : 200;
  const catalogue = loadCatalogue();
  await syncExercises(catalogue);

  let instructor = await prisma.user.findUnique({ where: { email: INSTRUCTOR.email }, select: { id: true } });
  if (!instructor) instructor = (await auth.api.signUpEmail({ body: INSTRUCTOR })).user;
  await prisma.user.update({ where: { id: instructor.id }, data: { role: "instructor" } });

  const code = normalizeJoinCode(JOIN_CODE);
  const existing = await prisma.classroom.findUnique({ where: { joinCode: code }, select: { id: true } });
  if (existing) {
    console.log(`classroom ${existing.id} already seeded`);
    return;
  }
  const room = await prisma.classroom.create({ data: { name: `Large class (${count})`, joinCode: code, ownerId: instructor.id } });
  const rng = createRng(2026);
  const started = performance.now();
  let submissions = 0;
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    const name = `Learner ${String(i + 1).padStart(3, "0")} ${rng.pick(["Ada", "Bo", "Chen", "Dana", "Émile", "Farah", "Gus", "Hana"])}`;
    await prisma.user.create({ data: { id, name, email: `perf-${i + 1}@test.example`, role: "learner" } });
    await prisma.enrollment.create({ data: { classroomId: room.id, userId: id } });
    const skill = rng.next();
    for (const ex of catalogue.exercises) {
      if (rng.next() > 0.35 + 0.6 * skill) continue; // not started
      const names: [string, TestResult["kind"]][] = [
        ...ex.tests.visible.map((t) => [t.name, "visible"] as [string, TestResult["kind"]]),
        ...ex.tests.hidden.map((t) => [t.name, "hidden"] as [string, TestResult["kind"]]),
        ...Array.from({ length: ex.random ? ex.meta.randomCases : 0 }, (_, k) => [`random #${k + 1}`, "random"] as [string, TestResult["kind"]]),
      ];
      const attempts = rng.int(1, 5);
      for (let a = 0; a < attempts; a++) {
        const solves = a === attempts - 1 && rng.next() < 0.4 + 0.5 * skill;
        const mistake = ex.mistakes.length ? rng.pick(ex.mistakes) : undefined;
        const tests: TestResult[] = names.map(([n, kind]) => {
          const fail = !solves && rng.next() < 0.4;
          return {
            name: n,
            kind,
            hidden: kind === "hidden",
            status: fail ? "fail" : "pass",
            ...(fail && mistake && rng.next() < 0.7 ? { hint: { id: mistake.id, text: mistake.hint } } : {}),
            durationMs: 1,
          };
        });
        const passed = tests.filter((t) => t.status === "pass").length;
        const result: GradeResult = {
          exercise: ex.slug,
          mode: "submit",
          status: passed === tests.length ? "pass" : "fail",
          tests,
          passed,
          total: tests.length,
          seed: rng.int(0, 2 ** 31),
          console: "",
          consoleTruncated: false,
          durationMs: 20,
          timings: { compileMs: 1, isolateMs: 1, runMs: 1, compareMs: 1 },
        };
        const learner = { id, role: "learner" as const };
        const source = `${ex.starter}\n// attempt ${a + 1}${solves ? " (solved)" : ""}\n`;
        if (rng.next() < 0.5) {
          await recordSubmission(learner, { slug: ex.slug, kind: "run", code: source, result: { ...result, mode: "run" } });
          submissions++;
        }
        await recordSubmission(learner, { slug: ex.slug, kind: "submit", code: source, result });
        submissions++;
      }
    }
  }
  console.log(`classroom ${room.id}: ${count} learners, ${submissions} submissions in ${Math.round(performance.now() - started)} ms`);
}

main()
  .catch((e) => {
    console.error(e);
    process.exitCode = 1;
  })
  .finally(() => prisma.$disconnect());
