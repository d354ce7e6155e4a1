// The signed-in learner's own submissions, newest first and a page at a time: when, which
// exercise, Run or Submit, the verdict and how many tests passed. Each opens the stored code and
// per-test results; the list itself reads no code.
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LocalTime } from "@/app/_components/LocalTime";
import { Pagination } from "@/app/_components/Pagination";
import { VersionBadge } from "@/app/_components/VersionBadge";
import { verdictLabel } from "@/app/_lib/submission-view";
import { listExerciseSummaries } from "@/lib/exercise-catalogue";
import { versionLabels } from "@/lib/exercise-versions";
import { listSubmissionPage } from "@/lib/submissions";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "My submissions" };
export const dynamic = "force-dynamic";

export default async function SubmissionsPage({ searchParams }: { searchParams: Promise<{ page?: string | string[] }> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/signin?next=/submissions");
  const { submissions, page, pageCount, total, skip } = await listSubmissionPage(viewer, (await searchParams).page);
  const versions = await versionLabels(submissions.map((s) => s.versionId));
  const titles = new Map(listExerciseSummaries().map((e) => [e.slug, e.title]));

  return (
    <div className="page-wide">
      <h1>My submissions</h1>
      {submissions.length === 0 ? (
        <p className="muted" data-testid="no-submissions">
          Nothing yet. Open an <Link href="/">exercise</Link> and press Run or Submit: every attempt is saved here.
        </p>
      ) : (
        <>
          <p className="muted">
            {total} run{total === 1 ? "" : "s"} and submits, newest first
            {pageCount > 1 ? ` (${skip + 1}–${skip + submissions.length} here)` : ""}. Open one to see its code and every test result.
          </p>
          {/* Scrolls sideways on a phone rather than widening the page; focusable to scroll by keyboard. */}
          <div className="table-scroll" role="region" aria-label="Your submissions" tabIndex={0}>
          <table className="submissions-table" data-testid="submissions-table">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Exercise</th>
                <th scope="col">Kind</th>
                <th scope="col">Verdict</th>
                <th scope="col">Tests passed</th>
                <th scope="col">Exercise version</th>
              </tr>
            </thead>
            <tbody>
              {submissions.map((s) => (
                <tr key={s.id} data-submission-id={s.id} data-slug={s.slug} data-verdict={s.verdict} data-kind={s.kind}>
                  <td>
                    {/* The name starts with the visible time (WCAG 2.5.3), then says what opens. */}
                    <Link href={`/submissions/${s.id}`}>
                      <LocalTime iso={s.createdAt.toISOString()} />
                      <span className="visually-hidden"> — Open the {s.kind} of {titles.get(s.slug) ?? s.slug}</span>
                    </Link>
                  </td>
                  <td>
                    <Link href={`/exercises/${s.slug}`}>{titles.get(s.slug) ?? s.slug}</Link>
                  </td>
                  <td>{s.kind === "submit" ? "Submit" : "Run"}</td>
                  <td>
                    <span className={`verdict-badge verdict-badge-${s.verdict}`}>{verdictLabel(s)}</span>
                  </td>
                  <td className="num">
                    {s.passed}/{s.total}
                  </td>
                  <td>
                    <VersionBadge version={versions.get(s.versionId)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          </div>
          <Pagination
            page={page}
            pageCount={pageCount}
            href={(n) => `/submissions?page=${n}`}
            towardsFirst="Newer"
            towardsLast="Older"
            label="Pages of submissions"
            testId="history-pages"
          />
        </>
      )}
    </div>
  );
}
