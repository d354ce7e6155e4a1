// A classroom's assignments: each with its exercises, release and due times, late policy and
// per-learner extensions, and the form that creates a new one (lib/assignments.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignmentForm } from "@/app/_components/instructor/AssignmentForm";
import { ExtensionForm } from "@/app/_components/instructor/ExtensionForm";
import { LocalTime } from "@/app/_components/LocalTime";
import { classroomAssignments, classroomLearners, describeLatePolicy } from "@/lib/assignments";
import { exerciseColumns, ownedClassroom } from "@/lib/classrooms";
import { NotFoundError } from "@/lib/domain-errors";
import { syncCatalogueToDatabase } from "@/lib/instructor/catalogue-sync";
import { requireInstructorPage } from "../../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Assignments" };

export default async function AssignmentsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireInstructorPage(`/instructor/classrooms/${id}/assignments`);
  let data;
  try {
    await syncCatalogueToDatabase();
    const classroom = await ownedClassroom(viewer, id);
    const [assignments, learners, exercises] = await Promise.all([classroomAssignments(viewer, id), classroomLearners(viewer, id), exerciseColumns()]);
    data = { classroom, assignments, learners, exercises };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const { classroom, assignments, learners, exercises } = data;

  return (
    <div className="instructor-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/instructor">Instructor</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/instructor/classrooms/${classroom.id}`}>{classroom.name}</Link> <span aria-hidden="true">/</span> <span>Assignments</span>
      </nav>
      <h1>Assignments</h1>
      <p className="muted">
        Learners see an assignment from its release time on, with its due time and their score. Scores follow the rules in the
        README (“Scores”): full credit on a pass, partial credit from fixed tests only, the best submit by the due time, late
        policy applied.
      </p>
      {assignments.length === 0 ? (
        <p className="empty-note">No assignments yet.</p>
      ) : (
        <ul className="assignment-list" data-testid="assignments">
          {assignments.map((a) => (
            <li key={a.id} className="panel" data-assignment-id={a.id}>
              <h2 className="assignment-title">{a.title}</h2>
              <p className="muted">
                {a.released ? "Released" : "Releases"} <LocalTime iso={a.releaseAt.toISOString()} /> · due{" "}
                <LocalTime iso={a.dueAt.toISOString()} /> · {describeLatePolicy(a.latePolicy)}
              </p>
              <ol className="assignment-exercises">
                {a.exercises.map((e) => (
                  <li key={e.slug}>
                    {String(e.order).padStart(2, "0")} {e.title}
                  </li>
                ))}
              </ol>
              <ExtensionForm
                classroomId={classroom.id}
                assignmentId={a.id}
                assignmentTitle={a.title}
                dueAtIso={a.dueAt.toISOString()}
                learners={learners}
                extensions={a.extensions.map((x) => ({ learnerId: x.learnerId, name: x.name, dueAtIso: x.dueAt.toISOString() }))}
              />
            </li>
          ))}
        </ul>
      )}
      <AssignmentForm classroomId={classroom.id} exercises={exercises.map(({ slug, title, order }) => ({ slug, title, order }))} />
    </div>
  );
}
