// Brute force and bounds, on a real database: the stored backoff (exact under concurrency,
// forgotten after a while), join codes limited per learner and per address, sign-in backoff per
// account and per address through better-auth's own handler, the password policy and the
// bounds on names, emails, classroom names and code. The black-box versions (a real server,
// a restart in between) are in tests/web/attacks.test.ts.
import { SLUG_A } from "./helpers";
import { randomUUID } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import * as authRoute from "../../app/api/auth/[...all]/route";
import { createClassroom, joinClassroom } from "../../lib/classrooms";
import { TooManyAttemptsError, ValidationError } from "../../lib/domain-errors";
import { saveDraft } from "../../lib/drafts";
import { CLIENT_ADDRESS_HEADER, trustClientAddressHeader } from "../../lib/http/client-address";
import { PERSON_NAME_MAX_LENGTH } from "../../lib/limits";
import { passwordProblem } from "../../lib/password-policy";
import {
  backoffFor,
  backoffWait,
  clearBackoff,
  forgiveAttempt,
  JOIN_CODE_PER_ADDRESS,
  JOIN_CODE_PER_LEARNER,
  recordFailure,
  SIGN_IN_PER_ACCOUNT,
  takeAttempt,
  type BackoffPolicy,
} from "../../lib/rate-limit";
import { makeUser, prisma, syncFixtureExercises } from "./fixtures";

const ORIGIN = "http://localhost:43130";
const STRONG = "amber-tundra-violin-8";

// As the app's server does before any request (lib/http/server.ts).
trustClientAddressHeader();

beforeAll(async () => {
  await syncFixtureExercises();
});
afterEach(() => {
  vi.unstubAllEnvs();
});

