"use client";
// The classroom's progress matrix: learners down, exercises across, one plain <td> per cell
// (coloured by state, submits in the corner, a red edge when stuck, details on hover) so 200
// learners × 10 exercises render and re-sort fast. Sorting (name, solved, stuck, last active)
// and filtering (name or email, stuck only) happen here in the browser; the data and the stuck
// rule come from lib/instructor/matrix.ts.
import { memo, useMemo, useState } from "react";
import type { ExerciseColumn } from "@/lib/classrooms";
import { STUCK_FAILED_SUBMITS, STUCK_IDLE_DAYS } from "@/lib/limits";
import { ago, cellTitle, sortRows, type MatrixCell, type MatrixData, type MatrixRow, type SortDir, type SortKey } from "@/lib/instructor/matrix";

/** Column widths in px, as in instructor.css (.matrix-name, .matrix-total-head, .cell). */
const NAME_WIDTH = 220;
const TOTAL_WIDTH = 84;
const CELL_MIN_WIDTH = 48;

function cellText(cell: MatrixCell): string {
  if (cell.state === "solved") return "✓";
  if (cell.state === "attempted") return cell.attempts > 0 ? `${Math.round(cell.bestScore * 100)}%` : "·";
  return "";
}

/** Which way a column starts when first clicked: names A→Z, everything else "most" first. */
const FIRST_DIR: Record<SortKey, SortDir> = { name: "asc", progress: "desc", stuck: "desc", activity: "desc" };

export function ProgressMatrix({ matrix, classroomId }: { matrix: MatrixData; classroomId: string }) {
  const [sort, setSort] = useState<{ key: SortKey; dir: SortDir }>({ key: "name", dir: "asc" });
  const [filter, setFilter] = useState("");
  const [stuckOnly, setStuckOnly] = useState(false);
  const stuckCount = useMemo(() => matrix.rows.filter((r) => r.stuck).length, [matrix.rows]);

  const rows = useMemo(() => {
    const q = filter.trim().toLowerCase();
    let shown = q ? matrix.rows.filter((r) => r.name.toLowerCase().includes(q) || r.email.toLowerCase().includes(q)) : matrix.rows;
    if (stuckOnly) shown = shown.filter((r) => r.stuck);
    return sortRows(shown, sort.key, sort.dir);
  }, [matrix.rows, sort, filter, stuckOnly]);

  function sortBy(key: SortKey) {
    setSort((s) => (s.key === key ? { key, dir: s.dir === "asc" ? "desc" : "asc" } : { key, dir: FIRST_DIR[key] }));
  }
  const ariaSort = (key: SortKey) => (sort.key === key ? (sort.dir === "asc" ? "ascending" : "descending") : "none");
  const arrow = (key: SortKey) => (sort.key === key ? (sort.dir === "asc" ? " ▲" : " ▼") : "");
  const n = matrix.exercises.length;
  const from = `from=${encodeURIComponent(classroomId)}`;
  const totalSolved = matrix.solvedPerExercise.reduce((a, b) => a + b, 0);

  return (
    <div className="matrix-block">
      <div className="matrix-tools">
        <label className="matrix-filter">
          <span className="visually-hidden">Filter learners</span>
          <input type="search" placeholder="Filter by name or email" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        <label className="matrix-stuck-filter">
          <input type="checkbox" checked={stuckOnly} onChange={(e) => setStuckOnly(e.target.checked)} data-testid="stuck-only" /> Only stuck
          learners ({stuckCount})
        </label>
        <p className="matrix-legend">
          <span aria-hidden="true">
            <span className="legend cell-solved">✓</span> solved <span className="legend cell-attempted">50%</span> attempted (best score){" "}
            <span className="legend cell-attempted">·</span> ran only <span className="legend cell-not-started" /> not started{" "}
            <span className="legend cell-attempted cell-stuck">!</span> stuck · small number: submits ·{" "}
          </span>
          Stuck: {STUCK_FAILED_SUBMITS}+ failed submits without a pass, or {STUCK_IDLE_DAYS} days without activity.
        </p>
      </div>
      <div className="matrix-scroll">
        <table
          className="matrix"
          data-testid="progress-matrix"
          data-sort={`${sort.key}-${sort.dir}`}
          style={{ minWidth: NAME_WIDTH + 3 * TOTAL_WIDTH + n * CELL_MIN_WIDTH }}
        >
          <caption className="visually-hidden">
            Progress of {matrix.rows.length} learners on {n} exercises: ✓ solved, a percentage is the best score of an
            unsolved exercise, · ran it only, empty not started, ! stuck. Each cell&apos;s link describes its state, submits,
            best score, last activity and last pass.
          </caption>
          <thead>
            <tr>
              <th scope="col" aria-sort={ariaSort("name")} className="matrix-name-head">
                <button type="button" className="sort-button" onClick={() => sortBy("name")}>
                  Learner{arrow("name")}
                </button>
              </th>
              {matrix.exercises.map((e) => (
                <th scope="col" key={e.slug} className="matrix-ex" title={e.active === false ? `${e.title} (removed: its folder is gone, its history stays)` : e.title} data-slug={e.slug}>
                  {/* A removed exercise has no preview: its column stays for the history. */}
                  {e.active === false ? <span>{String(e.order).padStart(2, "0")}×</span> : <a href={`/instructor/exercises/${e.slug}`}>{String(e.order).padStart(2, "0")}</a>}
                  <span className="visually-hidden"> {e.title}{e.active === false ? " (removed)" : ""}</span>
                </th>
              ))}
              <th scope="col" aria-sort={ariaSort("progress")} className="matrix-total-head">
                <button type="button" className="sort-button" onClick={() => sortBy("progress")}>
                  Solved{arrow("progress")}
                </button>
              </th>
              <th scope="col" aria-sort={ariaSort("stuck")} className="matrix-total-head">
                <button type="button" className="sort-button" onClick={() => sortBy("stuck")}>
                  Stuck{arrow("stuck")}
                </button>
              </th>
              <th scope="col" aria-sort={ariaSort("activity")} className="matrix-total-head">
                <button type="button" className="sort-button" onClick={() => sortBy("activity")}>
                  Active{arrow("activity")}
                </button>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <LearnerRow key={r.id} row={r} exercises={matrix.exercises} from={from} now={matrix.now} />
            ))}
            {rows.length === 0 && matrix.rows.length > 0 ? (
              <tr>
                <td colSpan={n + 4} className="muted">
                  {stuckOnly && !filter.trim() ? "Nobody is stuck." : `No ${stuckOnly ? "stuck " : ""}learner matches “${filter}”.`}
                </td>
              </tr>
            ) : null}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">Solved by</th>
              {matrix.solvedPerExercise.map((count, i) => (
                <td
                  key={matrix.exercises[i].slug}
                  className="column-total"
                  data-slug={matrix.exercises[i].slug}
                  title={`${matrix.exercises[i].title}: ${count} of ${matrix.rows.length} solved, ${matrix.startedPerExercise[i]} submitted`}
                >
                  {count}
                </td>
              ))}
              <td className="column-total">{totalSolved}</td>
              <td className="column-total" title="learners stuck">
                {stuckCount}
              </td>
              <td />
            </tr>
          </tfoot>
        </table>
      </div>
    </div>
  );
}

