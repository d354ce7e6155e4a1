// Turns the measured figures into one document, printed as text tables and written as
// BENCHMARKS.md, plus the one-line summary the issue asks for.
import type { BaselineFigures } from "./baseline";
import { editorSection, type EditorLoadFigures } from "./editor-load";
import type { GradeSteps, ProbeResult } from "./cpu-probe";
import type { KindFigures, PoolFigures } from "./grader-pool";
import type { BurstFigures, HttpFigures } from "./http";
import type { Machine } from "./machine";
import { queueSections, type QueueFigures } from "./queue";
import { floorOf, met, ratios, targetText, type Ratio } from "./ratios";
import type { RuntimeFigures } from "./runtimes";
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
  runtimes?: RuntimeFigures;
  runtimesError?: string;
  editor?: EditorLoadFigures;
  editorError?: string;
  queue?: QueueFigures;
  queueError?: string;
  totalSeconds: number;
}

interface Section {
  title: string;
  intro?: string;
  table?: { header: Row; rows: Row[] };
  notes: string[];
}

function lostCount(r: Results): number {
  const h = r.http;
  if (!h) return NaN;
  // The fault check re-reads everything, burst included.
  return h.fault ? h.fault.db.lost : h.burstDb.lost;
}

/** One line, last on stdout: the figures of earlier benchmarks, then the ratios, then losses. */
export function summaryLine(r: Results): string {
  const h = r.http;
  return [
    `grade-p50-ms=${figure(r.pool?.correctAll.p50 ?? NaN)}`,
    `grade-p99-ms=${figure(r.pool?.correctAll.p99 ?? NaN)}`,
    // Capacity (closed loop), and the p95 learners see at half of it (paced run).
    `http-rps=${figure(h?.saturation.perSecond ?? NaN, 1)}`,
    `http-p95-ms=${figure((h?.paced ?? h?.saturation)?.latency.p95 ?? NaN, 1)}`,
    ...ratios(r).map((x) => `${x.key}=${figure(x.value, x.value >= 10 ? 1 : 2)}`),
    `lost=${Number.isFinite(lostCount(r)) ? lostCount(r) : "NaN"}`,
    `editor-cold-ratio=${figure(r.editor?.coldRatio ?? NaN, 1)}`,
    `editor-warm-ratio=${figure(r.editor?.warmRatio ?? NaN, 1)}`,
  ].join(" ");
}

const share = (x: number) => `${Math.round(1000 * x) / 10}%`;
const verdict = (ok: boolean) => (ok ? "met" : "**missed**");

// One function per part of the benchmark, each returning its sections: a new part adds a field
// to Results, a function here and a line in sections().

function ratioSection(r: Results): Section[] {
  const list = ratios(r);
  return [
    {
      title: "Targets: ratios measured in this run",
      intro:
        "Every target is a ratio of two figures taken side by side in one run, so it survives a busy or a different machine. " +
        "CPU figures are CPU time (every thread of the processes concerned, from /proc or process.cpuUsage), not wall time.",
      table: {
        header: ["ratio", "target", "measured", ""],
        rows: list.map((x: Ratio) => [x.name, targetText(x), figure(x.value, 2), Number.isFinite(x.value) ? verdict(met(x)) : "not measured"]),
      },
      notes: list.map((x) => `${x.name}: ${x.detail}.`),
    },
  ];
}

