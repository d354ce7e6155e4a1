// One classroom: join code, the progress matrix (learners × exercises), per-exercise statistics
// with charts of the tests failed and the known mistakes matched most often, and the gradebook.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/app/_components/instructor/CopyButton";
import { ProgressMatrix } from "@/app/_components/instructor/ProgressMatrix";
import { RefreshControl } from "@/app/_components/instructor/RefreshControl";
import { StatsBarChart } from "@/app/_components/instructor/StatsBarChart";
import { NotFoundError } from "@/lib/domain-errors";
import { classroomDashboard } from "@/lib/instructor/dashboard";
import type { ExerciseStats } from "@/lib/instructor/stats";
import { requireInstructorPage } from "../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Classroom" };

const TOP = 8;

function percent(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 100)}%`;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export default async function ClassroomPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireInstructorPage(`/instructor/classrooms/${id}`);
  let dash;
  try {
    dash = await classroomDashboard(viewer, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const { classroom, matrix, stats } = dash;
  const learners = matrix.rows.length;

  return (
    <div className="instructor-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/instructor">Instructor</Link> <span aria-hidden="true">/</span> <span>{classroom.name}</span>
      </nav>
      <header className="classroom-header">
        <div>
          <h1>{classroom.name}</h1>
          <p className="classroom-facts">
            <span>
              Join code <code className="join-code" data-testid="join-code">{classroom.joinCode}</code>
              <CopyButton text={classroom.joinCode} label={`Copy the join code ${classroom.joinCode}`} />
              <CopyButton text={`/join?code=${classroom.joinCode}`} link label="Copy invite link (it fills in the join code)">
                Copy invite link
              </CopyButton>
            </span>
            <span>{plural(learners, "learner")}</span>
          </p>
        </div>
        <div className="classroom-actions">
          <Link className="btn" href={`/instructor/classrooms/${classroom.id}/settings`}>
            Settings, roster and staff
          </Link>
          <a className="btn" href={`/api/instructor/classrooms/${classroom.id}/gradebook`} download>
            Download gradebook (CSV)
          </a>
          <RefreshControl />
        </div>
      </header>

      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">Progress</h2>
        {learners === 0 ? (
          <p className="empty-note">
            No learners yet. Give them the join code <strong>{classroom.joinCode}</strong> (they enter it on the Classrooms
            page after signing up) or the invite link, which fills it in for them.
          </p>
        ) : (
          <ProgressMatrix matrix={matrix} classroomId={classroom.id} />
        )}
      </section>

      <section aria-labelledby="exercises-heading">
        <h2 id="exercises-heading">Exercises</h2>
        <p className="muted section-note">
          Counts use submits (Run is practice and is not counted). Median submits to solve is over the learners who solved it.
        </p>
        <div className="table-scroll">
          <table className="stats-table" data-testid="exercise-stats">
            <thead>
              <tr>
                <th scope="col">Exercise</th>
                <th scope="col">Started</th>
                <th scope="col">Solved</th>
                <th scope="col">Share solved</th>
                <th scope="col">Submits</th>
                <th scope="col">Median submits to solve</th>
              </tr>
            </thead>
            <tbody>
              {stats.map((s) => (
                <tr key={s.slug} data-slug={s.slug}>
                  <th scope="row">
                    <a href={`#stats-${s.slug}`}>
                      {String(s.order).padStart(2, "0")} {s.title}
                    </a>
                  </th>
                  <td>{s.started}</td>
                  <td>{s.solved}</td>
                  <td>{percent(s.shareSolved)}</td>
                  <td>{s.attempts}</td>
                  <td>{s.medianAttemptsToSolve === null ? "–" : s.medianAttemptsToSolve}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {learners > 0 ? (
          <StatsBarChart
            title="Share of the class that solved each exercise"
            valueLabel="% solved"
            max={100}
            color="#15803d"
            data={stats.map((s) => ({
              label: `${String(s.order).padStart(2, "0")} ${s.title}`,
              value: Math.round((s.shareSolved ?? 0) * 100),
              detail: `${s.solved} of ${s.learners} learners`,
            }))}
            empty=""
          />
        ) : null}
        <div className="exercise-stats-list">
          {stats.map((s) => (
            <ExerciseStatsSection key={s.slug} stats={s} />
          ))}
        </div>
      </section>
    </div>
  );
}

function ExerciseStatsSection({ stats: s }: { stats: ExerciseStats }) {
  const errors = Object.entries(s.errors);
  return (
    <section className="exercise-stats" id={`stats-${s.slug}`} data-slug={s.slug} aria-labelledby={`stats-${s.slug}-h`}>
      <h3 id={`stats-${s.slug}-h`}>
        {String(s.order).padStart(2, "0")} {s.title}{" "}
        <Link className="small-link" href={`/instructor/exercises/${s.slug}`}>
          preview
        </Link>
      </h3>
      <p className="muted">
        {plural(s.attempts, "submit")} · {s.solved} of {s.learners} solved ({percent(s.shareSolved)}) · median submits to solve:{" "}
        {s.medianAttemptsToSolve ?? "–"}
        {errors.length ? ` · did not run: ${errors.map(([kind, n]) => `${kind} ${n}`).join(", ")}` : ""}
      </p>
      <div className="chart-pair">
        <StatsBarChart
          title="Tests failed most often"
          valueLabel="failed submits"
          color="#b91c1c"
          data={s.failingTests.slice(0, TOP).map((t) => ({
            label: t.name,
            value: t.failures,
            detail: `${t.kind === "visible" ? "example" : t.kind} · ${plural(t.learners, "learner")}`,
          }))}
          empty="No failed submits yet."
        />
        <StatsBarChart
          title="Known mistakes matched most often"
          valueLabel="submits matching"
          color="#a16207"
          data={s.mistakes
            .filter((m) => m.matches > 0)
            .slice(0, TOP)
            .map((m) => ({ label: m.id, value: m.matches, detail: `${plural(m.learners, "learner")}: ${m.description}` }))}
          empty={s.mistakes.length ? "No submit has matched a known mistake yet." : "This exercise lists no known mistakes."}
        />
      </div>
    </section>
  );
}