/**
 * One learner's row. Memoised: re-sorting or filtering only moves rows, it never re-renders
 * their cells (the rows and exercise columns keep their identity between renders).
 */
const LearnerRow = memo(function LearnerRow({ row: r, exercises, from, now }: { row: MatrixRow; exercises: ExerciseColumn[]; from: string; now: string }) {
  return (
    <tr data-learner-id={r.id} data-learner-email={r.email} data-stuck={r.stuck ? "true" : "false"}>
      <th scope="row" className="matrix-name">
        {/* One line per learner (email on hover) keeps 200 rows compact. */}
        <a href={`/instructor/learners/${r.id}?${from}`} title={r.email}>
          {r.name}
        </a>
      </th>
      {r.cells.map((c, i) => {
        const ex = exercises[i];
        const title = cellTitle(r.name, ex.title, c, now);
        // One title per cell (the link's, which is also its accessible description) and no
        // hidden helper elements: 2,000 cells stay cheap to lay out when rows are re-sorted.
        return c.state === "not-started" ? (
          <td key={ex.slug} className="cell cell-not-started" data-slug={ex.slug} data-state={c.state} title={title} />
        ) : (
          <td
            key={ex.slug}
            className={`cell cell-${c.state}${c.stuck ? " cell-stuck" : ""}`}
            data-slug={ex.slug}
            data-state={c.state}
            data-attempts={c.attempts}
            data-stuck={c.stuck ? "true" : undefined}
          >
            <a href={`/instructor/learners/${r.id}?exercise=${ex.slug}&${from}`} title={title}>
              {cellText(c)}
              {c.attempts > 0 ? <span className="cell-attempts">{c.attempts}</span> : null}
            </a>
          </td>
        );
      })}
      <td className="row-total" data-testid="row-total">
        {r.solved}/{exercises.length}
      </td>
      <td className="row-total row-stuck" data-testid="row-stuck" title={r.stuck ? (r.idle ? `no activity for ${STUCK_IDLE_DAYS}+ days` : "stuck") : undefined}>
        {r.stuckOn > 0 ? `${r.stuckOn}!` : r.idle ? "idle" : ""}
      </td>
      <td className="row-total row-active" data-testid="row-active" title={r.lastActivity ?? "never"}>
        {ago(r.lastActivity, now).replace(" ago", "")}
      </td>
    </tr>
  );
});