function poolSection(r: Results): Section[] {
  if (!r.pool) return r.poolError ? [{ title: "1. Grading in the pool", notes: [`Not measured: ${r.poolError}`] }] : [];
  const p = r.pool;
  const shares = (t: PoolFigures["correctAll"]["totals"]) => {
    const other = t.duration - t.compile - t.isolate - t.run - t.compare;
    return [pct(t.compile, t.duration), pct(t.isolate, t.duration), pct(t.run, t.duration), pct(t.compare, t.duration), pct(other, t.duration)];
  };
  const row = (name: string, tests: string, correct: KindFigures, wrong: KindFigures, wrongLabel: string): Row => [
    name,
    tests,
    ms(correct.p50),
    ms(correct.p99),
    wrongLabel,
    ms(wrong.p99),
    ms(correct.roundTripP50),
    ms(correct.ipcP50),
    ms(correct.cpuP50),
    ms(wrong.cpuP50),
    ...shares(correct.totals),
  ];
  const rows: Row[] = p.exercises.map((e) => row(e.slug, String(e.tests), e.correct, e.wrong, `${ms(e.wrong.p50)} (${e.wrongVariant})`));
  rows.push(row("all, correct", "", p.correctAll, p.wrongAll, ms(p.wrongAll.p50)));
  const unexpected = [...p.correctAll.unexpected, ...p.wrongAll.unexpected];
  return [
    {
      title: "1. Grading in the pool (Submit: compile + sandbox + every test)",
      intro:
        `${p.runsPerKind} correct and ${p.runsPerKind} wrong submissions per exercise, one at a time, ${p.gapMs} ms apart, ` +
        `distinct code each time (no compile-cache hits), pool of ${p.poolSize} workers. ` +
        `Grade = the worker's own time (GradeResult.durationMs); round trip = pool.grade() as the server sees it; ` +
        `IPC = round trip − grade; CPU = CPU time of the workers and their children (every thread) from one submission's start to the next one's, ` +
        `so it includes sending the result, disposing the isolate and preparing the next one. ` +
        `Shares are of the grade time of correct submissions ("other" = loading the exercise, planning cases).`,
      table: {
        header: ["exercise", "tests", "correct p50", "correct p99", "wrong p50", "wrong p99", "round trip p50", "IPC p50", "CPU correct p50", "CPU wrong p50", "compile", "isolate", "run", "compare", "other"],
        rows,
      },
      notes: [
        `Correct submissions: grade p50 ${ms(p.correctAll.p50)} ms, p99 ${ms(p.correctAll.p99)} ms; round trip p50 ${ms(p.correctAll.roundTripP50)} ms, p99 ${ms(p.correctAll.roundTripP99)} ms; ` +
          `CPU per Submit p50 ${ms(p.correctAll.cpuP50)} ms (wrong ones ${ms(p.wrongAll.cpuP50)} ms: they also run the known mistakes on the host for hints).`,
        ...(p.tail
          ? [
              `Where the slowest grades' time goes (kernel scheduler statistics of the workers' main threads over each round trip): slowest 1% of correct grades ` +
                `took ${ms(p.tail.slowest.grade)} ms (round trip ${ms(p.tail.slowest.roundTrip)} ms); the worker was on a CPU ${ms(p.tail.slowest.onCpu)} ms and runnable but waiting for a CPU ${ms(p.tail.slowest.wait)} ms. ` +
                `The faster half: ${ms(p.tail.typical.grade)} ms (round trip ${ms(p.tail.typical.roundTrip)} ms), ${ms(p.tail.typical.onCpu)} ms on a CPU, ${ms(p.tail.typical.wait)} ms waiting.`,
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
    },
  ];
}

const runtimeLabel = (p: ProbeResult) => `Node ${p.node.replace(/^v/, "")} + isolated-vm ${p.isolatedVm}`;

/** Medians over exercises of per-exercise figures. */
const overExercises = (byExercise: Record<string, number>) => median(Object.values(byExercise).filter(Number.isFinite));

function inProcessFloorRatio(p: ProbeResult): number {
  return median(Object.keys(p.grade).map((slug) => p.grade[slug].cpu / (floorOf(p, slug)?.total ?? NaN)));
}

function runtimeSection(r: Results): Section[] {
  if (!r.runtimes) return r.runtimesError ? [{ title: "2. Runtimes and the floor", notes: [`Not measured: ${r.runtimesError}`] }] : [];
  const { current, node20, node20Note, profile } = r.runtimes;
  const probes = [...(node20 ? [node20] : []), current];
  const row = (name: string, value: (p: ProbeResult) => number): Row => [
    name,
    ...probes.map((p) => ms(value(p))),
    ...(node20 ? [`${figure(value(current) / value(node20), 2)}×`] : []),
  ];
  const rows: Row[] = [
    row("isolate: create, context, one script, dispose", (p) => p.isolate.bare),
    row("grader Sandbox: isolate + context + harness, dispose", (p) => p.isolate.sandbox),
    ...current.transpile.map((t) => row(`transpile: ${t.name}`, (p) => overExercises(p.transpile.find((x) => x.name === t.name)?.ms ?? {}))),
    row("reference on every case of a Submit, on the host", (p) => overExercises(p.reference)),
    row("floor of a Submit (fastest transpiler + Sandbox + reference)", (p) => overExercises(Object.fromEntries(Object.keys(p.grade).map((s) => [s, floorOf(p, s)?.total ?? NaN])))),
    row("grading CPU per Submit, in-process (gradeJob + next spare)", (p) => overExercises(Object.fromEntries(Object.entries(p.grade).map(([s, g]) => [s, g.cpu])))),
  ];
  const steps = (g: { cpu: number; steps: GradeSteps }) => [g.steps.compile, g.steps.create, g.steps.load, g.steps.calls, g.steps.dispose, g.steps.rest];
  const stepRows: Row[] = Object.entries(current.grade).map(([slug, g]) => {
    const f = floorOf(current, slug);
    return [slug, ms(g.cpu), ...steps(g).map(ms), ms(current.reference[slug]), ms(f?.total ?? NaN), figure(g.cpu / (f?.total ?? NaN), 2)];
  });
  const errors = current.transpile.filter((t) => t.error).map((t) => `${t.name}: ${t.error}`);
  return [
    {
      title: "2. Runtimes, the secure floor, and where grading CPU goes",
      intro:
        "A separate `node --no-node-snapshot` process (bench/cpu-probe.ts, bundled) measures CPU time (process.cpuUsage, plus the esbuild service's threads from /proc), " +
        `median per exercise's correct file, then the median over exercises. ${node20 ? "The same bundle runs under both runtimes in this run." : ""}`,
      table: { header: ["CPU ms (median)", ...probes.map(runtimeLabel), ...(node20 ? ["ratio"] : [])], rows },
      notes: [
        node20Note,
        `Floor ratio in-process (gradeJob's CPU ÷ the floor, median over exercises): ${probes.map((p) => `${runtimeLabel(p)} ${figure(inProcessFloorRatio(p), 2)}`).join("; ")}.`,
        ...(errors.length ? [`Transpilers that failed: ${errors.join("; ")}.`] : []),
      ],
    },
    {
      title: "2b. Where a Submit's CPU goes, step by step",
      intro:
        `${runtimeLabel(current)}, one correct file per exercise, CPU ms (median). Steps are timed one by one with the grader's own code: ` +
        "compile (grader/compile.ts), create (new Sandbox: isolate, context, harness), load (the module's top level in the isolate), " +
        "calls (every case: arguments in as JSON text, the learner's function, result and arguments out through the harness's encoder), dispose. " +
        '"rest" = gradeJob − the median sum of those steps: planning cases, random cases and their expected values, comparing, building the result (a difference of two medians: noisy on a busy machine). ' +
        "The floor counts create + dispose, the fastest transpiler and the reference run; calls and rest are the overhead of running untrusted code at arm's length.",
      table: { header: ["exercise", "gradeJob", "compile", "create", "load", "calls", "dispose", "rest", "reference", "floor", "ratio"], rows: stepRows },
      notes: profile
        ? [
            `CPU profile of in-process grading (\`--profile\`, V8 sampling profiler; time inside an isolate is charged to the host function that entered it: Sandbox = create, call = calls, load, dispose), self time by function: ` +
              profile.functions
                .filter(([f]) => !f.startsWith("(idle)"))
                .slice(0, 12)
                .map(([f, v]) => `${f.replace(/ .*\//, " ")} ${pct(v, profile.sampledMs)}`)
                .join(", ") +
              `; by package: ${profile.areas.slice(0, 6).map(([a, v]) => `${a} ${pct(v, profile.sampledMs)}`).join(", ")}. Profile: ${profile.file}.`,
          ]
        : [],
    },
  ];
}

function baselineSection(r: Results): Section[] {
  if (!r.baseline) return r.baselineError ? [{ title: "3. Baseline", notes: [`Not measured: ${r.baselineError}`] }] : [];
  const b = r.baseline;
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
  return [
    {
      title: "3. Baseline: one fresh node process per submission",
      intro:
        `Each submission graded by a new \`node --no-node-snapshot\` running bench/one-shot.ts (bundled): it loads the exercise, ` +
        `grades with the same grade code and prints JSON, then exits. Wall time from spawn to exit, ${b.runsPerKind} correct + ${b.runsPerKind} wrong per exercise. ` +
        `A container per run would add its own start-up on top.`,
      table: { header: ["exercise", "runs", "correct p50", "wrong p50", "pool round trip p50", "ratio"], rows },
      notes: [
        `Where a fresh process spends it: bare \`node -e 0\` ${ms(b.bareNodeP50)} ms; grading inside the cold process (durationMs: building the exercise's trusted files, first isolate, first compile) ${ms(b.coldGradeP50)} ms; the rest is loading the grader and isolated-vm.`,
        b.unexpected.length ? `Unexpected verdicts: ${b.unexpected.slice(0, 5).join("; ")}` : "All baseline verdicts as expected.",
      ],
    },
  ];
}

function httpSections(r: Results): Section[] {
  const out: Section[] = [];
  const m = r.machine;
  if (r.http) {
    const h = r.http;
    const runs = [h.saturation, ...(h.paced ? [h.paced] : [])];
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
      title: `4. Classroom burst over HTTP (${h.saturation.learners} learners)`,
      intro:
        "The app's server as `npm start` runs it (lib/http/server.ts in front of the production build) on a fresh SQLite database prepared by scripts/db-setup.mjs, loopback only. " +
        "Every learner signed up through better-auth and has at most one Submit in flight. " +
        "*Closed loop*: each learner submits again as soon as the answer arrives: the most the server sustains. " +
        "*Paced*: learners press Submit at random times (Poisson arrivals at half the closed-loop capacity unless `--rate` says otherwise): the latency they see at that load. " +
        "*Alone*: one learner, one Submit at a time with 30 ms pauses, before the bursts: the round trip nobody queues for. " +
        `Mix: ${share((1 - h.mix.hostileShare) * h.mix.correctShare)} correct, ${share((1 - h.mix.hostileShare) * (1 - h.mix.correctShare))} wrong (known mistakes and the starter), ` +
        `${share(h.mix.hostileShare)} hostile (infinite loops in the function and at top level, a memory bomb), exercises in rotation.`,
      table: {
        header: ["run", "submissions/s", "acknowledged", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "peak RSS (processes)", "CPU ms / submission"],
        rows: runs.map(row),
      },
      notes: [
        `One learner alone: round trip p50 ${ms(h.unloaded.p50)} ms, p95 ${ms(h.unloaded.p95)} ms (${h.unloaded.count} Submits). ` +
          `Capacity (closed loop) ${h.saturation.perSecond.toFixed(1)} submissions/s; nothing lost: ${verdict(db.lost === 0 && db.mismatched === 0)} (${db.found} of ${db.acknowledged} acknowledged submissions found in the database with the verdict shown, ${db.lost} lost, ${db.mismatched} stored differently; progress problems: ${db.progressProblems}).`,
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
              `CPU profile of the Next.js process (\`--profile\`: a separate closed-loop burst after the measured runs, as profiling slows the server; busy time by package, self time): ` +
                (() => {
                  const busy = sum(h.profileAreas.map(([, v]) => v));
                  return h.profileAreas
                    .slice(0, 10)
                    .map(([a, v]) => `${a} ${pct(v, busy)}`)
                    .join(", ");
                })() +
                `; by function: ${(h.profileFunctions ?? [])
                  .slice(0, 12)
                  .map(([f, v]) => `${f} ${pct(v, sum(h.profileAreas!.map(([, x]) => x)))}`)
                  .join(", ")}. Profile files: ${h.profile}.`,
            ]
          : []),
        ...db.details.slice(0, 6).map((d) => `DB: ${d}`),
      ],
    });
    if (h.fault) {
      const f = h.fault;
      const errsF = Object.entries(f.errors).map(([k, n]) => `${k}: ${n}`);
      out.push({
        title: "5. Fault: SIGKILL of the server's process group during a burst",
        intro:
          "Same learners and database. Mid-burst the whole process group (Next.js and its grader workers) gets SIGKILL; " +
          "it is started again as `npm start` does (database setup, then the app server), and the learners carry on. " +
          "Then the database is read directly: every acknowledged submission of parts 3 and 4, and the progress table.",
        table: {
          header: ["acked before kill", "in flight at kill", "restart: db setup", "server start → answers", "first grade after", "acked after", "lost", "stored ≠ shown", "stored, unanswered", "progress problems"],
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
          `Restart until the server answers: ${ms((f.dbSetupMs + f.serverStartMs) / 1000)} s (database setup + server start). Nothing lost: ${verdict(f.db.lost === 0 && f.db.mismatched === 0)}; progress consistent: ${verdict(f.db.progressProblems === 0)} (${f.db.progressRows} progress rows checked against ${f.db.found + f.db.unacknowledgedStored} stored submissions).`,
          `"Stored, unanswered" are requests cut off by the kill (or refused while down) whose submission was committed: stored, not lost.`,
          `Errors by status during the fault run: ${errsF.length ? errsF.join(", ") : "none"}.`,
          ...f.db.details.slice(0, 8).map((d) => `DB: ${d}`),
        ],
      });
    } else if (h.faultError) {
      out.push({ title: "5. Fault", notes: [`Not completed: ${h.faultError}`] });
    }
  } else if (r.httpError) {
    out.push({ title: "4–5. HTTP burst and fault", notes: [`Not measured: ${r.httpError}`] });
  }

  return out;
}

function machineSection(r: Results): Section {
  const m = r.machine;
  return {
    title: "Machine",
    notes: [
      `${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB memory, Node ${m.node}, ${m.platform}; ${m.date}.`,
      `Load average when the run started: ${m.loadAtStart}${m.loadAtStart > m.cores / 2 ? " (other work was running: absolute figures are pessimistic, ratios much less so)" : ""}.`,
      `Command: \`${r.command}\`${r.quick ? " (quick: fewer runs, shorter bursts)" : ""}; took ${r.totalSeconds.toFixed(0)} s.`,
    ],
  };
}

function sections(r: Results): Section[] {
  return [machineSection(r), ...ratioSection(r), ...poolSection(r), ...runtimeSection(r), ...baselineSection(r), ...httpSections(r), ...(r.editor || r.editorError ? [editorSection(r.editor, r.editorError)] : []), ...(r.queue || r.queueError ? queueSections(r.queue, r.queueError) : [])];
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
    "Targets (issue 9): four ratios measured within one run (first table below), and nothing lost, before or after a SIGKILL.",
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
