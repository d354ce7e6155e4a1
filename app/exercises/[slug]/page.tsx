// One exercise: the statement (server-rendered Markdown + KaTeX), its signature, examples (with
// their expected outputs) and charts on the left; the editor and results on the right, with a
// draggable divider between. Only publicExercise() data and the visible examples' outputs are
// used: reference code, hidden tests and known mistakes never reach this page. A signed-in
// learner also gets their server draft and their earlier attempts (the History tab), and
// ?from=<submission id> opens one of their past submissions in the editor.
import "katex/dist/katex.min.css";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound, permanentRedirect } from "next/navigation";
import { preload } from "react-dom";
import { PlotsSection } from "@/app/_components/PlotsSection";
import { Splitter } from "@/app/_components/Splitter";
import { Statement } from "@/app/_components/Statement";
import { ValueView } from "@/app/_components/ValueView";
import { Workspace, type WorkspaceExercise } from "@/app/_components/Workspace";
import { monacoAssets } from "@/app/_lib/monaco-assets";
import { MONACO_EARLY_SCRIPT } from "@/app/_lib/monaco-early";
import { toSubmissionRow } from "@/app/_lib/submission-view";
import { describeStep, type Step } from "@/grader/scenarios";
import { callText } from "@/grader/signature-params";
import { decodeWire } from "@/grader/wire";
import { getDraft } from "@/lib/drafts";
import { exampleOutputs } from "@/lib/example-outputs";
import { getPublicExercise, listExerciseSummaries } from "@/lib/exercise-catalogue";
import { formerExercise } from "@/lib/exercise-sync";
import { formatVersion, versionLabels } from "@/lib/exercise-versions";
import { getSubmission, listSubmissions, listSubmissionsOfExercise, type SubmissionDetail } from "@/lib/submissions";
import { getViewer } from "@/lib/viewer";

export const dynamic = "force-dynamic";

interface Props {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ from?: string | string[] }>;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const ex = getPublicExercise((await params).slug);
  return ex ? { title: ex.meta.title, description: ex.meta.summary } : { title: "Exercise not found" };
}

/** One of the viewer's own submissions of this exercise, or null (someone else's is never read). */
async function ownSubmission(viewer: Parameters<typeof getSubmission>[0], id: unknown, slug: string): Promise<SubmissionDetail | null> {
  if (typeof id !== "string" || !id) return null;
  const s = await getSubmission(viewer, id).catch(() => null);
  return s && s.slug === slug ? s : null;
}

