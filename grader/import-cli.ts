// npm run exercises:import -- <canonical-data.json> [--slug NN-name]
// Creates exercises/<slug>/ from a problem of Exercism's problem specifications
// (grader/import-canonical.ts); the reference and the statement are left marked TODO.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { SLUG_PATTERN } from "./exercise-schema";
import { exerciseSlugs, exercisesDir, loadCatalogue } from "./exercises";
import { canonicalDataSchema, defaultSlug, importCanonical } from "./import-canonical";

const USAGE = "usage: npm run exercises:import -- <canonical-data.json> [--slug NN-name]\n";

function fail(message: string): never {
  process.stderr.write(`exercises:import: ${message}\n${USAGE}`);
  process.exit(2);
}

function parseArgs(argv: string[]): { file: string; slug?: string } {
  let file: string | undefined;
  let slug: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--slug") {
      slug = argv[++i];
      if (!slug) fail("--slug needs a value");
    } else if (a.startsWith("-")) fail(`unknown option ${a}`);
    else if (file) fail("give one canonical-data.json");
    else file = a;
  }
  if (!file) fail("missing <canonical-data.json>");
  return { file, slug };
}

function main(): void {
  const { file, slug: givenSlug } = parseArgs(process.argv.slice(2));
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    fail(`cannot read ${file}: ${(e as Error).message}`);
  }
  const parsed = canonicalDataSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    fail(`${file} is not in the canonical-data.json format:\n  ${issues.join("\n  ")}`);
  }
  const dir = exercisesDir();
  const nextOrder = Math.max(0, ...loadCatalogue(dir).exercises.map((e) => e.meta.order)) + 1;
  const slug = givenSlug ?? defaultSlug(parsed.data.exercise, nextOrder);
  if (!SLUG_PATTERN.test(slug)) fail(`"${slug}" is not a valid slug: two digits, a dash, lowercase words joined by dashes`);
  if (exerciseSlugs(dir).includes(slug) || existsSync(path.join(dir, slug))) fail(`${path.join(dir, slug)} already exists`);

  let result: ReturnType<typeof importCanonical>;
  try {
    result = importCanonical(parsed.data, { slug, order: Number(slug.slice(0, 2)) });
  } catch (e) {
    fail(`cannot import ${file}: ${(e as Error).message}`);
  }
  const target = path.join(dir, slug);
  mkdirSync(target, { recursive: true });
  for (const [name, content] of Object.entries(result.files)) writeFileSync(path.join(target, name), content);
  const tests = JSON.parse(result.files["tests.json"]) as { visible: unknown[]; hidden: unknown[] };
  process.stdout.write(
    `Created ${path.relative(process.cwd(), target) || target}/ with ${tests.visible.length + tests.hidden.length} cases ` +
      `(${tests.visible.length} visible, ${tests.hidden.length} hidden).\n` +
      result.notes.map((n) => `note: ${n}\n`).join("") +
      `Next: write reference.ts and statement.md (marked TODO), check the signature's types, then\n` +
      `  npm run exercises:check -- ${slug}\n`,
  );
}

main();
