// npm run exercises:check [-- <slug>]: validates exercise folders, exits non-zero on any problem.
import { checkExercises, type CheckReport } from "./check";
import { exerciseSlugs } from "./exercises";
import { GraderPool } from "./pool";

function table(reports: CheckReport[]): string {
  const head = ["exercise", "result", "reference", "starter", "mistakes", "random", "ms"];
  const rows = reports.map((r) => [r.slug, r.ok ? "ok" : "FAIL", r.reference, r.starter, r.mistakes, r.random, String(r.durationMs)]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  if (args.length > 1 || args.some((a) => a.startsWith("-"))) {
    process.stderr.write("usage: npm run exercises:check [-- <slug>]\n");
    return 2;
  }
  const all = exerciseSlugs();
  if (args.length === 1 && !all.includes(args[0])) {
    process.stderr.write(`exercises:check: unknown exercise "${args[0]}"; valid slugs: ${all.join(", ")}\n`);
    return 2;
  }
  if (all.length === 0) {
    process.stderr.write("exercises:check: no exercise folders found\n");
    return 1;
  }
  const pool = new GraderPool();
  try {
    const started = performance.now();
    const { reports, ok } = await checkExercises(pool, {
      slugs: args.length ? args : undefined,
      onReport: (r) => {
        process.stdout.write(`${r.ok ? "✓" : "✗"} ${r.slug}  (${r.durationMs} ms)\n`);
        for (const p of r.problems) process.stdout.write(`    - ${p}\n`);
      },
    });
    process.stdout.write(`\n${table(reports)}\n\n`);
    const bad = reports.filter((r) => !r.ok).length;
    process.stdout.write(
      ok
        ? `All ${reports.length} exercise(s) OK in ${Math.round(performance.now() - started)} ms.\n`
        : `${bad} of ${reports.length} exercise(s) have problems.\n`,
    );
    return ok ? 0 : 1;
  } finally {
    await pool.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`exercises:check: ${e.stack ?? e.message}\n`);
    process.exitCode = 1;
  },
);
