// Shown with HTTP 403 when a signed-in learner opens an instructor page (forbidden() in
// app/instructor/_lib/guard.ts). Says what happened and where to go instead.
import Link from "next/link";

export default function InstructorForbidden() {
  return (
    <div className="page-narrow" data-testid="forbidden">
      <h1>Forbidden: instructors only</h1>
      <p>
        You are signed in with a learner account, and this part of the site is for instructors: it shows classrooms,
        learners&apos; progress and the exercises&apos; hidden tests.
      </p>
      <p>
        If you teach a class, ask the site administrator to make your account an instructor account. Otherwise, your own
        progress is on the exercises page.
      </p>
      <p>
        <Link href="/">Back to the exercises</Link>
      </p>
    </div>
  );
}
