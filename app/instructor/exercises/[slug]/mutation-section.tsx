// The mutation analysis of an exercise's tests, streamed into the preview page once the grader
// has graded every mutant (the rest of the page does not wait for it).
import Link from "next/link";
import type { ReactNode } from "react";
import { formatScore, MUTATION_SEEDS, type MutantOutcome, type MutationMode } from "@/grader/mutation";
import type { Actor } from "@/lib/actor";
import { exerciseMutationAnalysis } from "@/lib/instructor/preview";

/** A unified diff as lines coloured like the submission diffs (app/instructor/instructor.css). */
function MutantDiff({ diff, label }: { diff: string; label: string }) {
  return (
    <pre className="code-diff" aria-label={label}>
      {diff.split("\n").map((line, i) => {
        const kind = line.startsWith("@@") ? "fold" : line.startsWith("+") ? "add" : line.startsWith("-") ? "del" : "same";
        return (
          <span key={i} className={`diff-line diff-${kind}`}>
            {line}
            {"\n"}
          </span>
        );
      })}
    </pre>
  );
}

function MutantItem({ m, children }: { m: MutantOutcome; children?: ReactNode }) {
  return (
    <li className="mutant" data-mutant-id={m.id} data-status={m.status}>
      <p>
        <code>{m.id}</code> · line {m.line}: {m.description}
      </p>
      {children}
      <MutantDiff diff={m.diff} label={`Mutant ${m.id}`} />
    </li>
  );
}

export async function MutationSection({ viewer, slug, mode }: { viewer: Actor; slug: string; mode: MutationMode }) {
  let report;
  try {
    report = await exerciseMutationAnalysis(viewer, slug, mode);
  } catch (e) {
    return (
      <p className="banner banner-error" role="alert">
        The mutation analysis could not run: {(e as Error).message}
      </p>
    );
  }
  const survivors = report.mutants.filter((m) => m.status === "survived");
  const equivalents = report.mutants.filter((m) => m.status === "equivalent");
  const killed = report.mutants.filter((m) => m.status === "killed");
  const wrongEquivalents = report.mutants.filter((m) => m.markedEquivalent);
  const pct = (x: number) => `${Math.floor(x * 1000) / 10}%`;
  return (
    <div className="mutation-report" data-testid="mutation-report" data-score={report.score} data-meets-threshold={report.meetsThreshold}>
      <p className={report.meetsThreshold ? "banner" : "banner banner-error"} role="status">
        <strong>Mutation score {pct(report.score)}</strong>: {formatScore(report)} ({mode} mode, seeds {report.seeds.join(", ")}).
        The threshold in <code>exercise.json</code> is {pct(report.threshold)}:{" "}
        {report.meetsThreshold ? "met." : "not met, so exercises:check fails."}
      </p>
      {mode === "quick" ? (
        <p className="muted">
          <Link href={`/instructor/exercises/${slug}?mutants=full`}>Run the full analysis</Link> ({MUTATION_SEEDS.full.length} seeds per mutant; also{" "}
          <code>npm run exercises:check -- --mutants=full {slug}</code>).
        </p>
      ) : (
        <p className="muted">
          <Link href={`/instructor/exercises/${slug}`}>Back to the quick analysis</Link>.
        </p>
      )}

      <h3>Surviving mutants ({survivors.length})</h3>
      {survivors.length === 0 ? (
        <p className="muted">Every mutant that is not marked equivalent fails the tests.</p>
      ) : (
        <>
          <p className="muted">
            A learner whose code differs from the reference like this would be told &ldquo;pass&rdquo;. Add a hidden test that
            tells it apart, or, if no input can, add its id to <code>equivalent-mutants.json</code> with the reason.
          </p>
          <ul className="mutant-list">
            {survivors.map((m) => (
              <MutantItem key={m.id} m={m}>
                <p className="muted">
                  {m.flaky
                    ? `Fails some seeds' random cases, but passes every test with seed ${m.passedSeed}: only luck catches it.`
                    : `Passes every test (seed ${m.passedSeed}).`}
                </p>
              </MutantItem>
            ))}
          </ul>
        </>
      )}

      {wrongEquivalents.length || report.staleEquivalents.length ? (
        <ul className="banner banner-error" role="alert">
          {wrongEquivalents.map((m) => (
            <li key={m.id}>
              <code>{m.id}</code> is marked equivalent, but the tests kill it ({m.killedBy?.join(", ")}): remove it from
              equivalent-mutants.json.
            </li>
          ))}
          {report.staleEquivalents.map((id) => (
            <li key={id}>
              <code>{id}</code> in equivalent-mutants.json matches no mutant of the current reference.
            </li>
          ))}
        </ul>
      ) : null}

      {equivalents.length ? (
        <details>
          <summary>Marked equivalent ({equivalents.length})</summary>
          <ul className="mutant-list">
            {equivalents.map((m) => (
              <MutantItem key={m.id} m={m}>
                <p>
                  <strong>Why it is equivalent:</strong> {m.reason}
                </p>
              </MutantItem>
            ))}
          </ul>
        </details>
      ) : null}

      <details>
        <summary>Killed mutants ({killed.length})</summary>
        <ul className="mutant-list">
          {killed.map((m) => (
            <MutantItem key={m.id} m={m}>
              <p className="muted">Killed by: {m.killedBy?.join(", ")}</p>
            </MutantItem>
          ))}
        </ul>
      </details>
    </div>
  );
}
