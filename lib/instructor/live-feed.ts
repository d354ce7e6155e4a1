// The live feed of one classroom, as server-sent events: an "change" event whenever one of its
// learners stores a run or submit (lib/live.ts), a comment every LIVE_HEARTBEAT_MS so proxies
// keep the connection, and nothing else. The page re-renders itself on each event, at most
// once a second (app/_components/instructor/LiveUpdates.tsx), so 200 learners submitting cost
// one refresh a second per open page, not one per submit.
import { type Actor } from "../actor";
import { ownedClassroom } from "../classrooms";
import { prisma } from "../db";
import { TooManyAttemptsError } from "../domain-errors";
import { listening, reserveStream, subscribe, type LiveChange } from "../live";

export const LIVE_HEARTBEAT_MS = 20_000;
/** How long the browser waits before reconnecting a dropped stream (the SSE "retry" field). */
const RETRY_MS = 2_000;

/**
 * A text/event-stream body for one of the acting instructor's classrooms; anything else is
 * NotFound. Too many open streams → 429. `signal` ends it when the client goes away.
 */
export async function classroomLiveStream(instructor: Actor, classroomId: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
  const classroom = await ownedClassroom(instructor, classroomId);
  const release = reserveStream(instructor.id);
  if (!release) throw new TooManyAttemptsError("Too many live views are open. Close a classroom tab or reload later.", 30);

  const members = new Set(
    (await prisma.enrollment.findMany({ where: { classroomId: classroom.id, removedAt: null }, select: { userId: true } })).map((e) => e.userId),
  );
  const strangers = new Set<string>();
  const encoder = new TextEncoder();
  let cleanup = () => {};

  return new ReadableStream<Uint8Array>({
    start(controller) {
      let closed = false;
      const send = (text: string) => {
        if (closed) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // A learner who joined after the stream opened is looked up once.
      const isMember = async (userId: string): Promise<boolean> => {
        if (members.has(userId)) return true;
        if (strangers.has(userId)) return false;
        const hit = await prisma.enrollment.findFirst({ where: { classroomId: classroom.id, userId, removedAt: null }, select: { id: true } });
        (hit ? members : strangers).add(userId);
        return Boolean(hit);
      };
      const unsubscribe = subscribe((change: LiveChange) => {
        void isMember(change.userId).then(
          (yes) => {
            if (yes) send(`event: change\ndata: ${JSON.stringify({ kind: change.kind, slug: change.slug, at: change.at })}\n\n`);
          },
          () => {},
        );
      });
      const heartbeat = setInterval(() => send(": keep-alive\n\n"), LIVE_HEARTBEAT_MS);
      cleanup = () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe();
        release();
        try {
          controller.close();
        } catch {
          // already closed by the client
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      if (signal.aborted) cleanup();
      // "ready" once changes from every web server reach this stream (PostgreSQL: LISTEN is on).
      const ready = () => send(`retry: ${RETRY_MS}\nevent: ready\ndata: {}\n\n`);
      void listening().then(ready, ready);
    },
    cancel() {
      cleanup();
    },
  });
}
