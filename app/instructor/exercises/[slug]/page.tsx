// Instructor-only preview of one exercise: the reference solution, every test with its input and
// expected value (hidden and sample random cases included, computed by running the reference),
// the known mistakes with their hints and the tests that catch them, and a live grader run.
import "katex/dist/katex.min.css";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { LiveCheckPanel } from "@/app/_components/instructor/LiveCheckPanel";
import { Statement } from "@/app/_components/Statement";
import { ValueView } from "@/app/_components/ValueView";
import { decodeWire } from "@/grader/wire";
import { NotFoundError } from "@/lib/domain-errors";
import { exerciseProblems } from "@/lib/exercise-catalogue";
import { exercisePreview, mutationModeOf } from "@/lib/instructor/preview";
import { requireInstructorPage } from "../../_lib/guard";
import { MutationSection } from "./mutation-section";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Exercise preview" };

/** 1e-6 rather than 0.000001. */
function formatTolerance(x: number): string {
  return x !== 0 && Math.abs(x) < 1e-3 ? x.toExponential() : String(x);
}

const KIND_LABEL = { visible: "example", hidden: "hidden", random: "random sample" } as const;

export default async function ExercisePreviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ mutants?: string | string[] }>;
}) {
  const { slug } = await params;
  const mutationMode = mutationModeOf((await searchParams).mutants);
  const viewer = await requireInstructorPage(`/instructor/exercises/${slug}`);
  let ex;
  try {
    ex = await exercisePreview(viewer, slug);
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const { meta } = ex;
  const problem = exerciseProblems().find((p) => p.slug === ex.slug);
  const catching = (id: string) => ex.cases.filter((c) => c.caughtMistakes.includes(id)).map((c) => c.name);

  return (
    <div className="instructor-page exercise-preview">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/instructor">Instructor</Link> <span aria-hidden="true">/</span> <span>Exercise {String(meta.order).padStart(2, "0")}</span>
      </nav>
      <header>
        <h1>{meta.title}</h1>
        <p className="exercise-meta">
          <span className={`difficulty difficulty-${meta.difficulty}`}>{meta.difficulty}</span>
          {meta.tags.map((t) => (
            <span className="tag" key={t}>
              {t}
            </span>
          ))}
          <span className="tag">
            version <code>{ex.version}</code>
          </span>
          <Link href={`/exercises/${ex.slug}`}>Open as a learner</Link>
        </p>
        <p className="muted">{meta.summary}</p>
      </header>
      {problem ? (
        <div className="banner banner-error" role="alert" data-testid="exercise-problem">
          <p>
            <strong>The folder on disk does not load, so learners keep the last good version</strong> (shown below,{" "}
            <code>{problem.servedHash}</code>) until it is fixed. Run <code>npm run exercises:check</code>:
          </p>
          <p>
            <code>{problem.message}</code>
          </p>
        </div>
      ) : null}

      <dl className="preview-facts">
        <div>
          <dt>Folder</dt>
          <dd>
            <code>exercises/{ex.slug}/</code>
          </dd>
        </div>
        <div>
          <dt>Export</dt>
          <dd>
            <code>{meta.export}</code>
          </dd>
        </div>
        <div>
          <dt>Tolerance</dt>
          <dd>
            rtol {formatTolerance(meta.tolerance.rtol)}, atol {formatTolerance(meta.tolerance.atol)}
          </dd>
        </div>
        <div>
          <dt>Random cases per submit</dt>
          <dd>{ex.randomCasesPerSubmit}</dd>
        </div>
      </dl>
      <pre className="signature">{meta.signature}</pre>

      <section aria-labelledby="live-heading">
        <h2 id="live-heading">Run through the grader</h2>
        <p className="muted">
          Grades each file as a Submit in the real grader, exactly as a learner&apos;s code would be, on the same random cases.
        </p>
        <LiveCheckPanel slug={ex.slug} params={meta.params} exportName={meta.export} items={ex.liveItems} />
      </section>

      <section aria-labelledby="mutation-heading">
        <h2 id="mutation-heading">Mutation analysis</h2>
        <p className="muted">
          Small changes to the reference (an operator swapped, a constant nudged, a statement removed, a robust formula made
          naive…), each graded as a Submit against every test over several seeds. A mutant that passes is a mistake these
          tests cannot see.
        </p>
        <Suspense
          fallback={
            <p className="muted" role="status">
              Grading the mutants of reference.ts…
            </p>
          }
        >
          <MutationSection viewer={viewer} slug={ex.slug} mode={mutationMode} />
        </Suspense>
      </section>

      <section aria-labelledby="reference-heading">
        <h2 id="reference-heading">Reference solution</h2>
        <pre className="code-view" data-testid="reference-code">
          {ex.reference}
        </pre>
      </section>

      <section aria-labelledby="tests-heading">
        <h2 id="tests-heading">Tests and expected values</h2>
        <p className="muted">
          Expected values come from running <code>reference.ts</code>, as the grader does. Hidden tests run on Submit only;
          learners see their names but never their inputs or expected values. Random cases are fresh on every submit: the
          ones below are samples from seed {ex.randomSeed}.
        </p>
        {ex.casesError ? (
          <p className="banner banner-error" role="alert">
            {ex.casesError}
          </p>
        ) : null}
        <ol className="tests preview-tests" data-testid="preview-tests">
          {ex.cases.map((c) => (
            <li key={`${c.kind}-${c.name}`} className={`test ${c.error ? "test-error" : ""}`} data-kind={c.kind}>
              <div className="test-head">
                <span className="test-name">{c.name}</span>
                <span className={`tag tag-${c.kind}`}>{KIND_LABEL[c.kind]}</span>
              </div>
              <dl className="test-values">
                {c.input.map((v, i) => (
                  <div className="kv" key={i}>
                    <dt>{meta.params[i] ?? `arg${i + 1}`}</dt>
                    <dd>
                      <ValueView value={decodeWire(v)} />
                    </dd>
                  </div>
                ))}
                {c.error ? (
                  <div className="kv kv-expected">
                    <dt>expected</dt>
                    <dd className="field-error">{c.error}</dd>
                  </div>
                ) : c.throws ? (
                  <div className="kv kv-expected">
                    <dt>expected</dt>
                    <dd>{c.throws}</dd>
                  </div>
                ) : (
                  <div className="kv kv-expected">
                    <dt>expected</dt>
                    <dd title={`exact: ${JSON.stringify(c.expected)}`}>
                      <ValueView value={decodeWire(c.expected)} />
                    </dd>
                  </div>
                )}
              </dl>
              <p className="test-note">
                {c.caughtMistakes.length ? `Catches: ${c.caughtMistakes.join(", ")}` : "No known mistake fails this test."}
              </p>
            </li>
          ))}
        </ol>
      </section>

      <section aria-labelledby="mistakes-heading">
        <h2 id="mistakes-heading">Known mistakes</h2>
        {ex.mistakes.length === 0 ? <p className="muted">This exercise lists no known mistakes.</p> : null}
        <ul className="mistake-list">
          {ex.mistakes.map((m) => (
            <li key={m.id} className="mistake" data-mistake-id={m.id}>
              <h3>
                <code>{m.id}</code>
              </h3>
              <p>{m.description}</p>
              <div className="hint-text">
                <strong>Hint shown to the learner:</strong> <Statement markdown={m.hint} />
              </div>
              <p className="muted">
                Failed by: {ex.casesError ? "unknown" : catching(m.id).join(", ") || "no fixed test (it is never recognised)"}
              </p>
              <details>
                <summary>
                  Code (<code>mistakes/{m.id}.ts</code>)
                </summary>
                <pre className="code-view">{m.source}</pre>
              </details>
            </li>
          ))}
        </ul>
      </section>

      {ex.solutions.length ? (
        <section aria-labelledby="solutions-heading">
          <h2 id="solutions-heading">Alternative solutions</h2>
          <p className="muted">Correct solutions in other styles: exercises:check grades each one, and each must pass.</p>
          {ex.solutions.map((sol) => (
            <details key={sol.name}>
              <summary>
                <code>solutions/{sol.name}.ts</code>
              </summary>
              <pre className="code-view">{sol.source}</pre>
            </details>
          ))}
        </section>
      ) : null}

      <section aria-labelledby="statement-heading">
        <h2 id="statement-heading">What learners see</h2>
        <details>
          <summary>Statement</summary>
          <Statement markdown={ex.statement} />
        </details>
        <details>
          <summary>Starter code</summary>
          <pre className="code-view">{ex.starter}</pre>
        </details>
        {ex.random ? (
          <details>
            <summary>Random case generator (random.ts)</summary>
            <pre className="code-view">{ex.random}</pre>
          </details>
        ) : null}
      </section>
    </div>
  );
}
