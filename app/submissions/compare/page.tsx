// Two of the signed-in learner's own attempts side by side as a line diff (older → newer):
// /submissions/compare?a=<id>&b=<id>. The History tab links here when two attempts are ticked;
// the form below picks any other pair of attempts at the same exercise. Anyone else's id is the
// ordinary 404 page, like /submissions/<id>.
import "@/app/instructor/instructor.css"; // the diff's styles, shared with the instructor's view
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { CodeDiffView } from "@/app/_components/instructor/CodeDiffView";
import { LocalTime } from "@/app/_components/LocalTime";
import { verdictLabel } from "@/app/_lib/submission-view";
import { getPublicExercise } from "@/lib/exercise-catalogue";
import { codeDiff } from "@/lib/instructor/code-diff";
import { getSubmission, listSubmissions, type SubmissionDetail } from "@/lib/submissions";
import { getViewer } from "@/lib/viewer";

export const metadata: Metadata = { title: "Compare attempts" };
export const dynamic = "force-dynamic";

interface Props {
  searchParams: Promise<{ a?: string | string[]; b?: string | string[] }>;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

function Side({ s, role }: { s: SubmissionDetail; role: string }) {
  return (
    <p className="compare-side">
      <strong>{role}:</strong> <Link href={`/submissions/${s.id}`}>{s.kind === "submit" ? "Submit" : "Run"}</Link> of{" "}
      <LocalTime iso={s.createdAt.toISOString()} />{" "}
      <span className={`verdict-badge verdict-badge-${s.verdict}`}>{verdictLabel(s)}</span> {s.passed}/{s.total}
    </p>
  );
}

export default async function ComparePage({ searchParams }: Props) {
  const q = await searchParams;
  const [idA, idB] = [one(q.a), one(q.b)];
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(`/submissions/compare?a=${encodeURIComponent(idA)}&b=${encodeURIComponent(idB)}`)}`);
  const [a, b] = await Promise.all([idA, idB].map((id) => getSubmission(viewer, id).catch(() => null)));
  if (!a || !b) notFound();
  // Older first, whichever order the link gave.
  const [before, after] = a.createdAt <= b.createdAt ? [a, b] : [b, a];
  const exercise = getPublicExercise(after.slug);
  const title = exercise?.meta.title ?? after.slug;
  const attempts = before.slug === after.slug ? await listSubmissions(viewer, { slug: after.slug, limit: 100 }) : [];
  const diff = codeDiff(before.code, after.code);

  return (
    <div className="page-wide compare-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/submissions">My submissions</Link> <span aria-hidden="true">/</span> <span>Compare</span>
      </nav>
      <h1>Compare two attempts{before.slug === after.slug ? ` at ${title}` : ""}</h1>
      <Side s={before} role="Older" />
      <Side s={after} role="Newer" />
      {exercise ? (
        <p>
          <Link href={`/exercises/${after.slug}?from=${after.id}`}>Open the newer one in the editor</Link> ·{" "}
          <Link href={`/exercises/${before.slug}?from=${before.id}`}>Open the older one in the editor</Link>
        </p>
      ) : null}
      {attempts.length > 2 ? (
        <form className="compare-form" method="get" action="/submissions/compare">
          {(["a", "b"] as const).map((key, i) => (
            <label key={key}>
              {i === 0 ? "Compare" : "with"}{" "}
              <select name={key} defaultValue={i === 0 ? before.id : after.id}>
                {attempts.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.kind === "submit" ? "Submit" : "Run"} · {verdictLabel(s)} {s.passed}/{s.total} · {s.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC
                  </option>
                ))}
              </select>
            </label>
          ))}
          <button type="submit" className="btn btn-small">
            Compare
          </button>
        </form>
      ) : null}
      <section aria-labelledby="diff-heading">
        <h2 id="diff-heading">Changes</h2>
        {diff.added === 0 && diff.removed === 0 && !diff.tooLarge ? (
          <p className="muted" data-testid="same-code">
            The two attempts have the same code.
          </p>
        ) : (
          <CodeDiffView diff={diff} label="Lines removed (−) and added (+) from the older to the newer attempt" />
        )}
      </section>
    </div>
  );
}
