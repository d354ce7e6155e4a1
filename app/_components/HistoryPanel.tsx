"use client";
// A signed-in learner's past Runs and Submits of one exercise, newest first. Each opens the
// stored submission (code and per-test results) at /submissions/<id>, or puts its code back in
// the editor; ticking two compares their code (/submissions/compare).
import Link from "next/link";
import { useState } from "react";
import type { SubmissionRow } from "@/app/_lib/submission-view";
import { verdictLabel } from "@/app/_lib/submission-view";
import { LocalTime } from "./LocalTime";

interface Props {
  rows: SubmissionRow[];
  /** Opens a submission's code in the editor; absent while the editor is not ready. */
  onOpen?: (id: string) => void;
}

export function HistoryPanel({ rows, onOpen }: Props) {
  const [picked, setPicked] = useState<string[]>([]);
  if (rows.length === 0) {
    return (
      <p className="results-empty" data-testid="history-empty">
        Nothing yet: every Run and Submit you make here is saved to your history.
      </p>
    );
  }
  const toggle = (id: string) =>
    setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id].slice(-2)));
  // Older first in the diff, whatever order they were ticked in.
  const order = (ids: string[]) => [...ids].sort((a, b) => rows.findIndex((r) => r.id === b) - rows.findIndex((r) => r.id === a));
  const [older, newer] = order(picked);
  return (
    <>
      <p className="history-compare" aria-live="polite">
        {picked.length === 2 ? (
          <Link href={`/submissions/compare?a=${encodeURIComponent(older)}&b=${encodeURIComponent(newer)}`} className="btn btn-small" data-testid="compare-link">
            Compare the two ticked attempts
          </Link>
        ) : (
          <span className="muted">Tick two attempts to compare their code.</span>
        )}
      </p>
      <ol className="history-list" aria-label="Your submissions of this exercise" data-testid="history-list">
        {rows.map((r, i) => {
          const name = `${r.kind === "submit" ? "Submit" : "Run"} ${rows.length - i}`;
          return (
            <li key={r.id} className="history-row" data-verdict={r.verdict} data-kind={r.kind} data-id={r.id}>
              <input
                type="checkbox"
                className="history-pick"
                checked={picked.includes(r.id)}
                onChange={() => toggle(r.id)}
                aria-label={`Compare ${name}`}
              />
              <Link href={`/submissions/${r.id}`} className="history-link">
                <span className={`history-verdict history-verdict-${r.verdict}`}>{verdictLabel(r)}</span>
                <span className="history-kind">{r.kind === "submit" ? "Submit" : "Run"}</span>
                <span className="history-score">
                  {r.passed}/{r.total}
                </span>
                <span className="history-time">
                  <LocalTime iso={r.createdAt} />
                </span>
                {r.olderVersion ? (
                  <span className="version-badge version-badge-old" data-testid="version-badge">
                    {r.olderVersion}
                    <span className="version-badge-note"> · older version</span>
                  </span>
                ) : null}
              </Link>
              <button type="button" className="btn btn-quiet btn-small history-open" disabled={!onOpen} onClick={() => onOpen?.(r.id)} aria-label={`Open in editor: ${name}`}>
                Open in editor
              </button>
            </li>
          );
        })}
      </ol>
    </>
  );
}
