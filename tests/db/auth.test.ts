// Accounts through better-auth itself: its API (as server code calls it) and its HTTP handler
// (as the browser does, through app/api/auth/[...all]/route.ts).
import "./helpers";
import { describe, expect, it } from "vitest";
import { auth } from "../../lib/auth";
import { identifyLearner } from "../../lib/grading";
import { getViewer, requireViewer } from "../../lib/viewer";
import { UnauthenticatedError } from "../../lib/domain-errors";
import { prisma } from "./fixtures";

// Tests run the app on random localhost ports: any of them is a valid origin.
const ORIGIN = "http://localhost:43127";

function post(pathname: string, body: unknown, headers: Record<string, string> = {}) {
  return auth.handler(
    new Request(`${ORIGIN}/api/auth${pathname}`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN, ...headers },
      body: JSON.stringify(body),
    }),
  );
}

/** "name=value" pairs of a response's Set-Cookie headers, for the next request's Cookie header. */
function cookieHeader(response: Response): string {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
}

describe("sign-up and sign-in with better-auth", () => {
  it("hashes the password and creates a learner", async () => {
    const { user } = await auth.api.signUpEmail({ body: { email: "new@test.example", password: "correct horse", name: "New Learner" } });
    expect(user.role).toBe("learner");
    const account = await prisma.account.findFirstOrThrow({ where: { userId: user.id, providerId: "credential" } });
    expect(account.password).toBeTruthy();
    expect(account.password).not.toContain("correct horse");
    expect(account.password!.length).toBeGreaterThan(40);

    const signedIn = await auth.api.signInEmail({ body: { email: "new@test.example", password: "correct horse" } });
    expect(signedIn.user.id).toBe(user.id);
    await expect(auth.api.signInEmail({ body: { email: "new@test.example", password: "wrong horse!" } })).rejects.toThrow();
  });

  it("cannot make oneself an instructor at sign-up or later", async () => {
    const attempt = await post("/sign-up/email", { email: "sneaky@test.example", password: "harbor-violet-42", name: "Sneaky", role: "instructor" });
    // better-auth replaces a field with input: false by its default at sign-up.
    expect(attempt.status).toBe(200);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "sneaky@test.example" } })).role).toBe("learner");

    const res = await post("/sign-up/email", { email: "sneaky2@test.example", password: "harbor-violet-42", name: "Sneaky" });
    expect(res.status).toBe(200);
    const update = await post("/update-user", { role: "instructor" }, { cookie: cookieHeader(res) });
    expect(update.status).toBe(400);
    expect(await update.text()).toMatch(/role is not allowed to be set/);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "sneaky2@test.example" } })).role).toBe("learner");
  });

  it("rejects short passwords and duplicate emails", async () => {
    expect((await post("/sign-up/email", { email: "short@test.example", password: "abc", name: "S" })).status).toBe(400);
    expect((await post("/sign-up/email", { email: "dupe@test.example", password: "harbor-violet-42", name: "D" })).status).toBe(200);
    const dupe = await post("/sign-up/email", { email: "dupe@test.example", password: "meadow-copper-57", name: "D2" });
    expect(dupe.ok).toBe(false);
    expect(await prisma.user.count({ where: { email: "dupe@test.example" } })).toBe(1);
  });

  it("sets an HTTP-only SameSite=Lax session cookie that identifies the viewer, until sign-out", async () => {
    const signUp = await post("/sign-up/email", { email: "cookie@test.example", password: "harbor-violet-42", name: "Cookie Learner" });
    expect(signUp.status).toBe(200);
    const setCookie = signUp.headers.getSetCookie().find((c) => c.includes("session_token"));
    expect(setCookie).toBeDefined();
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i); // plain http on localhost; https deployments get Secure

    const headers = new Headers({ cookie: cookieHeader(signUp) });
    const viewer = await getViewer(headers);
    expect(viewer).toMatchObject({ name: "Cookie Learner", email: "cookie@test.example", role: "learner" });

    // A password sign-in from a fresh browser gives a working session too.
    const signIn = await post("/sign-in/email", { email: "cookie@test.example", password: "harbor-violet-42" });
    expect(signIn.status).toBe(200);
    expect((await getViewer(new Headers({ cookie: cookieHeader(signIn) })))?.id).toBe(viewer?.id);

    const signOut = await post("/sign-out", {}, { cookie: headers.get("cookie")! });
    expect(signOut.status).toBe(200);
    expect(await getViewer(headers)).toBeNull();
    await expect(requireViewer(headers)).rejects.toThrow(UnauthenticatedError);
  });

  it("has no viewer without a cookie or with a forged one", async () => {
    expect(await getViewer(new Headers())).toBeNull();
    expect(await getViewer(new Headers({ cookie: "better-auth.session_token=forged.value" }))).toBeNull();
  });

  it("refuses requests from untrusted origins (CSRF)", async () => {
    const res = await post("/sign-up/email", { email: "csrf@test.example", password: "harbor-violet-42", name: "C" });
    const cookie = cookieHeader(res);
    // With the victim's cookie, from another site: refused, session untouched.
    const forged = await post("/update-user", { name: "Hacked" }, { cookie, origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect((await prisma.user.findUniqueOrThrow({ where: { email: "csrf@test.example" } })).name).toBe("C");
    expect(await getViewer(new Headers({ cookie }))).not.toBeNull();
    // A cross-site form navigation that would log the victim into an attacker's account: refused.
    const loginCsrf = await post(
      "/sign-in/email",
      { email: "csrf@test.example", password: "harbor-violet-42" },
      { origin: "https://evil.example", "sec-fetch-site": "cross-site", "sec-fetch-mode": "navigate", "sec-fetch-dest": "document" },
    );
    expect(loginCsrf.status).toBe(403);
    expect(loginCsrf.headers.getSetCookie()).toEqual([]);
  });

  it("the grading route's remembered identity ends at sign-out, even for a copy of the old cookie", async () => {
    const signUp = await post("/sign-up/email", { email: "cached@test.example", password: "harbor-violet-42", name: "Cached" });
    const copied = new Headers({ cookie: cookieHeader(signUp) });
    const viewer = await getViewer(copied);
    // Twice: the second answer comes from what the first one verified.
    for (let i = 0; i < 2; i++) {
      expect(await identifyLearner(copied)).toEqual({ key: `user:${viewer!.id}`, userId: viewer!.id, actor: { id: viewer!.id, role: "learner" } });
    }
    expect((await post("/sign-out", {}, { cookie: copied.get("cookie")! })).status).toBe(200);
    expect(await identifyLearner(copied)).toEqual({ key: "ip:unknown" });
    expect(await getViewer(copied)).toBeNull();
  });

  it("a forged or doubled session cookie never identifies anyone on the grading route", async () => {
    const forged = new Headers({ cookie: "better-auth.session_token=forged.value" });
    expect(await identifyLearner(forged)).toEqual({ key: "ip:unknown" });
    expect(await identifyLearner(forged)).toEqual({ key: "ip:unknown" });
    const signUp = await post("/sign-up/email", { email: "doubled@test.example", password: "harbor-violet-42", name: "Doubled" });
    const real = cookieHeader(signUp);
    await identifyLearner(new Headers({ cookie: real }));
    expect(await identifyLearner(new Headers({ cookie: `better-auth.session_token=forged.value; ${real}` }))).toEqual({ key: "ip:unknown" });
  });
});
