// Accounts made through better-auth's own sign-up handler, so that routes see a real session
// cookie, then given their role in the database (sign-up always makes learners).
import { expect } from "vitest";
import type { Actor } from "../../lib/actor";
import { auth } from "../../lib/auth";
import { prisma } from "../db/fixtures";

export interface Account extends Actor {
  name: string;
  email: string;
  cookie: string;
}

/** Signs `name` up (email derived from it, at `emailDomain`) with origin `origin`, as `role`. */
export async function signedUpAccount(origin: string, emailDomain: string, name: string, role: "learner" | "instructor"): Promise<Account> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}@${emailDomain}`;
  const signUp = await auth.handler(
    new Request(`${origin}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: JSON.stringify({ email, password: "harbor-violet-42", name }),
    }),
  );
  expect(signUp.status).toBe(200);
  const user = await prisma.user.update({ where: { email }, data: { role }, select: { id: true } });
  const cookie = signUp.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  return { id: user.id, role, name, email, cookie };
}
