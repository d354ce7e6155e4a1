// A classroom's assignments: each with its exercises, release and due times, late policy and
// per-learner extensions, and, for those who may manage the classroom, the forms that create, edit
// and delete them (lib/assignments.ts).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { AssignmentActions } from "@/app/_components/instructor/AssignmentActions";
import { AssignmentForm } from "@/app/_components/instructor/AssignmentForm";
import { ExtensionForm } from "@/app/_components/instructor/ExtensionForm";
import { LocalTime } from "@/app/_components/LocalTime";
import { classroomAssignments, classroomLearners, describeLatePolicy } from "@/lib/assignments";
import { classroomAccess, roleMay } from "@/lib/classroom-access";
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
    const [classroom, access] = await Promise.all([ownedClassroom(viewer, id), classroomAccess(viewer, id)]);
    const [assignments, learners, exercises] = await Promise.all([classroomAssignments(viewer, id), classroomLearners(viewer, id), exerciseColumns()]);
    // TAs see assignments; only those who may manage (and not in an archived classroom) get the forms.
    const mayChange = roleMay(access.role, "manage") && !access.classroom.archivedAt;
    data = { classroom, assignments, learners, exercises, mayChange };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const { classroom, assignments, learners, exercises, mayChange } = data;
  const options = exercises.map(({ slug, title, order }) => ({ slug, title, order }));

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
              {mayChange ? (
                <>
                  <ExtensionForm
                    classroomId={classroom.id}
                    assignmentId={a.id}
                    assignmentTitle={a.title}
                    dueAtIso={a.dueAt.toISOString()}
                    learners={learners}
                    extensions={a.extensions.map((x) => ({ learnerId: x.learnerId, name: x.name, dueAtIso: x.dueAt.toISOString() }))}
                  />
                  <AssignmentActions
                    classroomId={classroom.id}
                    assignment={{
                      id: a.id,
                      title: a.title,
                      exercises: a.exercises.map((e) => e.slug),
                      releaseAtIso: a.releaseAt.toISOString(),
                      dueAtIso: a.dueAt.toISOString(),
                      latePolicy: a.latePolicy,
                    }}
                    // An exercise removed from the catalogue stays choosable in the assignment that has it.
                    exercises={[...options, ...a.exercises.filter((e) => !options.some((o) => o.slug === e.slug))]}
                  />
                </>
              ) : a.extensions.length ? (
                <p className="muted">
                  Extensions: {a.extensions.map((x) => `${x.name} (due ${x.dueAt.toISOString().slice(0, 16).replace("T", " ")} UTC)`).join(", ")}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {mayChange ? <AssignmentForm classroomId={classroom.id} exercises={options} /> : null}
    </div>
  );
}
