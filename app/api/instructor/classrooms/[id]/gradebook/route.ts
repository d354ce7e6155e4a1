// GET /api/instructor/classrooms/<id>/gradebook → the classroom's gradebook as a CSV download.
// Instructors only, and only for their own classrooms (someone else's is 404, like a made-up id).
import { route } from "@/lib/http/route";
import { attachmentDisposition } from "@/lib/instructor/csv";
import { classroomGradebook } from "@/lib/instructor/dashboard";

export const dynamic = "force-dynamic";

export const GET = route<"instructor", { id: string }>({ access: "instructor" }, async ({ viewer, params }) => {
  const { filename, csv } = await classroomGradebook(viewer, params.id);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": attachmentDisposition(filename),
      "Cache-Control": "no-store",
    },
  });
});
