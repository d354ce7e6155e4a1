"use client";
// Runs the reference, the starter and each known mistake through the real grader (POST
// /api/instructor/exercises/<slug>/check) and shows each verdict next to what it should be.
import { useState } from "react";
import { ResultsPanel } from "@/app/_components/ResultsPanel";
import type { GradeResult } from "@/grader/types";
import { callApi } from "@/lib/api-client";

export interface LiveItem {
  id: string;
  label: string;
  expectation: string;
}

interface LiveRunView {
  id: string;
  ok: boolean;
  result: GradeResult;
}

interface Props {
  slug: string;
  items: LiveItem[];
  params: string[];
  exportName: string;
}

export function LiveCheckPanel({ slug, items, params, exportName }: Props) {
  const [runs, setRuns] = useState<Record<string, LiveRunView>>({});
  const [pending, setPending] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | null>(null);
  const [seed, setSeed] = useState<number | null>(null);

  async function run(only?: string) {
    const ids = only ? [only] : items.map((i) => i.id);
    setPending((p) => new Set([...p, ...ids]));
    setError(null);
    const answer = await callApi<{ seed?: number; runs?: LiveRunView[] } | null>(
      `/api/instructor/exercises/${encodeURIComponent(slug)}/check`,
      { json: only ? { only } : {}, failure: "The grader did not answer" },
    );
    setPending((p) => new Set([...p].filter((id) => !ids.includes(id))));
    if (!answer.ok) return setError(answer.message);
    const runs = answer.data?.runs;
    if (!runs) return setError(`The grader did not answer (HTTP ${answer.status}).`);
    setSeed(answer.data?.seed ?? null);
    setRuns((r) => ({ ...r, ...Object.fromEntries(runs.map((x) => [x.id, x])) }));
  }

  const busy = pending.size > 0;
  return (
    <div className="live-check" data-testid="live-check">
      <div className="live-check-head">
        <button type="button" className="btn btn-primary" onClick={() => run()} disabled={busy}>
          {busy ? "Grading…" : "Run all through the grader"}
        </button>
        {seed !== null ? <span className="muted">random cases from seed {seed}</span> : null}
      </div>
      {error ? (
        <p className="banner banner-error" role="alert">
          {error}
        </p>
      ) : null}
      <table className="stats-table live-table">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Should</th>
            <th scope="col">Verdict</th>
            <th scope="col">Hints matched</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => {
            const r = runs[item.id];
            const hints = r ? [...new Set(r.result.tests.flatMap((t) => (t.hint ? [t.hint.id] : [])))] : [];
            return (
              <tr key={item.id} data-run-id={item.id} data-ok={r ? String(r.ok) : undefined} data-verdict={r?.result.status}>
                <th scope="row">{item.label}</th>
                <td>{item.expectation}</td>
                <td aria-live="polite">
                  {pending.has(item.id) ? (
                    <span className="muted">grading…</span>
                  ) : r ? (
                    <>
                      <span className={`state ${r.ok ? "state-solved" : "state-failed"}`}>{r.ok ? "as expected" : "NOT as expected"}</span>{" "}
                      {r.result.status} {r.result.passed}/{r.result.total}
                      {r.result.error ? ` (${r.result.error.kind})` : ""}
                    </>
                  ) : (
                    <span className="muted">not run</span>
                  )}
                </td>
                <td>{hints.length ? hints.join(", ") : r ? "none" : ""}</td>
                <td>
                  <button type="button" className="btn btn-compact" onClick={() => run(item.id)} disabled={pending.has(item.id)}>
                    Run
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {items.map((item) =>
        runs[item.id] ? (
          <details key={item.id} className="live-details">
            <summary>Per-test results: {item.label}</summary>
            <ResultsPanel result={runs[item.id].result} pending={null} requestError={null} params={params} exportName={exportName} />
          </details>
        ) : null,
      )}
    </div>
  );
}
