// One classroom: join code, the progress matrix (learners × exercises, who is stuck), per-exercise
// statistics with charts of the tests failed and the known mistakes matched by the most learners
// (each with the list of those learners), and the gradebook.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CopyButton } from "@/app/_components/instructor/CopyButton";
import { ProgressMatrix } from "@/app/_components/instructor/ProgressMatrix";
import { LiveUpdates } from "@/app/_components/instructor/LiveUpdates";
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
  const names = new Map(matrix.rows.map((r) => [r.id, r.name]));

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
          <Link className="btn" href={`/instructor/classrooms/${classroom.id}/assignments`}>
            Assignments
          </Link>
          <Link className="btn" href={`/instructor/classrooms/${classroom.id}/regrades`}>
            Versions and regrades
          </Link>
          <Link className="btn" href={`/instructor/classrooms/${classroom.id}/settings`}>
            Settings, roster and staff
          </Link>
          <a className="btn" href={`/api/instructor/classrooms/${classroom.id}/gradebook`} download>
            Download gradebook (CSV)
          </a>
          <LiveUpdates classroomId={classroom.id} />
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
          Counts use submits (Run is practice and is not counted): Started is learners who submitted at least once. Median
          submits to solve is over the learners who solved it. Tests and mistakes count learners, not submits, so one learner
          submitting 30 times counts once; open a list to see who.
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
            <ExerciseStatsSection key={s.slug} stats={s} names={names} classroomId={classroom.id} />
          ))}
        </div>
      </section>
    </div>
  );
}

/** The click-through of a chart: each bar's learners, by name, linking to their submissions. */
function WhoList({ items, names, slug, classroomId, testId }: { items: { key: string; label: string; learnerIds: string[]; detail: string }[]; names: Map<string, string>; slug: string; classroomId: string; testId: string }) {
  if (items.length === 0) return null;
  return (
    <ul className="who-list" data-testid={testId}>
      {items.map((item) => (
        <li key={item.key}>
          <details>
            <summary>
              {item.label}: {plural(item.learnerIds.length, "learner")} ({item.detail})
            </summary>
            <ul>
              {item.learnerIds.map((id) => (
                <li key={id}>
                  <Link href={`/instructor/learners/${id}?exercise=${slug}&from=${encodeURIComponent(classroomId)}`}>{names.get(id) ?? id}</Link>
                </li>
              ))}
            </ul>
          </details>
        </li>
      ))}
    </ul>
  );
}

function ExerciseStatsSection({ stats: s, names, classroomId }: { stats: ExerciseStats; names: Map<string, string>; classroomId: string }) {
  const tests = s.failingTests.slice(0, TOP);
  const mistakes = s.mistakes.filter((m) => m.matches > 0).slice(0, TOP);
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
        <div>
          <StatsBarChart
            title="Tests failed by the most learners"
            valueLabel="learners"
            color="#b91c1c"
            data={tests.map((t) => ({
              label: t.name,
              value: t.learners,
              detail: `${t.kind === "visible" ? "example" : t.kind} · ${plural(t.failures, "failed submit")}`,
            }))}
            empty="No failed submits yet."
          />
          <WhoList
            testId="failing-test-learners"
            slug={s.slug}
            classroomId={classroomId}
            names={names}
            items={tests.map((t) => ({ key: t.id ?? `${t.kind}:${t.name}`, label: t.name, learnerIds: t.learnerIds, detail: plural(t.failures, "failed submit") }))}
          />
        </div>
        <div>
          <StatsBarChart
            title="Known mistakes made by the most learners"
            valueLabel="learners"
            color="#a16207"
            data={mistakes.map((m) => ({ label: m.id, value: m.learners, detail: `${plural(m.matches, "submit")}: ${m.description}` }))}
            empty={s.mistakes.length ? "No submit has matched a known mistake yet." : "This exercise lists no known mistakes."}
          />
          <WhoList
            testId="mistake-learners"
            slug={s.slug}
            classroomId={classroomId}
            names={names}
            items={mistakes.map((m) => ({ key: m.id, label: m.id, learnerIds: m.learnerIds, detail: plural(m.matches, "submit") }))}
          />
        </div>
      </div>
    </section>
  );
}
