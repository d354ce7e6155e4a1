// One learner, as their instructor sees them: their runs and submits in time order, a page at a
// time (the newest page first), each with its code, verdict and per-test results (read-only) and
// a diff against their previous attempt at the same exercise. Only the page's submissions are
// read from the database. Only for learners in one of the instructor's classrooms (others: 404).
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { CodeDiffView } from "@/app/_components/instructor/CodeDiffView";
import { CommentForm } from "@/app/_components/instructor/CommentForm";
import { OverrideForm } from "@/app/_components/instructor/OverrideForm";
import { ScoreOverrideLog, ScoreOverrideNote } from "@/app/_components/ScoreOverrideNote";
import { VersionBadge } from "@/app/_components/VersionBadge";
import { SubmissionComments } from "@/app/_components/SubmissionComments";
import { Pagination } from "@/app/_components/Pagination";
import { ResultsPanel } from "@/app/_components/ResultsPanel";
import { learnerSubmissionsForInstructor } from "@/lib/classrooms";
import { NotFoundError, ValidationError } from "@/lib/domain-errors";
import { listExerciseSummaries, getExercise } from "@/lib/exercise-catalogue";
import { commentsFor } from "@/lib/feedback";
import { mayOverrideFor, overrideLogsFor, overridesFor } from "@/lib/score-overrides";
import { versionLabels } from "@/lib/exercise-versions";
import { codeDiff } from "@/lib/instructor/code-diff";
import { asGradeResult } from "@/app/_lib/submission-view";
import { requireInstructorPage } from "../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Learner" };

const timeFormat = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "UTC",
});

const VERDICT = { pass: "✓ pass", fail: "✗ fail", error: "! error" } as const;

interface Props {
  params: Promise<{ learnerId: string }>;
  searchParams: Promise<{ exercise?: string | string[]; from?: string | string[]; page?: string | string[] }>;
}

export default async function LearnerPage({ params, searchParams }: Props) {
  const { learnerId } = await params;
  const query = await searchParams;
  const exercise = typeof query.exercise === "string" && query.exercise ? query.exercise : undefined;
  const from = typeof query.from === "string" && /^[A-Za-z0-9_-]{1,64}$/.test(query.from) ? query.from : undefined;
  const viewer = await requireInstructorPage(`/instructor/learners/${learnerId}${exercise ? `?exercise=${exercise}` : ""}`);

  let data;
  try {
    data = await learnerSubmissionsForInstructor(viewer, learnerId, { ...(exercise ? { slug: exercise } : {}), page: query.page });
  } catch (e) {
    if (e instanceof NotFoundError || e instanceof ValidationError) notFound();
    throw e;
  }
  const { learner, submissions, perExercise, page, pageCount, total, skip } = data;
  const ids = submissions.map((s) => s.id);
  const [comments, overrides, overrideLogs, mayOverride, versions] = await Promise.all([
    commentsFor(viewer, ids),
    overridesFor(viewer, ids),
    overrideLogsFor(viewer, ids),
    mayOverrideFor(viewer, learner.id),
    versionLabels(submissions.map((s) => s.versionId)),
  ]);
  const titles = new Map(listExerciseSummaries().map((e) => [e.slug, `${String(e.order).padStart(2, "0")} ${e.title}`]));
  const titleOf = (slug: string) => titles.get(slug) ?? slug;
  const back = from ? `/instructor/classrooms/${from}` : "/instructor";
  const self = `/instructor/learners/${learner.id}${from ? `?from=${from}` : ""}`;
  const pageHref = (n: number) => `/instructor/learners/${learner.id}?${new URLSearchParams({ ...(exercise ? { exercise } : {}), ...(from ? { from } : {}), page: String(n) })}`;
  // Pages run from the oldest to the newest; the newest is shown first.
  const pager = (
    <Pagination
      page={page}
      pageCount={pageCount}
      href={pageHref}
      towardsFirst="Earlier submissions"
      towardsLast="Later submissions"
      label="Pages of submissions"
      testId="learner-pages"
    />
  );

  return (
    <div className="instructor-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/instructor">Instructor</Link> <span aria-hidden="true">/</span>{" "}
        {from ? (
          <>
            <Link href={back}>Classroom</Link> <span aria-hidden="true">/</span>{" "}
          </>
        ) : null}
        <span>{learner.name}</span>
      </nav>
      <h1>{learner.name}</h1>
      <p className="muted">
        {learner.email} · {total} {exercise ? `submissions on ${titleOf(exercise)}` : "runs and submits"}, oldest first
        {pageCount > 1 ? ` · showing ${skip + 1}–${skip + submissions.length}` : ""}
      </p>

      <nav className="exercise-filter" aria-label="Filter by exercise">
        {exercise ? (
          <Link href={self}>All exercises</Link>
        ) : (
          perExercise.map(({ slug, count }) => (
            <Link key={slug} href={`/instructor/learners/${learner.id}?exercise=${slug}${from ? `&from=${from}` : ""}`}>
              {titleOf(slug)} ({count})
            </Link>
          ))
        )}
      </nav>

      {submissions.length === 0 ? (
        <p className="empty-note">Nothing submitted{exercise ? " for this exercise" : ""} yet.</p>
      ) : null}
      {pager}

      <ol className="submission-list" data-testid="submissions" start={skip + 1}>
        {submissions.map((s, i) => {
          const prev = s.previous;
          const ex = getExercise(s.slug);
          const last = i === submissions.length - 1;
          return (
            <li key={s.id} className={`submission submission-${s.verdict}`} data-submission-id={s.id} data-slug={s.slug} data-verdict={s.verdict}>
              <details open={last}>
                <summary>
                  <span className="submission-kind">{s.kind === "submit" ? "Submit" : "Run"}</span>
                  <span className="submission-title">{titleOf(s.slug)}</span>
                  <span className={`submission-verdict verdict-text-${s.verdict}`}>
                    {VERDICT[s.verdict]} {s.passed}/{s.total}
                  </span>
                  {overrides.has(s.id) ? <span className="submission-override">score set to {Math.round(overrides.get(s.id)!.score * 1000) / 10} %</span> : null}
                  <time dateTime={s.createdAt.toISOString()}>{timeFormat.format(s.createdAt)} UTC</time>
                  <VersionBadge version={versions.get(s.versionId)} />
                </summary>
                <div className="submission-body">
                  {prev ? (
                    <CodeDiffView diff={codeDiff(prev.code, s.code)} label={`Changes since the ${prev.kind} of ${timeFormat.format(prev.createdAt)} UTC`} />
                  ) : (
                    <p className="muted">First attempt at this exercise.</p>
                  )}
                  <h3 className="code-heading">Code</h3>
                  <pre className="code-view" data-testid="submission-code">
                    {s.code}
                  </pre>
                  <ResultsPanel
                    result={asGradeResult(s)}
                    pending={null}
                    requestError={null}
                    params={ex?.meta.params ?? []}
                    exportName={ex?.meta.export ?? ""}
                  />
                  <ScoreOverrideNote override={overrides.get(s.id)} />
                  <ScoreOverrideLog log={overrideLogs.get(s.id)} />
                  {mayOverride && s.kind === "submit" ? <OverrideForm submissionId={s.id} current={overrides.get(s.id)?.score ?? null} /> : null}
                  <SubmissionComments comments={comments.get(s.id) ?? []} heading="Comments" />
                  <CommentForm submissionId={s.id} />
                </div>
              </details>
            </li>
          );
        })}
      </ol>
      {submissions.length > 3 ? pager : null}
    </div>
  );
}

