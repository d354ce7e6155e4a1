// An instructor's score override on a submission (lib/score-overrides.ts), for the learner and
// the staff alike: the score that counts, who set it, when, and why.
import type { ScoreOverrideLogEntry, ScoreOverrideView } from "@/lib/score-overrides";
import { percent } from "@/lib/scores";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function ScoreOverrideNote({ override }: { override: ScoreOverrideView | undefined }) {
  if (!override) return null;
  return (
    <section className="score-override" aria-label="Score set by your instructor" data-testid="score-override">
      <p>
        <strong>Score set to {percent(override.score)} %</strong> by {override.by.name},{" "}
        <time dateTime={override.at.toISOString()}>{timeFormat.format(override.at)} UTC</time>. It counts instead of the graded score.
      </p>
      <p style={{ whiteSpace: "pre-wrap" }}>
        <span className="muted">Reason: </span>
        {override.reason}
      </p>
    </section>
  );
}

/** Who set or cleared the submission's score and when (the audit log), for the staff. */
export function ScoreOverrideLog({ log }: { log: ScoreOverrideLogEntry[] | undefined }) {
  if (!log?.length) return null;
  return (
    <details className="score-override-log" data-testid="score-override-log">
      <summary>Score override history ({log.length})</summary>
      <ul>
        {log.map((l, i) => (
          <li key={i}>
            <time dateTime={l.at.toISOString()}>{timeFormat.format(l.at)} UTC</time>, {l.by.name}:{" "}
            {l.score === null ? "cleared the override" : `set ${percent(l.score)} % (${l.reason ?? ""})`}
          </li>
        ))}
      </ul>
    </details>
  );
}
