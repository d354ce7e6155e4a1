// grader/preview-cli.ts <slug> [--mutants] (run compiled: lib/instructor/preview.ts): prints
// previewExercise() of one exercise as JSON, or with --mutants the mutants of its reference.
// lib/instructor/preview.ts runs this in a short-lived child process, so the reference runs on
// the host but never inside the web server process, and neither does the TypeScript parser.
import { loadExercise } from "./exercises";
import { generateMutants } from "./mutants";
import { previewExercise } from "./preview";

async function main(): Promise<number> {
  const [slug, ...rest] = process.argv.slice(2);
  const mutants = rest.length === 1 && rest[0] === "--mutants";
  if (!slug || (rest.length && !mutants)) {
    process.stderr.write("usage: preview-cli <slug> [--mutants]\n");
    return 2;
  }
  try {
    const ex = loadExercise(slug);
    if (!ex) {
      process.stdout.write(JSON.stringify({ ok: false, error: `Unknown exercise "${slug}"` }) + "\n");
      return 1;
    }
    const body = mutants ? { mutants: generateMutants(ex.reference) } : { preview: await previewExercise(ex) };
    process.stdout.write(JSON.stringify({ ok: true, ...body }) + "\n");
    return 0;
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: (e as Error).message }) + "\n");
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
