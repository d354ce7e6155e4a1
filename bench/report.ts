// Turns the measured figures into one document, printed as text tables and written as
// BENCHMARKS.md, plus the one-line summary the issue asks for.
import type { BaselineFigures } from "./baseline";
import { editorSection, type EditorLoadFigures } from "./editor-load";
import type { PoolFigures } from "./grader-pool";
import type { BurstFigures, HttpFigures } from "./http";
import type { Machine } from "./machine";
import { figure, markdownTable, mb, median, ms, pct, sum, textTable, type Row } from "./stats";

export interface Results {
  quick: boolean;
  command: string;
  machine: Machine;
  pool?: PoolFigures;
  poolError?: string;
  baseline?: BaselineFigures;
  baselineError?: string;
  http?: HttpFigures;
  httpError?: string;
  editor?: EditorLoadFigures;
  editorError?: string;
  totalSeconds: number;
}

interface Section {
  title: string;
  intro?: string;
  table?: { header: Row; rows: Row[] };
  notes: string[];
}

export const TARGETS = {
  gradeP50: 5,
  gradeP99: 25,
  baselineRatio: 20,
  rps: 200,
  p95: 100,
};

/** Pool round trip over the exercises the baseline also graded, to compare like with like. */
export function baselineRatio(r: Results): number {
  if (!r.pool || !r.baseline) return NaN;
  const slugs = new Set(r.baseline.rows.map((x) => x.slug));
  const rts = r.pool.exercises.filter((e) => slugs.has(e.slug)).flatMap((e) => e.correct.roundTrips);
  return r.baseline.correctP50 / median(rts);
}

function lostCount(r: Results): number {
  const h = r.http;
  if (!h) return NaN;
  // The fault check re-reads everything, burst included.
  return h.fault ? h.fault.db.lost : h.burstDb.lost;
}

export function summaryLine(r: Results): string {
  const h = r.http;
  return [
    `grade-p50-ms=${figure(r.pool?.correctAll.p50 ?? NaN)}`,
    `grade-p99-ms=${figure(r.pool?.correctAll.p99 ?? NaN)}`,
    `baseline-ratio=${figure(baselineRatio(r), 1)}`,
    // Capacity (closed loop), and the p95 learners see at the target rate (paced run).
    `http-rps=${figure(h?.saturation.perSecond ?? NaN, 1)}`,
    `http-p95-ms=${figure((h?.paced ?? h?.saturation)?.latency.p95 ?? NaN, 1)}`,
    `lost=${Number.isFinite(lostCount(r)) ? lostCount(r) : "NaN"}`,
    `editor-cold-ratio=${figure(r.editor?.coldRatio ?? NaN, 1)}`,
    `editor-warm-ratio=${figure(r.editor?.warmRatio ?? NaN, 1)}`,
  ].join(" ");
}

const share = (x: number) => `${Math.round(1000 * x) / 10}%`;
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

