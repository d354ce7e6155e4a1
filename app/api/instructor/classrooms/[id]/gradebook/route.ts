// GET /api/instructor/classrooms/<id>/gradebook → the classroom's gradebook as a CSV download.
// Instructors only, and only for their own classrooms (someone else's is 404, like a made-up id).
import { attachmentDisposition } from "@/lib/instructor/csv";
import { classroomGradebook } from "@/lib/instructor/dashboard";
import { failure, requireInstructor } from "../../../_lib/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  try {
    const instructor = await requireInstructor(request);
    const { filename, csv } = await classroomGradebook(instructor, id);
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": attachmentDisposition(filename),
        "Cache-Control": "no-store",
      },
    });
  } catch (e) {
    return failure(e, "GET gradebook");
  }
}
