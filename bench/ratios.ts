// The benchmark's targets, all ratios of figures measured in the same run: on a shared machine
// absolute times swing 2–3× with other work, a ratio of two figures taken side by side does not.
import type { ProbeResult } from "./cpu-probe";
import type { Results } from "./report";
import { median, ms, sum } from "./stats";

export interface Ratio {
  /** Key on the summary line. */
  key: string;
  name: string;
  value: number;
  target: { atMost?: number; atLeast?: number };
  /** How it was computed, with the two figures. */
  detail: string;
}

export const TARGETS = {
  floorRatio: { atMost: 1.5 },
  baselineRatio: { atLeast: 50 },
  serverCpuRatio: { atMost: 0.3 },
  queueRatio: { atMost: 3 },
} as const;

export function met(r: Ratio): boolean {
  if (!Number.isFinite(r.value)) return false;
  return (r.target.atMost === undefined || r.value <= r.target.atMost) && (r.target.atLeast === undefined || r.value >= r.target.atLeast);
}

export function targetText(r: Ratio): string {
  return r.target.atMost !== undefined ? `≤ ${r.target.atMost}` : `≥ ${r.target.atLeast}`;
}

/** The secure floor of a Submit of one exercise's file, and its parts (CPU ms). */
export interface Floor {
  transpiler: string;
  transpile: number;
  isolate: number;
  reference: number;
  total: number;
}

export function floorOf(p: ProbeResult, slug: string): Floor | undefined {
  let best: { name: string; ms: number } | undefined;
  for (const t of p.transpile) {
    const x = t.ms[slug];
    if (Number.isFinite(x) && (!best || x < best.ms)) best = { name: t.name, ms: x };
  }
  const reference = p.reference[slug];
  if (!best || !Number.isFinite(reference)) return undefined;
  return { transpiler: best.name, transpile: best.ms, isolate: p.isolate.sandbox, reference, total: best.ms + p.isolate.sandbox + reference };
}

/** Median grading CPU per correct Submit in the pool ÷ median floor of the same files. */
function floorRatio(r: Results): Ratio {
  const cpu: number[] = [];
  const floors: Floor[] = [];
  const probe = r.runtimes?.current;
  for (const e of r.pool?.exercises ?? []) {
    const f = probe && floorOf(probe, e.slug);
    if (!f) continue;
    for (const x of e.correct.cpu) {
      if (!Number.isFinite(x)) continue;
      cpu.push(x);
      floors.push(f);
    }
  }
  const grading = median(cpu);
  const floor = median(floors.map((f) => f.total));
  const part = (k: "transpile" | "isolate" | "reference") => median(floors.map((f) => f[k]));
  const transpilers = [...new Set(floors.map((f) => f.transpiler))].join(", ");
  return {
    key: "floor-ratio",
    name: "floor ratio: grading CPU per Submit ÷ secure floor",
    value: grading / floor,
    target: TARGETS.floorRatio,
    detail:
      `median grading CPU per correct Submit in the pool ${ms(grading)} ms (workers and their transpiler, every thread, the next spare isolate included) ÷ ` +
      `median floor of the same files ${ms(floor)} ms (fastest transpiler: ${transpilers || "—"} ${ms(part("transpile"))} ms + fresh isolate with context and harness, disposed ${ms(part("isolate"))} ms + the reference on the same cases on the host ${ms(part("reference"))} ms)`,
  };
}

/** Pool round trip over the exercises the baseline also graded, to compare like with like. */
export function baselineRatio(r: Results): Ratio {
  let value = NaN;
  let pool = NaN;
  if (r.pool && r.baseline) {
    const slugs = new Set(r.baseline.rows.map((x) => x.slug));
    pool = median(r.pool.exercises.filter((e) => slugs.has(e.slug)).flatMap((e) => e.correct.roundTrips));
    value = r.baseline.correctP50 / pool;
  }
  return {
    key: "baseline-ratio",
    name: "baseline ratio: one process per submission ÷ pool",
    value,
    target: TARGETS.baselineRatio,
    detail: `median wall time of a fresh \`node\` process grading one correct submission ${ms(r.baseline?.correctP50 ?? NaN)} ms ÷ median pool round trip on the same exercises ${ms(pool)} ms`,
  };
}

function serverCpuRatio(r: Results): Ratio {
  const c = r.http?.saturation.cpuPerSubmission;
  const grading = c ? c["grader workers"] + c.esbuild : NaN;
  return {
    key: "server-cpu-ratio",
    name: "server CPU ratio: web server ÷ grading, per Submit",
    value: (c?.server ?? NaN) / grading,
    target: TARGETS.serverCpuRatio,
    detail: `closed-loop classroom burst: CPU of the Next.js process per acknowledged Submit ${ms(c?.server ?? NaN)} ms ÷ CPU of the grader workers and their transpiler per Submit ${ms(grading)} ms`,
  };
}

function queueRatio(r: Results): Ratio {
  const h = r.http;
  const p95 = h?.paced?.latency.p95 ?? NaN;
  const alone = h?.unloaded.p50 ?? NaN;
  return {
    key: "queue-ratio",
    name: "queue ratio: p95 at half capacity ÷ unloaded round trip",
    value: p95 / alone,
    target: TARGETS.queueRatio,
    detail:
      `p95 latency with ${h?.saturation.learners ?? "—"} learners paced at ${h?.paced?.offeredPerSecond?.toFixed(1) ?? "—"}/s (half the closed-loop capacity of ${h?.saturation.perSecond.toFixed(1) ?? "—"}/s) ${ms(p95)} ms ÷ ` +
      `median round trip of one learner alone ${ms(alone)} ms`,
  };
}

export function ratios(r: Results): Ratio[] {
  return [floorRatio(r), baselineRatio(r), serverCpuRatio(r), queueRatio(r)];
}

/** Total CPU per submission of a burst, all roles. */
export const cpuTotal = (c: Record<string, number>) => sum(Object.values(c));
