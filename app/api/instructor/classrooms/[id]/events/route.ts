// GET /api/instructor/classrooms/<id>/events → server-sent events for the classroom page: a
// "change" event whenever one of its learners stores a run or submit (lib/instructor/live-feed.ts).
// Instructors only, own classrooms only (404 otherwise); at most LIVE_STREAMS_PER_USER streams
// per instructor and LIVE_STREAMS_MAX in all (429).
import { route } from "@/lib/http/route";
import { classroomLiveStream } from "@/lib/instructor/live-feed";

export const dynamic = "force-dynamic";

export const GET = route<"instructor", { id: string }>({ access: "instructor" }, async ({ viewer, params, request }) => {
  const body = await classroomLiveStream(viewer, params.id, request.signal);
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: the server's gzip would otherwise hold events back until a buffer fills.
      "Cache-Control": "no-cache, no-transform",
      "X-Accel-Buffering": "no",
      Connection: "keep-alive",
    },
  });
});
