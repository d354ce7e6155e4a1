"use client";
// The list of exercises with the learner's state for each and overall progress. State comes
// from `serverProgress` when the page has it (a signed-in learner), else from this browser.
import Link from "next/link";
import { useSyncExternalStore } from "react";
import type { ExerciseSummary } from "@/lib/exercise-catalogue";
import {
  readProgress,
  serverProgressSnapshot,
  stateOf,
  subscribeProgress,
  type ProgressState,
} from "@/app/_lib/progress-store";

interface Props {
  exercises: ExerciseSummary[];
  /** Per-slug state from the server; when given it replaces the browser's record. */
  serverProgress?: Record<string, Exclude<ProgressState, "not-started">>;
}

const STATE_LABEL: Record<ProgressState, string> = {
  "not-started": "Not started",
  attempted: "Attempted",
  solved: "Solved",
};
const STATE_ICON: Record<ProgressState, string> = { "not-started": "○", attempted: "◐", solved: "✓" };

export function CatalogueList({ exercises, serverProgress }: Props) {
  const local = useSyncExternalStore(subscribeProgress, readProgress, serverProgressSnapshot);
  const state = (slug: string): ProgressState =>
    serverProgress ? (serverProgress[slug] ?? "not-started") : stateOf(local, slug);

  const solved = exercises.filter((e) => state(e.slug) === "solved").length;
  const attempted = exercises.filter((e) => state(e.slug) === "attempted").length;
  const total = exercises.length;

  return (
    <>
      <div className="progress-summary" data-testid="progress-summary">
        <p>
          <strong>
            {solved} of {total}
          </strong>{" "}
          solved{attempted ? `, ${attempted} in progress` : ""}
        </p>
        <progress max={total} value={solved} aria-label={`${solved} of ${total} exercises solved`} />
        <p className="progress-note">
          {serverProgress
            ? "Progress is saved to your account."
            : "Progress is kept in this browser only. Sign up or sign in to keep it: your latest code for each exercise is then submitted to your account and counted."}
        </p>
      </div>
      <ol className="catalogue">
        {exercises.map((e) => {
          const s = state(e.slug);
          return (
            <li key={e.slug} className={`exercise-card state-${s}`} data-slug={e.slug} data-state={s}>
              <span className="card-number" aria-hidden="true">
                {String(e.order).padStart(2, "0")}
              </span>
              <div className="card-body">
                <h2>
                  <Link href={`/exercises/${e.slug}`}>{e.title}</Link>
                </h2>
                <p>{e.summary}</p>
                {e.tags.length ? (
                  <ul className="tags" aria-label="Topics">
                    {e.tags.map((t) => (
                      <li key={t}>{t}</li>
                    ))}
                  </ul>
                ) : null}
              </div>
              <div className="card-meta">
                <span className={`difficulty difficulty-${e.difficulty}`}>{e.difficulty}</span>
                <span className={`state state-${s}`}>
                  <span aria-hidden="true">{STATE_ICON[s]}</span> {STATE_LABEL[s]}
                </span>
              </div>
            </li>
          );
        })}
      </ol>
    </>
  );
}
