// The classroom's live feed (server-sent events) through its route, as Next.js calls it: the
// owner hears a learner's submit within moments, nothing of learners outside the classroom, and
// streams are bounded and released when the client goes away. Refusals as for every route.
import { SLUG_A } from "../db/helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as events } from "../../app/api/instructor/classrooms/[id]/events/route";
import type { Actor } from "../../lib/actor";
import { auth } from "../../lib/auth";
import { createClassroom, joinClassroom } from "../../lib/classrooms";
import { LIVE_STREAMS_PER_USER } from "../../lib/limits";
import { openStreams } from "../../lib/live";
import { recordSubmission } from "../../lib/submissions";
import { gradeResult, makeUser, makeUsers, prisma, syncFixtureExercises } from "../db/fixtures";

const ORIGIN = "http://localhost:43130";

interface Account extends Actor {
  cookie: string;
}

async function account(name: string, role: "learner" | "instructor"): Promise<Account> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}@live.example`;
  const res = await auth.handler(
    new Request(`${ORIGIN}/api/auth/sign-up/email`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email, password: "harbor-violet-42", name }),
    }),
  );
  expect(res.status).toBe(200);
  const user = await prisma.user.update({ where: { email }, data: { role }, select: { id: true } });
  return { id: user.id, role, cookie: res.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ") };
}

function open(id: string, who?: Account, controller = new AbortController()) {
  const request = new Request(`${ORIGIN}/api/instructor/classrooms/${id}/events`, { headers: who ? { cookie: who.cookie } : {}, signal: controller.signal });
  return { response: events(request, { params: Promise.resolve({ id }) }), controller };
}

/**
 * A client going away, as the server sees it: the request is aborted and its response body
 * cancelled. Both, because a Request's own signal follows the signal it was built with only
 * through a weak reference in Node's fetch, so an abort alone can be lost to garbage collection.
 */
async function goAway(o: { controller: AbortController; res: Response }): Promise<void> {
  o.controller.abort();
  await o.res.body?.cancel().catch(() => {});
}

/** Reads the stream until `predicate` holds for the text so far (or the timeout). */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, predicate: (text: string) => boolean, ms = 5_000): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + ms;
  while (!predicate(text) && Date.now() < deadline) {
    const chunk = await Promise.race([reader.read(), new Promise<null>((r) => setTimeout(() => r(null), Math.max(1, deadline - Date.now())))]);
    if (!chunk || chunk.done) break;
    text += decoder.decode(chunk.value, { stream: true });
  }
  return text;
}

let teacher: Account;
let other: Account;
let ada: Account;
let classroomId: string;

beforeAll(async () => {
  await syncFixtureExercises();
  teacher = await account("Live Teacher", "instructor");
  other = await account("Live Other", "instructor");
  ada = await account("Ada Live", "learner");
  const room = await createClassroom(teacher, "Live class");
  classroomId = room.id;
  await joinClassroom(ada, room.joinCode);
});

afterAll(async () => {
  expect(openStreams()).toBe(0);
});

describe("GET /api/instructor/classrooms/<id>/events", () => {
  it("streams a change when a learner of the classroom submits, and nothing for strangers", async () => {
    const { response, controller } = open(classroomId, teacher);
    const res = await response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    expect(res.headers.get("cache-control")).toContain("no-transform");
    const reader = res.body!.getReader();
    expect(await readUntil(reader, (t) => t.includes("event: ready"))).toContain("retry: ");

    const stranger = await makeUser("learner");
    await recordSubmission(stranger, { slug: SLUG_A, kind: "submit", code: "x", result: gradeResult(SLUG_A, "submit", 1, 4) });
    await recordSubmission(ada, { slug: SLUG_A, kind: "submit", code: "x", result: gradeResult(SLUG_A, "submit", 4, 4) });
    const text = await readUntil(reader, (t) => t.includes("event: change"));
    const events = text.split("\n\n").filter((e) => e.startsWith("event: change"));
    expect(events).toHaveLength(1);
    expect(JSON.parse(events[0].split("data: ")[1])).toMatchObject({ kind: "submit", slug: SLUG_A });
    expect(text).not.toContain(stranger.id);

    // A learner who joins after the stream opened is heard too.
    const late = await account("Late Joiner", "learner");
    await joinClassroom(late, (await prisma.classroom.findUniqueOrThrow({ where: { id: classroomId } })).joinCode);
    await recordSubmission(late, { slug: SLUG_A, kind: "run", code: "x", result: gradeResult(SLUG_A, "run", 1, 1) });
    expect(await readUntil(reader, (t) => t.includes('"kind":"run"'))).toContain('"kind":"run"');

    controller.abort();
    await reader.cancel().catch(() => {});
    expect(openStreams()).toBe(0);
  });

  it(`at most ${LIVE_STREAMS_PER_USER} streams per instructor (429), freed when one closes`, async () => {
    const opened = [];
    for (let i = 0; i < LIVE_STREAMS_PER_USER; i++) {
      const o = open(classroomId, teacher);
      const res = await o.response;
      expect(res.status).toBe(200);
      opened.push({ ...o, res });
    }
    const refused = await open(classroomId, teacher).response;
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).not.toBeNull();
    await goAway(opened[0]);
    const again = open(classroomId, teacher);
    const againRes = await again.response;
    expect(againRes.status).toBe(200);
    await goAway({ ...again, res: againRes });
    for (const o of opened.slice(1)) await goAway(o);
    expect(openStreams()).toBe(0);
  });

  it("200 learners submitting at once: every open stream gets every change", async () => {
    const room = await createClassroom(teacher, "Large live class");
    const learners = await makeUsers(200);
    await prisma.enrollment.createMany({ data: learners.map((l) => ({ classroomId: room.id, userId: l.id })) });
    const streams = await Promise.all([0, 1, 2].map(async () => {
      const o = open(room.id, teacher);
      const res = await o.response;
      expect(res.status).toBe(200);
      const reader = res.body!.getReader();
      await readUntil(reader, (t) => t.includes("event: ready"));
      return { ...o, reader };
    }));
    const started = performance.now();
    await Promise.all(learners.map((l) => recordSubmission(l, { slug: SLUG_A, kind: "submit", code: "x", result: gradeResult(SLUG_A, "submit", 1, 4) })));
    const stored = performance.now();
    const count = (t: string) => t.split("event: change").length - 1;
    for (const s of streams) {
      const text = await readUntil(s.reader, (t) => count(t) >= 200, 20_000);
      expect(count(text)).toBe(200);
    }
    // For the record (not a pass mark: the machine is shared).
    console.log(`live: 200 concurrent submits stored in ${Math.round(stored - started)} ms; all 200 events on 3 streams ${Math.round(performance.now() - stored)} ms later`);
    for (const s of streams) {
      s.controller.abort();
      await s.reader.cancel().catch(() => {});
    }
    expect(openStreams()).toBe(0);
    // Storing 200 submits takes a while on a busy machine; the streams are not what waits.
  }, 180_000);

  it("signed out 401, a learner 403, another instructor's classroom 404 like a made-up id", async () => {
    expect((await open(classroomId).response).status).toBe(401);
    expect((await open(classroomId, ada).response).status).toBe(403);
    const theirs = await open(classroomId, other).response;
    const madeUp = await open("made-up", other).response;
    expect(theirs.status).toBe(404);
    expect(await theirs.text()).toBe(await madeUp.text());
    expect(openStreams()).toBe(0);
  });
});
