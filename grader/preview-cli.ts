// grader/preview-cli.ts <slug> (run compiled: lib/instructor/preview.ts): prints previewExercise() of one exercise as JSON.
// lib/instructor/preview.ts runs this in a short-lived child process, so the reference runs on
// the host but never inside the web server process.
import { loadExercise } from "./exercises";
import { previewExercise } from "./preview";

async function main(): Promise<number> {
  const [slug, ...rest] = process.argv.slice(2);
  if (!slug || rest.length) {
    process.stderr.write("usage: preview-cli <slug>\n");
    return 2;
  }
  try {
    const ex = loadExercise(slug);
    if (!ex) {
      process.stdout.write(JSON.stringify({ ok: false, error: `Unknown exercise "${slug}"` }) + "\n");
      return 1;
    }
    process.stdout.write(JSON.stringify({ ok: true, preview: await previewExercise(ex) }) + "\n");
    return 0;
  } catch (e) {
    process.stdout.write(JSON.stringify({ ok: false, error: (e as Error).message }) + "\n");
    return 1;
  }
}

main().then((code) => {
  process.exitCode = code;
});
