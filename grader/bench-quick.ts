// Quick timing of the grader: median time to grade a correct submission (each exercise's
// reference, submitted as learner code) through the pool, as the server would.
//   npx tsx grader/bench-quick.ts [rounds]
import { loadCatalogue } from "./exercises";
import { GraderPool } from "./pool";
import type { GradeMode, GradeResult } from "./types";

const rounds = Number(process.argv[2] ?? 30);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function main(): Promise<void> {
  // One worker: measures a single grade, not the machine's throughput.
  const pool = new GraderPool({ size: 1 });
  await pool.start();
  const rows: string[][] = [["exercise", "mode", "tests", "round trip", "in worker", "compile", "isolate", "run", "compare"]];
  try {
    for (const ex of loadCatalogue().exercises) {
      for (const mode of ["run", "submit"] as GradeMode[]) {
        // Warm-up (exercise files built, fixed expected values cached), then distinct code per
        // round so the compile cache does not flatter the figure.
        await pool.grade({ slug: ex.slug, code: ex.reference, mode });
        const wall: number[] = [];
        const results: GradeResult[] = [];
        for (let i = 0; i < rounds; i++) {
          // Submissions arrive one at a time, as from people clicking, not back to back.
          await new Promise((resolve) => setTimeout(resolve, 10));
          const t0 = performance.now();
          const r = await pool.grade({ slug: ex.slug, code: `${ex.reference}\n// ${mode} round ${i}\n`, mode });
          wall.push(performance.now() - t0);
          if (r.status !== "pass") throw new Error(`${ex.slug}: reference did not pass (${r.status})`);
          results.push(r);
        }
        const ms = (xs: number[]) => `${median(xs).toFixed(2)} ms`;
        rows.push([
          ex.slug,
          mode,
          String(results[0].total),
          ms(wall),
          ms(results.map((r) => r.durationMs)),
          ms(results.map((r) => r.timings.compileMs)),
          ms(results.map((r) => r.timings.isolateMs)),
          ms(results.map((r) => r.timings.runMs)),
          ms(results.map((r) => r.timings.compareMs)),
        ]);
      }
    }
  } finally {
    await pool.close();
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(widths[i])).join("  "));
  console.log(`\nmedians over ${rounds} submissions spaced 10 ms apart, one worker`);
}

void main();
