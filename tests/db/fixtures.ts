// Builders for tests/db: users made directly in the database (fast; tests of sign-up itself go
// through better-auth), and grader results shaped like grader/types.ts GradeResult.
import { randomUUID } from "node:crypto";
import type { GradeMode, GradeResult, TestResult } from "../../grader/types";
import type { Actor, Role } from "../../lib/actor";
import { prisma } from "../../lib/db";
import { syncExercises } from "../../lib/exercise-sync";

export async function makeUser(role: Role = "learner", name = `${role} ${randomUUID().slice(0, 8)}`): Promise<Actor & { name: string; email: string }> {
  const id = randomUUID();
  const email = `${id}@test.example`;
  await prisma.user.create({ data: { id, name, email, role } });
  return { id, role, name, email };
}

export async function makeUsers(n: number, role: Role = "learner"): Promise<Actor[]> {
  const users: Actor[] = [];
  for (let i = 0; i < n; i++) users.push(await makeUser(role, `${role} ${i}`));
  return users;
}

export function gradeResult(
  slug: string,
  mode: GradeMode,
  passed: number,
  total: number,
  extra: Partial<GradeResult> = {},
): GradeResult {
  const tests: TestResult[] = Array.from({ length: total }, (_, i) => ({
    name: `case ${i + 1}`,
    kind: i === 0 ? "visible" : "hidden",
    hidden: i !== 0,
    status: i < passed ? "pass" : "fail",
    ...(i < passed ? {} : { message: `off by 3e-1 at element ${i}`, hint: { id: "no-tanh", text: "Apply tanh." } }),
    durationMs: 1,
  }));
  return {
    exercise: slug,
    mode,
    status: passed === total && total > 0 ? "pass" : "fail",
    tests,
    passed,
    total,
    seed: 3_000_000_000, // above 2^31: must survive storage
    console: "",
    consoleTruncated: false,
    durationMs: 12.4,
    timings: { compileMs: 1, isolateMs: 1, runMs: 1, compareMs: 1 },
    ...extra,
  };
}

export async function syncFixtureExercises() {
  return syncExercises();
}

export { prisma };
