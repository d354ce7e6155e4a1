"use client";
// One exercise's regrade for a classroom (lib/regrades.ts): start it (a dry run graded in the
// background), watch its progress (polled once a second while grading), see whose status would
// change, and apply it.
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { callApi } from "@/lib/api-client";
import type { RegradeView } from "@/lib/regrades";
import { FieldError } from "../FieldError";

type Wire = Omit<RegradeView, "createdAt"> & { createdAt: string };

const POLL_MS = 1000;

function pct(x: number): string {
  return `${Math.round(x * 1000) / 10} %`;
}

export function RegradePanel({ classroomId, slug, initial, mayManage }: { classroomId: string; slug: string; initial: Wire | null; mayManage: boolean }) {
  const router = useRouter();
  const [regrade, setRegrade] = useState<Wire | null>(initial);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const base = `/api/instructor/classrooms/${encodeURIComponent(classroomId)}/regrades`;

  useEffect(() => {
    if (regrade?.status !== "grading") return;
    const timer = setTimeout(async () => {
      const answer = await callApi<{ regrade: Wire }>(`${base}/${encodeURIComponent(regrade.id)}`, { method: "GET", failure: "No progress" });
      if (answer.ok) setRegrade(answer.data.regrade);
      // Unreachable or a server hiccup: try again on the next tick (a new object re-runs this
      // effect). A refusal (gone, signed out) stops polling and says why.
      else if (answer.status === 0 || answer.status >= 500) setRegrade({ ...regrade });
      else setError(answer.message);
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [regrade, base]);

  async function send(url: string, body?: object) {
    setPending(true);
    setError(null);
    const answer = await callApi<{ regrade?: Wire } | null>(url, { json: body, failure: "Not done" });
    setPending(false);
    const started = answer.ok ? answer.data?.regrade : undefined;
    if (!started) return setError(answer.ok ? `Not done (HTTP ${answer.status}).` : answer.message);
    setRegrade(started);
    router.refresh();
  }

  return (
    <div className="regrade-panel" data-testid={`regrade-${slug}`} data-status={regrade?.status ?? "none"}>
      {regrade ? (
        <>
          {regrade.status === "grading" ? (
            <p>
              <progress max={regrade.total} value={regrade.done} aria-label="Regrade progress" /> Grading {regrade.done} of {regrade.total} submits on the current
              version…
            </p>
          ) : null}
          {regrade.status === "failed" ? <p className="field-error">{regrade.error}</p> : null}
          {regrade.status === "graded" || regrade.status === "applied" ? (
            <>
              <p>
                {regrade.status === "applied" ? "Applied: " : "Graded on the current version: "}
                {regrade.total} submit{regrade.total === 1 ? "" : "s"} regraded, {regrade.changedSubmits} with a different result;{" "}
                {regrade.changes.length === 0 ? "no learner's status changes." : `${regrade.changes.length} learner${regrade.changes.length === 1 ? "'s" : "s'"} status ${regrade.status === "applied" ? "changed" : "would change"}:`}
              </p>
              {regrade.changes.length ? (
                <ul data-testid="regrade-changes">
                  {regrade.changes.map((c) => (
                    <li key={c.learnerId} data-learner={c.learnerId}>
                      {c.name}: {c.before.solved ? "solved" : "not solved"} ({pct(c.before.bestScore)}) → {c.after.solved ? "solved" : "not solved"} ({pct(c.after.bestScore)})
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : null}
        </>
      ) : null}
      {mayManage ? (
        <p>
          {regrade?.status === "graded" && regrade.total > 0 ? (
            <button type="button" className="btn btn-small btn-primary" disabled={pending} onClick={() => void send(`${base}/${encodeURIComponent(regrade.id)}/apply`)}>
              Apply the regrade
            </button>
          ) : null}{" "}
          {regrade?.status !== "grading" ? (
            <button type="button" className="btn btn-small" disabled={pending} onClick={() => void send(base, { exercise: slug })}>
              Check what a regrade would change
            </button>
          ) : null}
        </p>
      ) : null}
      <FieldError error={error} />
    </div>
  );
}
