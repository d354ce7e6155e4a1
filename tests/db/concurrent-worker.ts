// Child process for concurrency.test.ts: records its share of submissions through the real
// recordSubmission (its own Prisma client and SQLite connection), all at once, at START_AT.
import type { GradeMode } from "../../grader/types";
import { prisma } from "../../lib/db";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult } from "./fixtures";

interface Job {
  userId: string;
  slug: string;
  kind: GradeMode;
  passed: number;
  total: number;
}

async function main() {
  const jobs = JSON.parse(process.env.WORKER_JOBS ?? "[]") as Job[];
  const startAt = Number(process.env.START_AT ?? 0);
  await prisma.user.count(); // open the connection before the start line
  await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
  const results = await Promise.allSettled(
    jobs.map((j) =>
      recordSubmission({ id: j.userId, role: "learner" }, { slug: j.slug, kind: j.kind, code: `// ${j.kind}`, result: gradeResult(j.slug, j.kind, j.passed, j.total) }),
    ),
  );
  const failures = results.flatMap((r) => (r.status === "rejected" ? [String(r.reason)] : []));
  process.stdout.write(JSON.stringify({ recorded: results.length - failures.length, failures }));
  await prisma.$disconnect();
}

void main();
