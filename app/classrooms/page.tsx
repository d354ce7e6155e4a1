// Classrooms: a learner joins one with its join code and sees the ones they are in, each with
// its released assignments and their scores (app/_components/LearnerAssignments.tsx); an
// instructor is pointed at the instructor area, where their classrooms are managed.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { JoinClassroomForm } from "@/app/_components/JoinClassroomForm";
import { LearnerAssignments } from "@/app/_components/LearnerAssignments";
import { LocalTime } from "@/app/_components/LocalTime";
import { learnerAssignments } from "@/lib/assignments";
import { listMyClassrooms } from "@/lib/classrooms";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Classrooms" };
export const dynamic = "force-dynamic";

export default async function ClassroomsPage({ searchParams }: { searchParams: Promise<{ code?: string | string[] }> }) {
  const viewer = await getViewer();
  const code = (await searchParams).code;
  const initialCode = typeof code === "string" ? code.slice(0, 32) : "";
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(initialCode ? `/classrooms?code=${encodeURIComponent(initialCode)}` : "/classrooms")}`);
  const mine = await listMyClassrooms(viewer);

  if (mine.role === "instructor") {
    return (
      <div className="page-narrow">
        <h1>Classrooms</h1>
        <p>
          You own {mine.owned.length} classroom{mine.owned.length === 1 ? "" : "s"}. Create classrooms, share their join codes and
          follow your learners in the <Link href="/instructor">instructor area</Link>.
        </p>
      </div>
    );
  }

  const assignments = new Map((await learnerAssignments(viewer)).map((c) => [c.classroomId, c.assignments]));

  return (
    <div className="page-narrow">
      <h1>Classrooms</h1>
      <section aria-labelledby="join-heading" className="panel">
        <h2 id="join-heading">Join a classroom</h2>
        <p className="muted">Your instructor gives you a join code. Once you join, they can follow your progress and see your submissions.</p>
        <JoinClassroomForm initialCode={initialCode} />
      </section>
      <section aria-labelledby="mine-heading">
        <h2 id="mine-heading">Your classrooms</h2>
        {mine.enrolled.length === 0 ? (
          <p className="muted" data-testid="no-classrooms">
            You have not joined a classroom yet.
          </p>
        ) : (
          <ul className="classroom-list" data-testid="my-classrooms">
            {mine.enrolled.map((c) => (
              <li key={c.id}>
                <strong className="classroom-name">{c.name}</strong>
                <span className="muted">
                  {" "}
                  · {c.ownerName} · joined <LocalTime iso={c.joinedAt.toISOString()} />
                </span>
                <LearnerAssignments assignments={assignments.get(c.id) ?? []} />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
