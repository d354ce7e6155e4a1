// npm run --silent grade -- <slug> <file.ts> [--visible] [--seed N]
// Prints one JSON object on stdout. Exit 0 on pass, 1 on fail or error, 2 on a usage error.
import { readFileSync } from "node:fs";
import { exerciseSlugs, loadExercise, ExerciseFormatError } from "./exercises";
import { exitQuietlyWhenOutputCloses } from "./cli-output";
import { GradeJobError, GraderPool } from "./pool";
import type { GradeJob, GradeResult } from "./types";
import { HIDDEN_OUTPUT_MARKER } from "./hidden-feedback";

exitQuietlyWhenOutputCloses();

const USAGE = "usage: npm run --silent grade -- <slug> <file.ts> [--visible] [--seed N]";

class UsageError extends Error {}

function parseArgs(argv: string[]): GradeJob {
  const positional: string[] = [];
  let mode: GradeJob["mode"] = "submit";
  let seed: number | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--visible") mode = "run";
    else if (arg === "--seed" || arg.startsWith("--seed=")) {
      const text = arg === "--seed" ? argv[++i] : arg.slice("--seed=".length);
      if (text === undefined || !/^\d+$/.test(text) || Number(text) > 2 ** 32 - 1) {
        throw new UsageError(`--seed needs an integer from 0 to ${2 ** 32 - 1}`);
      }
      seed = Number(text);
    } else if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}; ${USAGE}`);
    else positional.push(arg);
  }
  if (positional.length !== 2) throw new UsageError(USAGE);
  const [slug, file] = positional;
  let exists: boolean;
  try {
    exists = loadExercise(slug) !== null;
  } catch (e) {
    if (e instanceof ExerciseFormatError) throw new UsageError(`exercise ${slug} is broken: ${e.message}`);
    throw e;
  }
  if (!exists) {
    throw new UsageError(`unknown exercise "${slug}"; valid slugs: ${exerciseSlugs().join(", ") || "(none found)"}`);
  }
  let code: string;
  try {
    code = readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { slug, code, mode, ...(seed !== undefined ? { seed } : {}) };
}

/** The CLI's JSON: the fields, plus the seed, hints and console output when present. */
function summary(r: GradeResult) {
  return {
    exercise: r.exercise,
    status: r.status,
    ...(r.error ? { error: r.error } : {}),
    tests: r.tests.map((t) => ({
      name: t.name,
      status: t.status,
      hidden: t.hidden,
      ...(t.message ? { message: t.message } : {}),
      ...(t.hint ? { hint: t.hint } : {}),
    })),
    passed: r.passed,
    total: r.total,
    seed: r.seed,
    // A console holding only the hidden-output marker (on every Submit) says nothing.
    ...(r.console && r.console !== `${HIDDEN_OUTPUT_MARKER}\n` ? { console: r.console, consoleTruncated: r.consoleTruncated } : {}),
    durationMs: r.durationMs,
  };
}

async function main(): Promise<number> {
  let job: GradeJob;
  try {
    job = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`grade: ${e.message}\n`);
      return 2;
    }
    throw e;
  }
  // The folder as it is on disk: an author grading a file wants their edit, not the version a
  // server holds back until it passes its check.
  const pool = new GraderPool({ size: 1, folderAsIs: true });
  try {
    const result = await pool.grade(job);
    process.stdout.write(`${JSON.stringify(summary(result), null, 2)}\n`);
    return result.status === "pass" ? 0 : 1;
  } catch (e) {
    if (e instanceof GradeJobError && e.code !== "unavailable") {
      process.stderr.write(`grade: ${e.message.split("\n")[0]}\n`);
      return 2;
    }
    throw e;
  } finally {
    await pool.close();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: Error) => {
    process.stderr.write(`grade: ${e.message.split("\n")[0]}\n`);
    process.exitCode = 1;
  },
);