function auth(pathname: string, body: unknown, headers: Record<string, string> = {}) {
  return authRoute.POST(
    new Request(`${ORIGIN}/api/auth${pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, [CLIENT_ADDRESS_HEADER]: "192.0.2.1", ...headers },
      body: JSON.stringify(body),
    }),
  );
}

async function signUp(name: string, password = STRONG, email = `person-${randomUUID().slice(0, 8)}@test.example`) {
  const res = await auth("/sign-up/email", { email, password, name });
  return { res, email, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

/** Time stands still in a block: what is tested is the count, never how fast the machine is. */
function freezeTime() {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

describe("backoff arithmetic", () => {
  const policy: BackoffPolicy = { freeFailures: 3, firstDelaySeconds: 2, maxDelaySeconds: 60, forgetAfterSeconds: 3600 };
  const at = (s: number) => new Date(1_000_000 + s * 1000);

  it("lets the free failures through, then doubles the wait up to the cap", () => {
    expect(backoffWait(policy, null, at(0))).toBe(0);
    expect(backoffWait(policy, { failures: 2, lastFailureAt: at(0) }, at(0))).toBe(0);
    expect(backoffWait(policy, { failures: 3, lastFailureAt: at(0) }, at(0))).toBe(2);
    expect(backoffWait(policy, { failures: 4, lastFailureAt: at(0) }, at(0))).toBe(4);
    expect(backoffWait(policy, { failures: 5, lastFailureAt: at(0) }, at(1))).toBe(7);
    expect(backoffWait(policy, { failures: 30, lastFailureAt: at(0) }, at(0))).toBe(60);
    expect(backoffWait(policy, { failures: 30, lastFailureAt: at(0) }, at(60))).toBe(0);
  });

  it("forgets a key after a quiet while", () => {
    expect(backoffWait(policy, { failures: 30, lastFailureAt: at(0) }, at(3600))).toBe(0);
  });
});

describe("stored backoff", () => {
  freezeTime();
  const policy: BackoffPolicy = { freeFailures: 5, firstDelaySeconds: 30, maxDelaySeconds: 600, forgetAfterSeconds: 3600 };

  it("lets exactly the free attempts through when they all arrive at once", async () => {
    const key = `test:${randomUUID()}`;
    const waits = await Promise.all(Array.from({ length: 20 }, () => takeAttempt(key, policy)));
    expect(waits.filter((w) => w === 0)).toHaveLength(5);
    expect(waits.filter((w) => w > 0).every((w) => w === policy.firstDelaySeconds)).toBe(true);
    expect(await prisma.backoff.findUniqueOrThrow({ where: { key } })).toMatchObject({ failures: 5 });
  });

  it("forgives an attempt that went well, and forgets everything on clear", async () => {
    const key = `test:${randomUUID()}`;
    for (let i = 0; i < 5; i++) expect(await takeAttempt(key, policy)).toBe(0);
    await forgiveAttempt(key);
    expect(await takeAttempt(key, policy)).toBe(0);
    expect(await backoffFor(key, policy)).toBeGreaterThan(0);
    await clearBackoff(key);
    expect(await backoffFor(key, policy)).toBe(0);
    expect(await prisma.backoff.count({ where: { key } })).toBe(0);
  });

  it("counts again from zero once a key has been quiet long enough", async () => {
    const key = `test:${randomUUID()}`;
    const long_ago = new Date(Date.now() - 2 * 3600 * 1000);
    await prisma.backoff.create({ data: { key, failures: 40, lastFailureAt: long_ago } });
    expect(await backoffFor(key, policy)).toBe(0);
    await recordFailure(key, policy);
    expect(await prisma.backoff.findUniqueOrThrow({ where: { key } })).toMatchObject({ failures: 1 });
  });
});

describe("join codes", () => {
  freezeTime();
  it("a learner guessing codes must wait after 10 wrong ones, even for the right code", async () => {
    const teacher = await makeUser("instructor");
    const room = await createClassroom(teacher, "Guessed");
    const guesser = await makeUser("learner");
    for (let i = 0; i < JOIN_CODE_PER_LEARNER.freeFailures; i++) {
      await expect(joinClassroom(guesser, `WXYZ${"ABCDEFGHJK"[i]}ZZZ`, { clientAddress: `198.51.100.${i}` })).rejects.toMatchObject({ status: 404 });
    }
    const blocked = await joinClassroom(guesser, room.joinCode).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(TooManyAttemptsError);
    expect((blocked as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThan(0);
    expect((blocked as TooManyAttemptsError).message).toMatch(/try again in/i);
    expect(await prisma.enrollment.count({ where: { userId: guesser.id } })).toBe(0);
  });

  it("a right code costs nothing, and never wipes the count of wrong ones", async () => {
    const teacher = await makeUser("instructor");
    const room = await createClassroom(teacher, "Known");
    const learner = await makeUser("learner");
    for (let i = 0; i < 20; i++) await joinClassroom(learner, room.joinCode);
    for (let i = 0; i < JOIN_CODE_PER_LEARNER.freeFailures; i++) await expect(joinClassroom(learner, `QQQQ${"ABCDEFGHJK"[i]}QQQ`)).rejects.toMatchObject({ status: 404 });
    await expect(joinClassroom(learner, room.joinCode)).rejects.toBeInstanceOf(TooManyAttemptsError);
  });

  it("many learners guessing from one address are limited together", async () => {
    const address = `203.0.113.${Math.floor(Math.random() * 200)}`;
    for (let i = 0; i < JOIN_CODE_PER_ADDRESS.freeFailures; i++) {
      const learner = await makeUser("learner");
      await expect(joinClassroom(learner, `MMMM${String(1000 + i).replace(/[01]/g, "M")}`, { clientAddress: address })).rejects.toMatchObject({ status: 404 });
    }
    const fresh = await makeUser("learner");
    await expect(joinClassroom(fresh, "NNNNPPPP", { clientAddress: address })).rejects.toBeInstanceOf(TooManyAttemptsError);
    // Elsewhere the same learner is fine.
    await expect(joinClassroom(fresh, "NNNNPPPP", { clientAddress: "192.0.2.77" })).rejects.toMatchObject({ status: 404 });
  });
});

describe("sign-in backoff", () => {
  freezeTime();
  it("an account is locked for a while after 5 wrong passwords, from any address; others are not", async () => {
    const { email, res } = await signUp("Victim");
    expect(res.status).toBe(200);
    const other = await signUp("Bystander");
    for (let i = 0; i < SIGN_IN_PER_ACCOUNT.freeFailures; i++) {
      expect((await auth("/sign-in/email", { email, password: `wrong-${i}-guess` }, { [CLIENT_ADDRESS_HEADER]: `198.18.0.${i + 1}` })).status).toBe(401);
    }
    const locked = await auth("/sign-in/email", { email, password: STRONG }, { [CLIENT_ADDRESS_HEADER]: "198.18.1.1" });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await locked.json()) as { message: string }).message).toMatch(/wrong passwords for this account.*Try again in/);
    // The same email in another case is the same account.
    expect((await auth("/sign-in/email", { email: email.toUpperCase(), password: STRONG })).status).toBe(429);
    expect((await auth("/sign-in/email", { email: other.email, password: STRONG }, { [CLIENT_ADDRESS_HEADER]: "198.18.1.2" })).status).toBe(200);
  });

  it("a right password ends an account's backoff", async () => {
    const { email } = await signUp("Typo");
    for (let i = 0; i < 3; i++) await auth("/sign-in/email", { email, password: `typo-${i}-x` });
    expect((await auth("/sign-in/email", { email, password: STRONG })).status).toBe(200);
    expect(await prisma.backoff.count({ where: { key: `sign-in-account:${email.toLowerCase()}` } })).toBe(0);
  });

  it("an address with many failures on any accounts must wait, whichever account it tries next", async () => {
    vi.stubEnv("SIGNIN_FREE_FAILURES_PER_ADDRESS", "3");
    const address = "198.19.7.7";
    for (let i = 0; i < 3; i++) {
      expect((await auth("/sign-in/email", { email: `nobody-${randomUUID()}@test.example`, password: "sprayed-password-1" }, { [CLIENT_ADDRESS_HEADER]: address })).status).toBe(401);
    }
    const real = await signUp("Sprayed");
    const res = await auth("/sign-in/email", { email: real.email, password: STRONG }, { [CLIENT_ADDRESS_HEADER]: address });
    expect(res.status).toBe(429);
    expect(((await res.json()) as { message: string }).message).toMatch(/from this network/);
    expect((await auth("/sign-in/email", { email: real.email, password: STRONG }, { [CLIENT_ADDRESS_HEADER]: "198.19.7.8" })).status).toBe(200);
  });
});

describe("password policy", () => {
  it("refuses the commonest weak passwords and ones built from the person's own details", () => {
    for (const weak of ["aaaaaaaa", "password", "password1", "12345678", "qwertyuiop", "iloveyou", "P@ssw0rd", "abcdefgh", "11111111", "Password123"]) {
      expect(passwordProblem(weak), weak).toMatch(/too easy to guess/);
    }
    expect(passwordProblem("ada.lovelace1815", { email: "ada.lovelace1815@example.org", name: "Ada Lovelace" })).toMatch(/too easy to guess/);
    expect(passwordProblem("short")).toMatch(/too short/);
    expect(passwordProblem("x".repeat(200))).toMatch(/too long/);
  });

  it("accepts passphrases and random strings", () => {
    for (const fine of [STRONG, "correct horse battery", "Tr0ub4dor&3", "k8#Vq2!mLp", "learner-demo", "instructor-demo"]) expect(passwordProblem(fine), fine).toBeNull();
  });

  it("is applied at sign-up with a message saying why", async () => {
    const { res, email } = await signUp("Weak", "aaaaaaaa");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "PASSWORD_TOO_WEAK", message: expect.stringMatching(/repeats a character/) });
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("and to a changed password", async () => {
    const { cookie } = await signUp("Changer");
    const res = await auth("/change-password", { currentPassword: STRONG, newPassword: "password1" }, { cookie });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { code: string }).code).toBe("PASSWORD_TOO_WEAK");
  });
});

describe("bounds on names and other strings", () => {
  it("a name over the limit, blank, or with control characters is refused at sign-up and on update", async () => {
    for (const [name, code] of [
      ["N".repeat(PERSON_NAME_MAX_LENGTH + 1), "NAME_TOO_LONG"],
      ["   ", "NAME_REQUIRED"],
      ["Ann\nSmith", "INVALID_NAME"],
      ["Ann\u202Etxt.exe", "INVALID_NAME"],
    ]) {
      const { res, email } = await signUp(name);
      expect(res.status, JSON.stringify(name)).toBe(400);
      expect(((await res.json()) as { code: string }).code).toBe(code);
      expect(await prisma.user.count({ where: { email } })).toBe(0);
    }
    const ok = await signUp("Zoë 李 \u{1F469}\u200D\u{1F4BB}");
    expect(ok.res.status).toBe(200);
    const update = await auth("/update-user", { name: "N".repeat(PERSON_NAME_MAX_LENGTH + 1) }, { cookie: ok.cookie });
    expect(update.status).toBe(400);
    const image = await auth("/update-user", { image: `https://x.example/${"a".repeat(5000)}` }, { cookie: ok.cookie });
    expect(image.status).toBe(400);
  });

  it("classroom names are bounded and readable", async () => {
    const teacher = await makeUser("instructor");
    await expect(createClassroom(teacher, "C".repeat(101))).rejects.toBeInstanceOf(ValidationError);
    await expect(createClassroom(teacher, "Evil\u202Eclass")).rejects.toBeInstanceOf(ValidationError);
    await expect(createClassroom(teacher, "Line\nbreak")).rejects.toBeInstanceOf(ValidationError);
  });

  it("join codes as typed are bounded before anything is looked up", async () => {
    const learner = await makeUser("learner");
    await expect(joinClassroom(learner, "A".repeat(10_000))).rejects.toBeInstanceOf(ValidationError);
  });

  it("code with a lone surrogate never reaches the database, even from a domain caller", async () => {
    const learner = await makeUser("learner");
    await expect(saveDraft(learner, { slug: SLUG_A, code: "// \ud800" })).rejects.toBeInstanceOf(ValidationError);
  });
});
