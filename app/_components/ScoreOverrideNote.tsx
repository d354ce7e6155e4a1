// An instructor's score override on a submission (lib/score-overrides.ts), for the learner and
// the staff alike: the score that counts, who set it, when, and why.
import type { ScoreOverrideView } from "@/lib/score-overrides";
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