export default async function ExercisePage({ params, searchParams }: Props) {
  const { slug } = await params;
  const { from } = await searchParams;
  const ex = getPublicExercise(slug);
  if (!ex) {
    // Decided before anything renders, so a rename answers a real 308 and an unknown slug a 404.
    const former = await formerExercise(slug);
    if (!former) notFound();
    if (former.kind === "renamed") permanentRedirect(`/exercises/${former.slug}${typeof from === "string" && from ? `?from=${encodeURIComponent(from)}` : ""}`);
    return <RemovedExercisePage exerciseId={former.exerciseId} title={former.title} />;
  }

  // The editor's files start downloading with the page, not after hydration (see monaco-assets).
  const monaco = monacoAssets();
  for (const href of monaco.scripts) preload(href, { as: "script" });
  for (const href of monaco.styles) preload(href, { as: "style" });

  const all = listExerciseSummaries();
  const at = all.findIndex((e) => e.slug === slug);
  const prev = at > 0 ? all[at - 1] : null;
  const next = at >= 0 && at < all.length - 1 ? all[at + 1] : null;

  const viewer = await getViewer();
  const [draft, history, opened, outputs] = await Promise.all([
    viewer ? getDraft(viewer, slug) : null,
    viewer ? listSubmissions(viewer, { slug, limit: 100 }) : [],
    viewer ? ownSubmission(viewer, from, slug) : null,
    exampleOutputs(slug),
  ]);
  // Which of the learner's attempts were graded on an older version (marked in the History tab).
  const versions = await versionLabels(history.map((s) => s.versionId));

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
      {/* Starts loading the editor while the page parses; a client-side navigation skips it. */}
      <script dangerouslySetInnerHTML={{ __html: MONACO_EARLY_SCRIPT }} />
      <article className="statement-pane" id="statement-pane" aria-labelledby="exercise-title">
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
            <div className="example" key={c.name} data-example={c.name}>
              <h3>{c.name}</h3>
              {c.steps ? (
                <ScenarioExample steps={c.steps} className={ex.meta.export} results={c.name in outputs ? decodeWire(outputs[c.name]) : undefined} />
              ) : (
              <dl className="test-values">
                <div className="kv kv-call" data-testid="example-call">
                  <dt>call</dt>
                  <dd>
                    <code>{callText(ex.meta.export, ex.meta.params, c.args)}</code>
                  </dd>
                </div>
                {c.args.map((a, i) => (
                  <div className="kv" key={i}>
                    <dt>{ex.meta.params[i] ?? `arg${i + 1}`}</dt>
                    <dd>
                      <ValueView value={a} />
                    </dd>
                  </div>
                ))}
                {c.name in outputs ? (
                  <div className="kv kv-expected" data-testid="example-expected">
                    <dt>returns</dt>
                    <dd>
                      <ValueView value={decodeWire(outputs[c.name])} />
                    </dd>
                  </div>
                ) : null}
              </dl>
              )}
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

      <Splitter
        orientation="vertical"
        cssVar="--statement-width"
        label="Resize the statement and the editor"
        controls="statement-pane"
        defaultPercent={47}
        min={25}
        max={75}
        storageKey="rnn-grader:split:statement"
      />

      <Workspace
        key={ex.slug}
        exercise={workspace}
        signedIn={viewer !== null}
        serverDraft={draft ? { code: draft.code, savedAt: draft.updatedAt.getTime() } : null}
        history={history.map((s) => {
          const v = versions.get(s.versionId);
          return { ...toSubmissionRow(s), ...(v && !v.current ? { olderVersion: formatVersion(v) } : {}) };
        })}
        opened={opened ? { id: opened.id, code: opened.code, kind: opened.kind, createdAt: opened.createdAt.toISOString() } : null}
      />
    </div>
  );
}

/** A removed exercise: says so and lists the viewer's own submissions of it (kept, with their results). */
async function RemovedExercisePage({ exerciseId, title }: { exerciseId: string; title: string }) {
  const viewer = await getViewer();
  const mine = viewer ? await listSubmissionsOfExercise(viewer, exerciseId) : [];
  return (
    <div className="page-wide" data-testid="removed-exercise">
      <h1>{title}</h1>
      <p>This exercise was removed from the course. {viewer ? "Your runs and submits of it are kept, with their results:" : "Sign in to see your runs and submits of it."}</p>
      {mine.length ? (
        <ul>
          {mine.map((s) => (
            <li key={s.id}>
              <Link href={`/submissions/${s.id}`}>
                {s.kind === "submit" ? "Submit" : "Run"} of {s.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC: {s.verdict}, {s.passed}/{s.total} tests
              </Link>
            </li>
          ))}
        </ul>
      ) : viewer ? (
        <p className="muted">You have no submissions of it.</p>
      ) : null}
      <p>
        <Link href="/">Back to the exercises</Link>
      </p>
    </div>
  );
}

/**
 * A scenario example (a class exercise): each step as code with its arguments, and what it
 * returns once the reference's results are known.
 */
function ScenarioExample({ steps, className, results }: { steps: Step[]; className: string; results: unknown }) {
  const values = Array.isArray(results) ? results : undefined;
  return (
    <dl className="test-values" data-testid="scenario-steps">
      {steps.map((s, k) => {
        const args = "new" in s ? s.new : "call" in s ? s.args : [];
        const shows = values && !("new" in s) && !("call" in s && values[k] === undefined);
        return (
          <div className="kv" key={k}>
            <dt>
              <code>{describeStep(s, className)}</code>
            </dt>
            <dd>
              {args.length ? <ValueView value={args.length === 1 ? args[0] : args} /> : null}
              {shows ? (
                <>
                  {" → "}
                  <ValueView value={values[k]} />
                </>
              ) : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
