// Reads the SQLite database directly (not through the app) and accounts for every
// acknowledged submission: stored, with the verdict the learner was shown, and the progress
// table consistent with the stored submissions.
import Database from "better-sqlite3";
import { isAcked, type Attempt } from "./classroom";

interface SubmissionRow {
  id: string;
  userId: string;
  exerciseId: string;
  slug: string;
  kind: string;
  verdict: string;
  passed: number;
  total: number;
}

interface ProgressRow {
  userId: string;
  exerciseId: string;
  slug: string;
  attempts: number;
  bestScore: number;
  solvedAt: unknown;
  attemptsToSolve: number | null;
}

export interface DbCheck {
  acknowledged: number;
  /** Acknowledged and found with the same verdict and score. */
  found: number;
  /** Acknowledged but not in the database (must be 0). */
  lost: number;
  /** Found, but stored with a different verdict or score than the learner was shown. */
  mismatched: number;
  /** Stored rows no acknowledgement accounts for (requests cut off by a kill: not lost). */
  unacknowledgedStored: number;
  /** Requests that got no answer. */
  unanswered: number;
  progressRows: number;
  progressProblems: number;
  details: string[];
}

const SOLVED = (r: Pick<SubmissionRow, "kind" | "verdict" | "passed" | "total">) =>
  r.kind === "submit" && r.verdict === "pass" && r.total > 0 && r.passed === r.total;

export function checkDatabase(dbFile: string, attempts: Attempt[], userIds: string[]): DbCheck {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  const details: string[] = [];
  try {
    const users = JSON.stringify(userIds);
    // rowid follows insertion order: with one request in flight per learner, that is the
    // order in which a learner's submissions were sent.
    const rows = db
      .prepare(
        `SELECT s.id, s.userId, s.exerciseId, e.slug, s.kind, s.verdict, s.passed, s.total
           FROM "Submission" s JOIN "Exercise" e ON e.id = s.exerciseId
          WHERE s.userId IN (SELECT value FROM json_each(?))
          ORDER BY s.rowid`,
      )
      .all(users) as SubmissionRow[];
    const progress = db
      .prepare(
        `SELECT p.userId, p.exerciseId, e.slug, p.attempts, p.bestScore, p.solvedAt, p.attemptsToSolve
           FROM "Progress" p JOIN "Exercise" e ON e.id = p.exerciseId
          WHERE p.userId IN (SELECT value FROM json_each(?))`,
      )
      .all(users) as ProgressRow[];

    // --- every acknowledged submission is stored with what the learner was shown
    const byId = new Map(rows.map((r) => [r.id, r]));
    const byUser = new Map<string, SubmissionRow[]>();
    for (const r of rows) {
      if (!byUser.has(r.userId)) byUser.set(r.userId, []);
      byUser.get(r.userId)!.push(r);
    }
    const acked = attempts.filter(isAcked);
    const used = new Set<string>();
    let found = 0;
    let lost = 0;
    let mismatched = 0;
    const cursor = new Map<string, number>();
    const sameOutcome = (a: Attempt, r: SubmissionRow) =>
      r.slug === a.slug && r.kind === "submit" && r.verdict === a.verdict && r.passed === a.passed && r.total === a.total;
    for (const a of [...acked].sort((x, y) => x.learner - y.learner || x.seq - y.seq)) {
      const userId = a.userId ?? "";
      let row: SubmissionRow | undefined;
      if (a.submissionId) {
        row = byId.get(a.submissionId);
      } else {
        // In order: skip rows of requests that were stored but never answered.
        const list = byUser.get(userId) ?? [];
        let i = cursor.get(userId) ?? 0;
        while (i < list.length && !sameOutcome(a, list[i])) i++;
        if (i < list.length) {
          row = list[i];
          cursor.set(userId, i + 1);
        }
      }
      if (!row || used.has(row.id)) {
        lost++;
        if (details.length < 20) details.push(`lost: learner ${a.learner} #${a.seq} ${a.slug} ${a.variant} (${a.verdict})`);
        continue;
      }
      used.add(row.id);
      found++;
      if (!sameOutcome(a, row)) {
        mismatched++;
        if (details.length < 20) {
          details.push(`mismatch: ${row.id} stored ${row.verdict} ${row.passed}/${row.total}, shown ${a.verdict} ${a.passed}/${a.total}`);
        }
      }
    }

    // --- progress agrees with the stored submissions
    let progressProblems = 0;
    const key = (u: string, e: string) => `${u}\0${e}`;
    const expected = new Map<string, { slug: string; attempts: number; best: number; solvedAt: number | null }>();
    for (const r of rows) {
      const k = key(r.userId, r.exerciseId);
      const e = expected.get(k) ?? { slug: r.slug, attempts: 0, best: 0, solvedAt: null };
      if (r.kind === "submit") {
        e.attempts++;
        e.best = Math.max(e.best, r.total > 0 ? r.passed / r.total : 0);
        if (SOLVED(r) && e.solvedAt === null) e.solvedAt = e.attempts;
      }
      expected.set(k, e);
    }
    const seen = new Set<string>();
    const problem = (text: string) => {
      progressProblems++;
      if (details.length < 40) details.push(`progress: ${text}`);
    };
    for (const p of progress) {
      const k = key(p.userId, p.exerciseId);
      seen.add(k);
      const e = expected.get(k);
      const who = `${p.userId.slice(0, 8)}/${p.slug}`;
      if (!e) {
        if (p.attempts !== 0) problem(`${who} has ${p.attempts} attempts but no submission`);
        continue;
      }
      if (p.attempts !== e.attempts) problem(`${who} attempts ${p.attempts}, submissions ${e.attempts}`);
      const solved = p.solvedAt !== null && p.solvedAt !== undefined;
      if (solved !== (e.solvedAt !== null)) problem(`${who} solved=${solved} but passing submits say ${e.solvedAt !== null}`);
      if (e.solvedAt !== null && p.attemptsToSolve !== e.solvedAt) {
        problem(`${who} attemptsToSolve ${p.attemptsToSolve}, first passing submit is #${e.solvedAt}`);
      }
      if (Math.abs(p.bestScore - e.best) > 1e-9) problem(`${who} bestScore ${p.bestScore}, submissions say ${e.best}`);
    }
    for (const [k, e] of expected) {
      if (!seen.has(k) && e.attempts > 0) problem(`${k.split("\0")[0].slice(0, 8)}/${e.slug} has ${e.attempts} submits but no progress row`);
    }

    return {
      acknowledged: acked.length,
      found,
      lost,
      mismatched,
      unacknowledgedStored: rows.filter((r) => !used.has(r.id)).length,
      unanswered: attempts.filter((a) => a.status === 0).length,
      progressRows: progress.length,
      progressProblems,
      details,
    };
  } finally {
    db.close();
  }
}
