// The per-process baseline: a one-shot grader the way container- and process-per-run graders
// work. A fresh `node --no-node-snapshot` runs this file (bundled), grades exactly one
// submission with the same grade code the pool's workers use, prints the result as JSON and
// exits. Nothing is kept between submissions.
//   node --no-node-snapshot one-shot.cjs <slug> <file.ts>
import { readFileSync } from "node:fs";
import { gradeJob } from "../grader/grade";

async function main(): Promise<void> {
  const [slug, file] = process.argv.slice(2);
  if (!slug || !file) throw new Error("usage: one-shot <slug> <file.ts>");
  const result = await gradeJob({ slug, code: readFileSync(file, "utf8"), mode: "submit" });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().then(
  // esbuild's service and the spare isolate would keep the process alive: a one-shot grader exits.
  () => process.exit(0),
  (e: Error) => {
    process.stderr.write(`one-shot: ${e.message}\n`);
    process.exit(2);
  },
);
