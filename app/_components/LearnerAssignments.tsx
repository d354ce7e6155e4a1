// A learner's released assignments in one classroom: what is due when (their own due time when
// they have an extension), their score per exercise and in all, and which exercises they
// submitted late. Scores follow lib/scores.ts.
import Link from "next/link";
import { LocalTime } from "@/app/_components/LocalTime";
import { describeLatePolicy, type LearnerAssignment } from "@/lib/assignments";
import { percent } from "@/lib/scores";

export function LearnerAssignments({ assignments }: { assignments: LearnerAssignment[] }) {
  if (assignments.length === 0) return <p className="muted">No assignments yet.</p>;
  return (
    <ul className="learner-assignments" data-testid="learner-assignments">
      {assignments.map((a) => (
        <li key={a.id} data-assignment-id={a.id}>
          <h3 className="assignment-title">
            {a.title} <span className="assignment-score" data-testid="assignment-score">{percent(a.score)}%</span>
          </h3>
          <p className="muted">
            {a.overdue ? "Was due" : "Due"} <LocalTime iso={a.dueAt.toISOString()} />
            {a.extended ? " (your extension)" : ""} · {describeLatePolicy(a.latePolicy)}
          </p>
          <div className="table-scroll">
            <table className="stats-table">
              <thead>
                <tr>
                  <th scope="col">Exercise</th>
                  <th scope="col">Score</th>
                  <th scope="col">Submits</th>
                </tr>
              </thead>
              <tbody>
                {a.exerciseColumns.map((e, i) => {
                  const r = a.exercises[i];
                  return (
                    <tr key={e.slug} data-slug={e.slug}>
                      <th scope="row">
                        <Link href={`/exercises/${e.slug}`}>
                          {String(e.order).padStart(2, "0")} {e.title}
                        </Link>
                      </th>
                      <td data-testid="exercise-score">
                        {r.submits ? `${percent(r.score)}%` : "–"}
                        {r.late ? <span className="tag tag-late"> late</span> : null}
                      </td>
                      <td>
                        {r.submits}
                        {r.lateSubmits ? <span className="tag tag-late" data-testid="late-submits"> ({r.lateSubmits} late)</span> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </li>
      ))}
    </ul>
  );
}
