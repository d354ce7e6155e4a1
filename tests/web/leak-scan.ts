// The secrets of every exercise (reference code, known mistakes, hidden cases and their
// expected values) as search strings, and a scanner that looks for them in files or text.
// Used by bundle-leak.test.ts; its own tests prove it finds a planted secret.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { exerciseModules } from "../../grader/compile";
import { loadCatalogue, publicExercise, type Exercise } from "../../grader/exercises";

export interface Needle {
  /** The exercise the secret belongs to. */
  slug: string;
  /** Which secret, e.g. "01-rnn-step hidden case 'single hidden unit' args". */
  label: string;
  text: string;
}

export interface Leak {
  where: string;
  needle: Needle;
}

const MIN_LENGTH = 12;

/** How a minifier may print the same JSON: 0.5 → .5, -0.25 → -.25. */
function minifiedNumbers(json: string): string {
  return json.replace(/(^|[^\d.])0\.(\d)/g, "$1.$2");
}

/**
 * True for numbers a learner's output or a random case can produce by coincidence: integers
 * and simple fractions like 1/3 or 7/20. Such values identify nothing.
 */
export function isSimpleNumber(n: number): boolean {
  if (!Number.isFinite(n)) return true;
  for (let q = 1; q <= 100; q++) if (Math.abs(n * q - Math.round(n * q)) < 1e-9 * Math.max(1, Math.abs(n * q))) return true;
  return false;
}

/** JSON that identifies a particular case: it holds a non-trivial number, or several numbers. */
function isDistinctive(json: string): boolean {
  const numbers = (json.match(/-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi) ?? []).map(Number);
  if (numbers.some((n) => !isSimpleNumber(n))) return true;
  return new Set(numbers).size >= 4 && json.length >= 20;
}

/** Whitespace-insensitive form, so re-indented code still matches. */
export function squash(text: string): string {
  return text.replace(/\s+/g, "");
}

/** Lines of a source file that say something about the solution (not braces, not comments). */
function distinctiveLines(source: string): string[] {
  return source
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l.length >= 16 && !l.startsWith("//") && !l.startsWith("*") && !l.startsWith("/*"))
    .filter((l) => !/^export (async )?function\b/.test(l)); // the signature is public
}

/** Body of the exported function: the lines after its signature, up to the last "}". */
function functionBody(source: string, exportName: string): string | null {
  const start = source.search(new RegExp(`export\\s+(async\\s+)?function\\s+${exportName}\\b`));
  if (start < 0) return null;
  const lineEnd = source.indexOf("\n", start);
  const end = source.lastIndexOf("}");
  return lineEnd < 0 || end <= lineEnd ? null : source.slice(lineEnd + 1, end);
}

/** Every secret of one exercise that does not also appear in what the browser may see. */
export async function secretNeedles(ex: Exercise): Promise<Needle[]> {
  // As the grader calls it: a function, or a runner of scenario steps for a class or several exports.
  const { reference } = await exerciseModules(ex);
  // Anything in the public projection or in a visible expected value is not a secret.
  const visibleExpected = ex.tests.visible.map((c) => JSON.stringify(reference(...structuredClone(c.args))));
  const pub = publicExercise(ex);
  const publicText = [
    JSON.stringify(pub),
    pub.statement,
    pub.starter,
    pub.meta.signature,
    ...pub.examples.map((c) => JSON.stringify(c.args)),
    ...visibleExpected,
  ].join("\n");
  const publicSquashed = squash(publicText);

  const raw: Needle[] = [];
  const add = (label: string, text: string | null | undefined) => {
    if (!text || text.length < MIN_LENGTH) return;
    raw.push({ slug: ex.slug, label, text });
  };
  const addData = (label: string, json: string | undefined) => {
    if (json && isDistinctive(json)) add(label, json);
  };

  const body = functionBody(ex.reference, ex.meta.export);
  if (body) add(`${ex.slug} reference body`, squash(body));
  for (const line of distinctiveLines(ex.reference)) add(`${ex.slug} reference line`, line);
  for (const m of ex.mistakes) {
    const mBody = functionBody(m.source, ex.meta.export);
    if (mBody) add(`${ex.slug} mistake ${m.id} body`, squash(mBody));
    for (const line of distinctiveLines(m.source)) add(`${ex.slug} mistake ${m.id} line`, line);
  }
  for (const c of ex.tests.hidden) {
    const args = JSON.stringify(c.args);
    add(`${ex.slug} hidden '${c.name}' args`, args);
    add(`${ex.slug} hidden '${c.name}' args (minified)`, minifiedNumbers(args));
    c.args.forEach((a, i) => addData(`${ex.slug} hidden '${c.name}' ${ex.meta.params[i]}`, JSON.stringify(a)));
    let expected: unknown;
    try {
      expected = reference(...structuredClone(c.args));
    } catch {
      continue;
    }
    addData(`${ex.slug} hidden '${c.name}' expected`, JSON.stringify(expected));
    const numbers: number[] = [];
    JSON.stringify(expected, (_k, v) => (typeof v === "number" && numbers.push(v), v));
    for (const n of numbers) {
      const text = String(n);
      if (!isSimpleNumber(n) && text.replace(/[-.]/g, "").length >= 10) add(`${ex.slug} hidden '${c.name}' expected value`, text);
    }
  }

  // Drop needles that are public anyway (e.g. an identity matrix also used by an example).
  const seen = new Set<string>();
  return raw.filter((n) => {
    if (seen.has(n.text)) return false;
    seen.add(n.text);
    return !publicText.includes(n.text) && !publicSquashed.includes(squash(n.text));
  });
}

export async function allSecretNeedles(dir?: string): Promise<Needle[]> {
  const { exercises, errors } = loadCatalogue(dir);
  if (errors.length) throw new Error(`broken exercise folders: ${errors.map((e) => e.message).join("; ")}`);
  const out: Needle[] = [];
  for (const ex of exercises) out.push(...(await secretNeedles(ex)));
  return out;
}

/** Finds needles in a text, comparing both as-is and with whitespace removed. */
export function findInText(where: string, text: string, needles: Needle[]): Leak[] {
  const squashed = squash(text);
  const leaks: Leak[] = [];
  for (const needle of needles) {
    const sq = squash(needle.text);
    // Whitespace-free matching only for long needles: short ones would match by accident.
    if (text.includes(needle.text) || (sq.length >= 20 && squashed.includes(sq))) leaks.push({ where, needle });
  }
  return leaks;
}

export function listFiles(dir: string, skip: (p: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (skip(full)) continue;
      if (statSync(full).isDirectory()) walk(full);
      else out.push(full);
    }
  };
  walk(dir);
  return out;
}

/** Scans every text file under the given directories. */
export function findInFiles(files: string[], needles: Needle[]): Leak[] {
  const leaks: Leak[] = [];
  for (const file of files) {
    if (/\.(png|jpe?g|gif|webp|ico|woff2?|ttf|eot|otf)$/i.test(file)) continue;
    leaks.push(...findInText(file, readFileSync(file, "utf8"), needles));
  }
  return leaks;
}
