// One of the signed-in learner's own submissions: the code as submitted and the results as they
// were shown then (hidden tests without inputs). Anyone else's id is the ordinary 404 page.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { LocalTime } from "@/app/_components/LocalTime";
import { ResultsPanel } from "@/app/_components/ResultsPanel";
import { asGradeResult, verdictLabel } from "@/app/_lib/submission-view";
import { VersionBadge } from "@/app/_components/VersionBadge";
import { ScoreOverrideNote } from "@/app/_components/ScoreOverrideNote";
import { SubmissionComments } from "@/app/_components/SubmissionComments";
import { NotFoundError } from "@/lib/domain-errors";
import { commentsFor } from "@/lib/feedback";
import { getPublicExercise } from "@/lib/exercise-catalogue";
import { overridesFor } from "@/lib/score-overrides";
import { versionLabels } from "@/lib/exercise-versions";
import { getSubmission, type SubmissionDetail } from "@/lib/submissions";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Submission" };
export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ id: string }>;
}

export default async function SubmissionPage({ params }: Props) {
  const { id } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/submissions/${id}`)}`);
  let submission: SubmissionDetail;
  try {
    submission = await getSubmission(viewer, id);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const exercise = getPublicExercise(submission.slug);
  const [commentMap, overrides, versions] = await Promise.all([commentsFor(viewer, [submission.id]), overridesFor(viewer, [submission.id]), versionLabels([submission.versionId])]);
  const version = versions.get(submission.versionId);
  const comments = commentMap.get(submission.id) ?? [];
  const title = exercise?.meta.title ?? submission.slug;

  return (
    <div className="page-wide submission-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/submissions">My submissions</Link> <span aria-hidden="true">/</span> <span>{title}</span>
      </nav>
      <h1>
        {submission.kind === "submit" ? "Submit" : "Run"} of {title}
      </h1>
      <p className="submission-meta" data-testid="submission-meta">
        <span className={`verdict-badge verdict-badge-${submission.verdict}`}>{verdictLabel(submission)}</span>
        <span>
          {submission.passed}/{submission.total} tests passed
        </span>
        <span>
          <LocalTime iso={submission.createdAt.toISOString()} />
        </span>
        <span>
          Graded on exercise <VersionBadge version={version} />
        </span>
        {exercise ? (
          <>
            <Link href={`/exercises/${submission.slug}?from=${submission.id}`}>Open this code in the editor</Link>
            <Link href={`/exercises/${submission.slug}`}>Open the exercise</Link>
          </>
        ) : (
          <span className="muted">This exercise is no longer offered.</span>
        )}
      </p>
      <ScoreOverrideNote override={overrides.get(submission.id)} />
      <SubmissionComments comments={comments} heading="Feedback from your instructor" />
      {(version && !version.current) || (exercise && exercise.version !== submission.version) ? (
        <p className="muted">The exercise has changed since this was graded; the results below are those of the version you worked on.</p>
      ) : null}
      <div className="submission-columns">
        <section aria-labelledby="code-heading">
          <h2 id="code-heading">Your code</h2>
          <pre className="submission-code" data-testid="submission-code" tabIndex={0} aria-labelledby="code-heading">
            <code>{submission.code}</code>
          </pre>
        </section>
        <section aria-labelledby="stored-results-heading">
          <h2 id="stored-results-heading">Results</h2>
          <ResultsPanel result={asGradeResult(submission)} pending={null} requestError={null} params={exercise?.meta.params ?? []} exportName={exercise?.meta.export ?? "your function"} />
        </section>
      </div>
    </div>
  );
}