function sections(r: Results): Section[] {
  const out: Section[] = [];
  const m = r.machine;

  if (r.pool) {
    const p = r.pool;
    const share = (t: PoolFigures["correctAll"]["totals"]) => {
      const other = t.duration - t.compile - t.isolate - t.run - t.compare;
      return [pct(t.compile, t.duration), pct(t.isolate, t.duration), pct(t.run, t.duration), pct(t.compare, t.duration), pct(other, t.duration)];
    };
    const rows: Row[] = p.exercises.map((e) => [
      e.slug,
      String(e.tests),
      ms(e.correct.p50),
      ms(e.correct.p99),
      `${ms(e.wrong.p50)} (${e.wrongVariant})`,
      ms(e.wrong.p99),
      ms(e.correct.roundTripP50),
      ms(e.correct.ipcP50),
      ...share(e.correct.totals),
    ]);
    rows.push([
      "all, correct",
      "",
      ms(p.correctAll.p50),
      ms(p.correctAll.p99),
      ms(p.wrongAll.p50),
      ms(p.wrongAll.p99),
      ms(p.correctAll.roundTripP50),
      ms(p.correctAll.ipcP50),
      ...share(p.correctAll.totals),
    ]);
    const unexpected = [...p.correctAll.unexpected, ...p.wrongAll.unexpected];
    out.push({
      title: "1. Grading in the pool (Submit: compile + sandbox + every test)",
      intro:
        `${p.runsPerKind} correct and ${p.runsPerKind} wrong submissions per exercise, one at a time, ${p.gapMs} ms apart, ` +
        `distinct code each time (no compile-cache hits), pool of ${p.poolSize} workers. ` +
        `Grade = the worker's own time (GradeResult.durationMs); round trip = pool.grade() as the server sees it; ` +
        `IPC = round trip − grade. Shares are of the grade time of correct submissions ("other" = loading the exercise, planning cases).`,
      table: {
        header: ["exercise", "tests", "correct p50", "correct p99", "wrong p50", "wrong p99", "round trip p50", "IPC p50", "compile", "isolate", "run", "compare", "other"],
        rows,
      },
      notes: [
        `Target median < ${TARGETS.gradeP50} ms: ${verdict(p.correctAll.p50 < TARGETS.gradeP50)} (${ms(p.correctAll.p50)} ms); ` +
          `p99 < ${TARGETS.gradeP99} ms: ${verdict(p.correctAll.p99 < TARGETS.gradeP99)} (${ms(p.correctAll.p99)} ms); ` +
          `round trip p50 ${ms(p.correctAll.roundTripP50)} ms, p99 ${ms(p.correctAll.roundTripP99)} ms.`,
        ...(p.tail
          ? [
              `Where the slowest grades' time goes (kernel scheduler statistics of the workers' main threads over each round trip): slowest 1% of correct grades ` +
                `took ${ms(p.tail.slowest.grade)} ms (round trip ${ms(p.tail.slowest.roundTrip)} ms); the worker was on a CPU ${ms(p.tail.slowest.onCpu)} ms and runnable but waiting for a CPU ${ms(p.tail.slowest.wait)} ms. ` +
                `The faster half: ${ms(p.tail.typical.grade)} ms (round trip ${ms(p.tail.typical.roundTrip)} ms), ${ms(p.tail.typical.onCpu)} ms on a CPU, ${ms(p.tail.typical.wait)} ms waiting. ` +
                `(On-CPU includes preparing the next spare isolate right after the result is sent.)`,
            ]
          : []),
        unexpected.length ? `Unexpected verdicts (${unexpected.length}): ${unexpected.slice(0, 5).join("; ")}` : "Every correct submission passed and every wrong one failed.",
        ...(p.hostile.length
          ? [
              `Hostile code holds a worker until a limit stops it (${p.exercises[0]?.slug}): ` +
                p.hostile
                  .map((x) => `${x.variant} ${ms(x.p50)} ms (round trip ${ms(x.roundTripP50)} ms; ${Object.entries(x.kinds).map(([k, n]) => `${k}×${n}`).join(", ")})`)
                  .join("; ") +
                ".",
            ]
          : []),
      ],
    });
  } else if (r.poolError) {
    out.push({ title: "1. Grading in the pool", notes: [`Not measured: ${r.poolError}`] });
  }

  if (r.baseline) {
    const b = r.baseline;
    const ratio = baselineRatio(r);
    const poolBySlug = new Map(r.pool?.exercises.map((e) => [e.slug, e]) ?? []);
    const rows: Row[] = b.rows.map((x) => {
      const med = median(x.correctMs);
      const pool = poolBySlug.get(x.slug);
      return [
        x.slug,
        String(x.correctMs.length + x.wrongMs.length),
        ms(med),
        ms(median(x.wrongMs)),
        pool ? ms(pool.correct.roundTripP50) : "—",
        pool ? `${(med / pool.correct.roundTripP50).toFixed(0)}×` : "—",
      ];
    });
    out.push({
      title: "2. Baseline: one fresh node process per submission",
      intro:
        `Each submission graded by a new \`node --no-node-snapshot\` running bench/one-shot.ts (bundled): it loads the exercise, ` +
        `grades with the same grade code and prints JSON, then exits. Wall time from spawn to exit, ${b.runsPerKind} correct + ${b.runsPerKind} wrong per exercise. ` +
        `A container per run would add its own start-up on top.`,
      table: { header: ["exercise", "runs", "correct p50", "wrong p50", "pool round trip p50", "ratio"], rows },
      notes: [
        `Pool vs per-process (median round trip vs median wall time, correct submissions): ${figure(ratio, 1)}× faster; target ≥ ${TARGETS.baselineRatio}×: ${verdict(ratio >= TARGETS.baselineRatio)}.`,
        `Where a fresh process spends it: bare \`node -e 0\` ${ms(b.bareNodeP50)} ms; grading inside the cold process (durationMs: esbuild service start, building the exercise's trusted files, first isolate) ${ms(b.coldGradeP50)} ms; the rest is loading the grader and isolated-vm.`,
        b.unexpected.length ? `Unexpected verdicts: ${b.unexpected.slice(0, 5).join("; ")}` : "All baseline verdicts as expected.",
      ],
    });
  } else if (r.baselineError) {
    out.push({ title: "2. Baseline", notes: [`Not measured: ${r.baselineError}`] });
  }

  if (r.http) {
    const h = r.http;
    const runs = [h.saturation, ...(h.paced ? [h.paced] : [])];
    const headline = h.paced ?? h.saturation;
    const row = (b: BurstFigures): Row => [
      b.offeredPerSecond ? `paced, ${b.offeredPerSecond.toFixed(0)}/s offered` : "closed loop",
      b.perSecond.toFixed(1),
      String(b.acknowledged),
      ms(b.latency.p50),
      ms(b.latency.p95),
      ms(b.latency.p99),
      ms(b.latency.max),
      String(b.submissions - b.acknowledged),
      `${mb(b.peakRssBytes)} (${b.peakProcesses})`,
      ms(sum(Object.values(b.cpuPerSubmission))),
    ];
    const db = h.burstDb;
    out.push({
      title: `3. Classroom burst over HTTP (${h.saturation.learners} learners)`,
      intro:
        "`next start` (production build) on a fresh SQLite database prepared by scripts/db-setup.mjs, loopback only. " +
        "Every learner signed up through better-auth and has at most one Submit in flight. " +
        "*Closed loop*: each learner submits again as soon as the answer arrives: the most the server sustains. " +
        "*Paced*: learners press Submit at random times (Poisson arrivals at the target rate): the latency they see at that load. " +
        `With every learner always waiting (closed loop), mean latency = learners ÷ throughput (Little's law), so p95 < ${TARGETS.p95} ms ` +
        `at 50 learners in a closed loop would need > 500 submissions/s; the latency target is therefore checked at the target rate. ` +
        `Mix: ${share((1 - h.mix.hostileShare) * h.mix.correctShare)} correct, ${share((1 - h.mix.hostileShare) * (1 - h.mix.correctShare))} wrong (known mistakes and the starter), ` +
        `${share(h.mix.hostileShare)} hostile (infinite loops in the function and at top level, a memory bomb), exercises in rotation.`,
      table: {
        header: ["run", "submissions/s", "acknowledged", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "peak RSS (processes)", "CPU ms / submission"],
        rows: runs.map(row),
      },
      notes: [
        `Targets: ≥ ${TARGETS.rps} submissions/s: ${verdict(h.saturation.perSecond >= TARGETS.rps)} (${h.saturation.perSecond.toFixed(0)}/s closed loop); ` +
          `p95 < ${TARGETS.p95} ms${h.paced ? ` at ${h.paced.offeredPerSecond?.toFixed(0)}/s offered` : ""}: ${verdict(headline.latency.p95 < TARGETS.p95)} (${ms(headline.latency.p95)} ms); ` +
          `nothing lost: ${verdict(db.lost === 0 && db.mismatched === 0)} (${db.found} of ${db.acknowledged} acknowledged submissions found in the database with the verdict shown, ${db.lost} lost, ${db.mismatched} stored differently; progress problems: ${db.progressProblems}).`,
        ...runs.map((b) => {
          const cats = Object.entries(b.byCategory).map(([c, l]) => `${c} ${l!.count} (p50 ${ms(l!.p50)}, p95 ${ms(l!.p95)} ms)`);
          const errs = Object.entries(b.errors).map(([k, n]) => `${k}: ${n}`);
          return `${b.mode}: ${cats.join("; ")}. Errors: ${errs.length ? errs.join(", ") : "none"}.`;
        }),
        ...runs.map(
          (b) =>
            `${b.mode} CPU per acknowledged submission: ${Object.entries(b.cpuPerSubmission)
              .map(([k, v]) => `${k} ${ms(v)} ms`)
              .join(", ")}; cores ${Math.round(100 * b.cpuBusyShare)}% busy with these ` +
            `(at this cost ${m.cores} cores top out near ${Math.round((1000 * m.cores) / sum(Object.values(b.cpuPerSubmission)))} submissions/s).`,
        ),
        ...runs.flatMap((b) => (b.wrongVerdicts.length ? [`Wrong verdicts under load (${b.wrongVerdicts.length}): ${b.wrongVerdicts.slice(0, 5).join("; ")}`] : [])),
        `Set-up (not in the figures): database ${ms(h.initialDbSetupMs / 1000)} s, server answering ${ms(h.coldStartMs / 1000)} s after spawn, ` +
          `first grade on a cold pool ${ms(h.firstGradeMs)} ms, ${h.saturation.learners} sign-ups ${ms(h.signUpMs / 1000)} s` +
          (h.signUpFailures.length ? ` (${h.signUpFailures.length} failed: ${h.signUpFailures.slice(0, 2).join("; ")})` : "") +
          (h.buildSeconds !== undefined ? `, \`next build\` ${h.buildSeconds.toFixed(0)} s` : "") +
          (h.staleBuild ? `; **measured an existing build** (${h.staleBuild})` : "") +
          ".",
        ...(h.profileAreas
          ? [
              `CPU profile of the Next.js process (\`--profile\`; sign-ups and both runs; busy time by package, self time): ` +
                (() => {
                  const busy = sum(h.profileAreas.map(([, v]) => v));
                  return h.profileAreas
                    .slice(0, 10)
                    .map(([a, v]) => `${a} ${pct(v, busy)}`)
                    .join(", ");
                })() +
                `. Profile files: ${h.profile}.`,
            ]
          : []),
        ...db.details.slice(0, 6).map((d) => `DB: ${d}`),
      ],
    });
    if (h.fault) {
      const f = h.fault;
      const errsF = Object.entries(f.errors).map(([k, n]) => `${k}: ${n}`);
      out.push({
        title: "4. Fault: SIGKILL of the server's process group during a burst",
        intro:
          "Same learners and database. Mid-burst the whole process group (Next.js and its grader workers) gets SIGKILL; " +
          "it is started again as `npm start` does (database setup, then `next start`), and the learners carry on. " +
          "Then the database is read directly: every acknowledged submission of parts 3 and 4, and the progress table.",
        table: {
          header: ["acked before kill", "in flight at kill", "restart: db setup", "next start → answers", "first grade after", "acked after", "lost", "stored ≠ shown", "stored, unanswered", "progress problems"],
          rows: [
            [
              String(f.beforeKill),
              String(f.inFlightAtKill),
              `${ms(f.dbSetupMs)} ms`,
              `${ms(f.serverStartMs)} ms`,
              `${ms(f.firstGradeMs)} ms`,
              String(f.afterRestart),
              String(f.db.lost),
              String(f.db.mismatched),
              String(f.db.unacknowledgedStored),
              String(f.db.progressProblems),
            ],
          ],
        },
        notes: [
          `Restart until the server answers: ${ms((f.dbSetupMs + f.serverStartMs) / 1000)} s (database setup + \`next start\`). Nothing lost: ${verdict(f.db.lost === 0 && f.db.mismatched === 0)}; progress consistent: ${verdict(f.db.progressProblems === 0)} (${f.db.progressRows} progress rows checked against ${f.db.found + f.db.unacknowledgedStored} stored submissions).`,
          `"Stored, unanswered" are requests cut off by the kill (or refused while down) whose submission was committed: stored, not lost.`,
          `Errors by status during the fault run: ${errsF.length ? errsF.join(", ") : "none"}.`,
          ...f.db.details.slice(0, 8).map((d) => `DB: ${d}`),
        ],
      });
    } else if (h.faultError) {
      out.push({ title: "4. Fault", notes: [`Not completed: ${h.faultError}`] });
    }
  } else if (r.httpError) {
    out.push({ title: "3–4. HTTP burst and fault", notes: [`Not measured: ${r.httpError}`] });
  }

  if (r.editor || r.editorError) out.push(editorSection(r.editor, r.editorError));

  out.unshift({
    title: "Machine",
    notes: [
      `${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}, ${m.platform}; ${m.date}.`,
      `Load average when the run started: ${m.loadAtStart}${m.loadAtStart > m.cores / 2 ? " (other work was running: figures are pessimistic)" : ""}.`,
      `Command: \`${r.command}\`${r.quick ? " (quick: fewer runs, shorter bursts)" : ""}; took ${r.totalSeconds.toFixed(0)} s.`,
    ],
  });
  return out;
}

