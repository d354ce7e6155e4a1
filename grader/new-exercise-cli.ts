// npm run exercises:new -- <slug> [--title "…"] [--export name]
// Scaffolds exercises/<NN-slug>/ with every file the format needs. The scaffold is a tiny but
// complete exercise ("scale a vector") whose reference is left as a TODO, so
// `npm run exercises:check` points the author at exactly what is left to fill in.
import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SLUG_PATTERN } from "./exercise-schema";
import { exerciseSlugs, exercisesDir, loadCatalogue } from "./exercises";

function usage(message: string): never {
  process.stderr.write(`exercises:new: ${message}\nusage: npm run exercises:new -- <slug> [--title "Title"] [--export functionName]\n`);
  process.exit(2);
}

function parseArgs(argv: string[]) {
  let slug: string | undefined;
  let title: string | undefined;
  let exportName: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--title") title = argv[++i];
    else if (a === "--export") exportName = argv[++i];
    else if (a.startsWith("-")) usage(`unknown option ${a}`);
    else if (slug) usage("give one slug");
    else slug = a;
  }
  if (!slug) usage("missing <slug>");
  return { slug, title, exportName };
}

const camel = (kebab: string) => kebab.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

function main() {
  const { slug: raw, title: givenTitle, exportName: givenExport } = parseArgs(process.argv.slice(2));
  const dir = exercisesDir();
  // Number the folder after the last exercise unless the author gave "NN-name".
  const nextOrder = Math.max(0, ...loadCatalogue(dir).exercises.map((e) => e.meta.order)) + 1;
  const slug = /^[0-9]{2}-/.test(raw) ? raw : `${String(nextOrder).padStart(2, "0")}-${raw}`;
  if (!SLUG_PATTERN.test(slug)) usage(`"${raw}" is not a valid slug: use lowercase words joined by dashes, e.g. "peephole-lstm"`);
  if (exerciseSlugs(dir).includes(slug) || existsSync(path.join(dir, slug))) usage(`exercises/${slug} already exists`);

  const name = slug.replace(/^[0-9]{2}-/, "");
  const exportName = givenExport ?? camel(name);
  if (!/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(exportName)) usage(`"${exportName}" is not a valid function name`);
  const title = givenTitle ?? name.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
  const order = Number(slug.slice(0, 2));
  const signature = `export function ${exportName}(v: number[], k: number): number[]`;

  const files: Record<string, string> = {
    "exercise.json": JSON.stringify(
      {
        // Permanent: the database follows this id when the folder is renamed.
        id: randomUUID(),
        title,
        order,
        summary: "TODO: one line that says what the learner computes.",
        difficulty: "easy",
        tags: [],
        export: exportName,
        signature,
        params: ["v", "k"],
        tolerance: { rtol: 1e-6, atol: 1e-9 },
        randomCases: 10,
        inputs: { v: { shape: ["n"] } },
      },
      null,
      2,
    ) + "\n",
    "statement.md": `TODO: what the quantity means and why it matters, with math like $y = k\\,v$.

$$
y_i = k \\, v_i
$$

## Your task

Write \`${exportName}(v, k)\` returning a new array. Do not modify the arguments.

## Worked example

With $v = (1, 2)$ and $k = 3$: $y = (3, 6)$.
`,
    "starter.ts": `${signature} {
  // TODO: compute the result
  return v.map(() => 0);
}
`,
    "reference.ts": `${signature} {
  // TODO: write the correct implementation; \`npm run exercises:check\` fails until you do.
  throw new Error("reference.ts is not written yet");
}
`,
    "tests.json": JSON.stringify(
      {
        visible: [{ id: "worked-example", name: "worked example", args: [[1, 2], 3], expected: [3, 6] }],
        hidden: [
          { id: "zero-vector", name: "zero vector", args: [[0, 0, 0], 5] },
          { id: "negative-factor", name: "negative factor", args: [[1.5, -2], -4] },
        ],
      },
      null,
      2,
    ) + "\n",
    "random.ts": `import type { Rng } from "../../grader/rng";

/** One argument list per call; sizes and values should vary with the seed. */
export default function generate(rng: Rng): unknown[] {
  return [rng.vector(rng.int(1, 8), -5, 5), rng.float(-3, 3)];
}
`,
    "mistakes.json": JSON.stringify(
      [
        {
          id: "ignores-factor",
          description: "Returns the input unchanged.",
          hint: "Your output equals the input: every element should be multiplied by k.",
        },
      ],
      null,
      2,
    ) + "\n",
    "mistakes/ignores-factor.ts": `${signature} {
  return [...v];
}
`,
    "solutions/loop.ts": `// A correct solution in another style than reference.ts: exercises:check grades it too.
${signature} {
  const out: number[] = [];
  for (const x of v) out.push(x * k);
  return out;
}
`,
  };

  const target = path.join(dir, slug);
  mkdirSync(path.join(target, "mistakes"), { recursive: true });
  mkdirSync(path.join(target, "solutions"), { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(target, file), content);
  process.stdout.write(
    `Created exercises/${slug}/ (${Object.keys(files).length} files).\n` +
      `Next: write reference.ts, the statement, tests and mistakes (see exercises/README.md), then\n` +
      `  npm run exercises:check -- ${slug}\n`,
  );
}

main();
