// The instructor's home: their classrooms (join code, learner count), a form to create one, and
// every exercise with a link to its instructor-only preview.
import type { Metadata } from "next";
import Link from "next/link";
import { CopyButton } from "@/app/_components/instructor/CopyButton";
import { CreateClassroomForm } from "@/app/_components/instructor/CreateClassroomForm";
import { instructorOverview } from "@/lib/instructor/dashboard";
import { requireInstructorPage } from "./_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Instructor dashboard" };

const dateFormat = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export default async function InstructorHome() {
  const viewer = await requireInstructorPage("/instructor");
  const { classrooms, archivedClassrooms, exercises, brokenExercises, pendingExercises } = await instructorOverview(viewer);

  return (
    <div className="instructor-page">
      <h1>Instructor dashboard</h1>
      <p className="muted">Signed in as {viewer.name}. Learners join a classroom with its code, then appear in its progress matrix.</p>
      <p>
        <Link href="/instructor/invitations">Invite a colleague as an instructor</Link>
      </p>

      <section aria-labelledby="classrooms-heading">
        <h2 id="classrooms-heading">Your classrooms</h2>
        {classrooms.length === 0 ? (
          <p className="empty-note">You have no classrooms yet. Create one below and give its join code to your learners.</p>
        ) : (
          <div className="table-scroll">
            <table className="stats-table classrooms-table" data-testid="classrooms">
              <thead>
                <tr>
                  <th scope="col">Classroom</th>
                  <th scope="col">Join code</th>
                  <th scope="col">Learners</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {classrooms.map((c) => (
                  <tr key={c.id} data-classroom-id={c.id}>
                    <th scope="row">
                      <Link href={`/instructor/classrooms/${c.id}`}>{c.name}</Link>
                    </th>
                    <td>
                      <code className="join-code">{c.joinCode}</code>
                      <CopyButton text={c.joinCode} label={`Copy the join code of ${c.name}`} />
                    </td>
                    <td>{c.learnerCount}</td>
                    <td>{dateFormat.format(c.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <CreateClassroomForm />
        {archivedClassrooms.length > 0 ? (
          <>
            <h3 id="archived-heading">Archived classrooms</h3>
            <ul aria-labelledby="archived-heading" data-testid="archived-classrooms">
              {archivedClassrooms.map((c) => (
                <li key={c.id}>
                  <Link href={`/instructor/classrooms/${c.id}`}>{c.name}</Link> ({c.learnerCount} learners; read-only)
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <section aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">Exercises</h2>
        <p className="muted">
          The preview shows the reference solution, every test with its expected value (hidden ones included) and the known
          mistakes, and runs them through the grader. Learners never see it. New folders under <code>exercises/</code> appear
          here on their own; see <code>exercises/README.md</code> to write one.
        </p>
        {brokenExercises.length ? (
          <div className="banner banner-error" role="alert" data-testid="broken-exercises">
            <p>
              <strong>
                {brokenExercises.length} exercise folder{brokenExercises.length === 1 ? " has" : "s have"} problems
              </strong>{" "}
              (run <code>npm run exercises:check</code> for details). Learners keep the last version that passed the check while a folder
              is broken or its new version fails <code>exercises:check</code>; a folder that never loaded is hidden from them.
            </p>
            <ul>
              {brokenExercises.map((m) => (
                <li key={m.slug}>
                  <code>{m.message}</code> —{" "}
                  {m.servedHash ? (
                    <>
                      learners get the last good version <code>{m.servedHash}</code>
                    </>
                  ) : (
                    "hidden from learners"
                  )}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {pendingExercises.length ? (
          <p className="banner banner-info" role="status" data-testid="pending-exercise-checks">
            Checking the new version of {pendingExercises.map((p) => p.slug).join(", ")} (<code>exercises:check</code> without
            mutants, in the background): learners keep the last version that passed until it does. Reload to see the outcome.
          </p>
        ) : null}
        <div className="table-scroll">
          <table className="stats-table" data-testid="exercise-list">
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">Exercise</th>
                <th scope="col">Difficulty</th>
                <th scope="col">Examples</th>
                <th scope="col">Hidden</th>
                <th scope="col">Random per submit</th>
                <th scope="col">Known mistakes</th>
              </tr>
            </thead>
            <tbody>
              {exercises.map((e) => (
                <tr key={e.slug} data-slug={e.slug}>
                  <td>{String(e.order).padStart(2, "0")}</td>
                  <th scope="row">
                    <Link href={`/instructor/exercises/${e.slug}`}>{e.title}</Link>
                    {brokenExercises.some((b) => b.slug === e.slug) ? (
                      <span className="tag tag-warning" data-testid="stale-exercise">
                        {" "}
                        folder broken or rejected: last good version served
                      </span>
                    ) : null}
                  </th>
                  <td>
                    <span className={`difficulty difficulty-${e.difficulty}`}>{e.difficulty}</span>
                  </td>
                  <td>{e.visible}</td>
                  <td>{e.hidden}</td>
                  <td>{e.randomCases}</td>
                  <td>{e.mistakes}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
