// npm run exercises:check [-- [--mutants=quick|full|off] [<slug>]]: validates exercise folders,
// exits non-zero on any problem. Quick mutation analysis by default (what `npm test` runs);
// --mutants=full grades every mutant over more seeds.
import { checkExercises, type CheckReport } from "./check";
import { exitQuietlyWhenOutputCloses } from "./cli-output";
import { exerciseSlugs } from "./exercises";
import type { MutationMode } from "./mutation";
import { GraderPool } from "./pool";

exitQuietlyWhenOutputCloses();

const USAGE = "usage: npm run exercises:check [-- [--mutants=quick|full|off] [<slug>]]\n";

function table(reports: CheckReport[]): string {
  const head = ["exercise", "result", "reference", "starter", "mistakes", "random", "data", "solutions", "mutants", "ms"];
  const rows = reports.map((r) => [
    r.slug,
    r.ok ? "ok" : "FAIL",
    r.reference,
    r.starter,
    r.mistakes,
    r.random,
    r.data,
    r.solutions,
    r.mutation,
    String(r.durationMs),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd();
  return [line(head), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function parseArgs(args: string[]): { slugs: string[]; mutation: MutationMode | "off" } | null {
  let mutation: MutationMode | "off" = "quick";
  const slugs: string[] = [];
  for (const a of args) {
    if (a.startsWith("--mutants=")) {
      const v = a.slice("--mutants=".length);
      if (v !== "quick" && v !== "full" && v !== "off") return null;
      mutation = v;
    } else if (a.startsWith("-")) return null;
    else slugs.push(a);
  }
  return slugs.length > 1 ? null : { slugs, mutation };
}

const bullet = (p: string) => `    - ${p}\n`;

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (!parsed) {
    process.stderr.write(USAGE);
    return 2;
  }
  const all = exerciseSlugs();
  const [slug] = parsed.slugs;
  if (slug && !all.includes(slug)) {
    process.stderr.write(`exercises:check: unknown exercise "${slug}"; valid slugs: ${all.join(", ")}\n`);
    return 2;
  }
  if (all.length === 0) {
    process.stderr.write("exercises:check: no exercise folders found\n");
    return 1;
  }
  // The folders as they are, even when the server still serves an older version of one.
  const pool = new GraderPool({ folderAsIs: true });
  try {
    const started = performance.now();
    const { reports, ok } = await checkExercises(pool, {
      slugs: slug ? [slug] : undefined,
      mutation: parsed.mutation,
      onReport: (r) => {
        process.stdout.write(`${r.ok ? "✓" : "✗"} ${r.slug}  (${r.durationMs} ms)\n`);
        for (const p of r.problems) process.stdout.write(bullet(p));
        for (const n of r.notes) process.stdout.write(bullet(`note: ${n}`));
      },
    });
    process.stdout.write(`\n${table(reports)}\n\n`);
    const bad = reports.filter((r) => !r.ok);
    if (ok) {
      process.stdout.write(`All ${reports.length} exercise(s) OK in ${Math.round(performance.now() - started)} ms (mutants: ${parsed.mutation}).\n`);
      return 0;
    }
    // Every problem again, together: none is reported only as a FAIL in the table.
    process.stdout.write(`${bad.length} of ${reports.length} exercise(s) have problems:\n`);
    for (const r of bad) {
      process.stdout.write(`  ${r.slug}\n`);
      for (const p of r.problems) process.stdout.write(bullet(p));
    }
    return 1;
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
