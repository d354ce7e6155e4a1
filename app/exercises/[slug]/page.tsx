// One exercise: the statement (server-rendered Markdown + KaTeX), its signature, examples and
// charts on the left; the editor and results on the right. Only publicExercise() data is used:
// reference code, hidden tests and known mistakes never reach this page. A signed-in learner
// also gets their server draft and their earlier attempts (the History tab).
import "katex/dist/katex.min.css";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PlotsSection } from "@/app/_components/PlotsSection";
import { Statement } from "@/app/_components/Statement";
import { ValueView } from "@/app/_components/ValueView";
import { Workspace, type WorkspaceExercise } from "@/app/_components/Workspace";
import { toSubmissionRow } from "@/app/_lib/submission-view";
import { getDraft } from "@/lib/drafts";
import { getPublicExercise, listExerciseSummaries } from "@/lib/exercise-catalogue";
import { listSubmissions } from "@/lib/submissions";
import { getViewer } from "@/lib/viewer";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ slug: string }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ex = getPublicExercise((await params).slug);
  return ex ? { title: ex.meta.title, description: ex.meta.summary } : { title: "Exercise not found" };
}

export default async function ExercisePage({ params }: Props) {
  const { slug } = await params;
  const ex = getPublicExercise(slug);
  if (!ex) notFound();

  const all = listExerciseSummaries();
  const at = all.findIndex((e) => e.slug === slug);
  const prev = at > 0 ? all[at - 1] : null;
  const next = at >= 0 && at < all.length - 1 ? all[at + 1] : null;

  const viewer = await getViewer();
  const [draft, history] = viewer
    ? await Promise.all([getDraft(viewer, slug), listSubmissions(viewer, { slug, limit: 100 })])
    : [null, []];

  const workspace: WorkspaceExercise = {
    slug: ex.slug,
    version: ex.version,
    title: ex.meta.title,
    exportName: ex.meta.export,
    signature: ex.meta.signature,
    params: ex.meta.params,
    starter: ex.starter,
    exampleCount: ex.examples.length,
    hiddenCount: ex.hiddenCount,
    randomCount: ex.randomCount,
  };

  return (
    <div className="exercise-layout">
      <article className="statement-pane" aria-labelledby="exercise-title">
        <nav className="breadcrumb" aria-label="Breadcrumb">
          <Link href="/">Exercises</Link> <span aria-hidden="true">/</span> <span>{String(ex.meta.order).padStart(2, "0")}</span>
        </nav>
        <header className="exercise-header">
          <h1 id="exercise-title">{ex.meta.title}</h1>
          <p className="exercise-meta">
            <span className={`difficulty difficulty-${ex.meta.difficulty}`}>{ex.meta.difficulty}</span>
            {ex.meta.tags.map((t) => (
              <span className="tag" key={t}>
                {t}
              </span>
            ))}
          </p>
        </header>

        <Statement markdown={ex.statement} />

        <section aria-labelledby="signature-heading">
          <h2 id="signature-heading">Signature</h2>
          <pre className="signature">
            <code>{ex.meta.signature}</code>
          </pre>
        </section>

        <section aria-labelledby="examples-heading">
          <h2 id="examples-heading">Examples</h2>
          <p className="muted">
            <strong>Run</strong> checks your function on these {ex.examples.length} examples.{" "}
            <strong>Submit</strong> also runs {ex.hiddenCount} hidden test{ex.hiddenCount === 1 ? "" : "s"}
            {ex.randomCount ? ` and ${ex.randomCount} random ones` : ""}.
          </p>
          {ex.examples.map((c) => (
            <div className="example" key={c.name}>
              <h3>{c.name}</h3>
              <dl className="test-values">
                {c.args.map((a, i) => (
                  <div className="kv" key={i}>
                    <dt>{ex.meta.params[i] ?? `arg${i + 1}`}</dt>
                    <dd>
                      <ValueView value={a} />
                    </dd>
                  </div>
                ))}
              </dl>
            </div>
          ))}
        </section>

        {ex.plots.length > 0 ? (
          <section aria-labelledby="plots-heading">
            <h2 id="plots-heading">Picture it</h2>
            <PlotsSection plots={ex.plots} />
          </section>
        ) : null}

        <nav className="pager" aria-label="Other exercises">
          {prev ? (
            <Link href={`/exercises/${prev.slug}`} rel="prev">
              ← {prev.title}
            </Link>
          ) : (
            <span />
          )}
          {next ? (
            <Link href={`/exercises/${next.slug}`} rel="next">
              {next.title} →
            </Link>
          ) : null}
        </nav>
      </article>

      <Workspace
        key={ex.slug}
        exercise={workspace}
        signedIn={viewer !== null}
        serverDraft={draft ? { code: draft.code, savedAt: draft.updatedAt.getTime() } : null}
        history={history.map(toSubmissionRow)}
      />
    </div>
  );
}