export function renderText(r: Results): string {
  return sections(r)
    .map((s) => {
      const parts = [`== ${s.title}`];
      if (s.table) parts.push(textTable(s.table.header, s.table.rows));
      parts.push(...s.notes.map((n) => `  ${n.replace(/\*\*/g, "").replace(/`/g, "")}`));
      return parts.join("\n");
    })
    .join("\n\n");
}

export function renderMarkdown(r: Results): string {
  const body = sections(r)
    .map((s) => {
      const parts = [`## ${s.title}`];
      if (s.intro) parts.push(s.intro);
      if (s.table) parts.push(markdownTable(s.table.header, s.table.rows));
      if (s.notes.length) parts.push(s.notes.map((n) => `- ${n}`).join("\n"));
      return parts.join("\n\n");
    })
    .join("\n\n");
  return [
    "# Benchmarks",
    "",
    "Written by `npm run bench` (bench/index.ts); do not edit by hand. `npm run --silent bench -- --quick` runs a short version.",
    "Targets (issue 6): median grade of a correct submission < 5 ms and p99 < 25 ms; ≥ 20× a process-per-submission grader; " +
      "≥ 200 submissions/s over HTTP with p95 < 100 ms at 50 learners on a 2-core machine; nothing lost, before or after a SIGKILL.",
    "",
    body,
    "",
    "Summary line:",
    "",
    "```",
    summaryLine(r),
    "```",
    "",
  ].join("\n");
}
