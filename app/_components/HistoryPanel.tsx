"use client";
// A signed-in learner's past Runs and Submits of one exercise, newest first, each opening the
// stored submission (code and per-test results) at /submissions/<id>.
import Link from "next/link";
import type { SubmissionRow } from "@/app/_lib/submission-view";
import { verdictLabel } from "@/app/_lib/submission-view";
import { LocalTime } from "./LocalTime";

export function HistoryPanel({ rows }: { rows: SubmissionRow[] }) {
  if (rows.length === 0) {
    return (
      <p className="results-empty" data-testid="history-empty">
        Nothing yet: every Run and Submit you make here is saved to your history.
      </p>
    );
  }
  return (
    <ol className="history-list" aria-label="Your submissions of this exercise" data-testid="history-list">
      {rows.map((r) => (
        <li key={r.id} className="history-row" data-verdict={r.verdict} data-kind={r.kind}>
          <Link href={`/submissions/${r.id}`} className="history-link">
            <span className={`history-verdict history-verdict-${r.verdict}`}>{verdictLabel(r)}</span>
            <span className="history-kind">{r.kind === "submit" ? "Submit" : "Run"}</span>
            <span className="history-score">
              {r.passed}/{r.total}
            </span>
            <span className="history-time">
              <LocalTime iso={r.createdAt} />
            </span>
          </Link>
        </li>
      ))}
    </ol>
  );
}
