// Mutation analysis: grades every mutant of the reference (grader/mutants.ts) as a learner's
// Submit, through the same grader entry point learners use, over several seeds. A mutant is
// killed when every seed's Submit fails; it survives when some Submit passes, which means a
// learner making that change could be told "pass". The score is killed / (killed + survived);
// mutants the author marked as equivalent (equivalent-mutants.json) are left out of it.
//
// This module does not parse TypeScript (mutants.ts does), so the web server can import it.
import { z } from "zod";
import type { EquivalentMutant } from "./exercise-schema";
import type { GradeJob, GradeResult } from "./types";

export const MUTATION_OPERATORS = {
  arithmetic: "arithmetic operator swapped",
  operand: "one operand of an arithmetic operation dropped",
  assignment: "compound assignment changed",
  relational: "comparison changed (boundary or negation)",
  equality: "equality test negated",
  logical: "logical operator swapped",
  unary: "unary minus or negation removed",
  constant: "numeric constant nudged",
  math: "Math function swapped",
  "math-removed": "Math function call removed",
  naive: "robust formula replaced by the naive one",
  statement: "statement removed",
  condition: "condition forced true or false",
  "loop-bound": "loop bound off by one",
  iteration: "first or last element skipped",
  "property-swap": "property swapped for another of the same object",
  "index-swap": "two indices swapped (transposed access)",
  "element-swap": "two neighbouring array elements swapped",
} as const;

export type MutationOperator = keyof typeof MUTATION_OPERATORS;

/** One mutant of a reference; parsed again where it crosses a process boundary (the preview's child). */
export const mutantSchema = z.object({
  /** Stable across edits elsewhere in the file: operator plus a hash of the changed line(s). */
  id: z.string().min(1),
  operator: z.enum(Object.keys(MUTATION_OPERATORS) as [MutationOperator, ...MutationOperator[]]),
  /** The change in words, e.g. "`<=` → `<`". */
  description: z.string(),
  /** 1-based line of the change in the reference. */
  line: z.number().int().positive(),
  /** The whole mutated file. */
  source: z.string(),
  /** Unified diff of reference.ts against the mutant, one line of context. */
  diff: z.string(),
});

export type Mutant = z.infer<typeof mutantSchema>;

export type MutationMode = "quick" | "full";

/**
 * Seeds each mutant is graded with, one after the other until it is killed for sure (a fixed
 * test fails, whatever the seed) or passes. Quick is what `npm test` runs; full is on demand.
 */
export const MUTATION_SEEDS: Record<MutationMode, readonly number[]> = {
  quick: [1, 2, 3],
  full: Array.from({ length: 20 }, (_, i) => 1000 + i * 7919),
};

export type MutantStatus = "killed" | "survived" | "equivalent" | "invalid";

export interface MutantOutcome {
  id: string;
  operator: MutationOperator;
  description: string;
  line: number;
  diff: string;
  status: MutantStatus;
  /** Killed: the fixed tests that fail (first few), or that only random cases did, on every seed. */
  killedBy?: string[];
  /** Survived or equivalent: a seed whose Submit passes every test (replay it with `grade --seed`). */
  passedSeed?: number;
  /** Survived: it failed some seeds' random cases, so a learner passes only by luck. */
  flaky?: boolean;
  /** Equivalent: the author's reason. */
  reason?: string;
  /** Invalid: why the grader could not run it (it does not compile as a submission). */
  error?: string;
  /** Killed although equivalent-mutants.json says it is equivalent: that entry is wrong. */
  markedEquivalent?: boolean;
}

export interface MutationReport {
  mode: MutationMode;
  seeds: readonly number[];
  /** Killed + survived: the mutants the score is about. */
  counted: number;
  killed: number;
  survived: number;
  equivalent: number;
  invalid: number;
  /** killed / counted, or 1 when nothing can be counted. */
  score: number;
  threshold: number;
  /** score ≥ threshold. */
  meetsThreshold: boolean;
  mutants: MutantOutcome[];
  /** Ids in equivalent-mutants.json that match no mutant of the current reference. */
  staleEquivalents: string[];
  durationMs: number;
}

/** What grades a job: the GraderPool, or anything with its `grade`. */
export interface Grader {
  grade(job: GradeJob): Promise<GradeResult>;
}

export interface MutationTarget {
  slug: string;
  meta: { mutationThreshold: number };
  equivalentMutants: EquivalentMutant[];
}

export interface MutationOptions {
  mode?: MutationMode;
  /** Mutants graded at the same time (the pool queues the rest anyway; 1 leaves room for learners). */
  concurrency?: number;
  /** Called after each mutant, e.g. to show progress. */
  onMutant?: (outcome: MutantOutcome, done: number, total: number) => void;
}

const KILLED_BY_SHOWN = 3;

/** Grades one mutant over the seeds, stopping as soon as the outcome is certain. */
async function gradeMutant(grader: Grader, slug: string, mutant: Mutant, seeds: readonly number[]): Promise<Omit<MutantOutcome, "id" | "operator" | "description" | "line" | "diff">> {
  let randomOnly = false;
  for (const seed of seeds) {
    const r = await grader.grade({ slug, code: mutant.source, mode: "submit", seed });
    if (r.status === "error" && r.error?.kind === "compile") return { status: "invalid", error: r.error.message };
    if (r.status === "pass") return { status: "survived", passedSeed: seed, ...(randomOnly ? { flaky: true } : {}) };
    const fixed = r.tests.filter((t) => t.status !== "pass" && t.kind !== "random" && !t.message?.startsWith("Not run:"));
    if (fixed.length > 0 || r.tests.every((t) => t.status !== "pass")) {
      // A fixed case fails whatever the seed (or nothing ran at all): killed for every learner.
      const names = fixed.length ? fixed.map((t) => t.name) : [r.error ? `${r.error.kind} error` : "every test"];
      return { status: "killed", killedBy: names.slice(0, KILLED_BY_SHOWN).concat(names.length > KILLED_BY_SHOWN ? [`${names.length - KILLED_BY_SHOWN} more`] : []) };
    }
    randomOnly = true;
  }
  return { status: "killed", killedBy: [`random cases only (on each of ${seeds.length} seeds)`] };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  });
  await Promise.all(lanes);
  return out;
}

/** Grades every mutant and scores the exercise's tests against them. */
export async function analyseMutants(grader: Grader, ex: MutationTarget, mutants: Mutant[], options: MutationOptions = {}): Promise<MutationReport> {
  const started = performance.now();
  const mode = options.mode ?? "quick";
  const seeds = MUTATION_SEEDS[mode];
  const equivalents = new Map(ex.equivalentMutants.map((e) => [e.id, e.reason]));
  let done = 0;
  const outcomes = await mapLimit(mutants, options.concurrency ?? 8, async (m) => {
    const graded = await gradeMutant(grader, ex.slug, m, seeds);
    const reason = equivalents.get(m.id);
    const outcome: MutantOutcome = { id: m.id, operator: m.operator, description: m.description, line: m.line, diff: m.diff, ...graded };
    if (reason !== undefined && graded.status === "survived") Object.assign(outcome, { status: "equivalent", reason, flaky: undefined });
    if (reason !== undefined && graded.status === "killed") outcome.markedEquivalent = true;
    options.onMutant?.(outcome, ++done, mutants.length);
    return outcome;
  });
  const count = (s: MutantStatus) => outcomes.filter((o) => o.status === s).length;
  const killed = count("killed");
  const survived = count("survived");
  const counted = killed + survived;
  const score = counted === 0 ? 1 : killed / counted;
  const ids = new Set(mutants.map((m) => m.id));
  return {
    mode,
    seeds,
    counted,
    killed,
    survived,
    equivalent: count("equivalent"),
    invalid: count("invalid"),
    score,
    threshold: ex.meta.mutationThreshold,
    meetsThreshold: score >= ex.meta.mutationThreshold,
    mutants: outcomes,
    staleEquivalents: ex.equivalentMutants.map((e) => e.id).filter((id) => !ids.has(id)),
    durationMs: Math.round(performance.now() - started),
  };
}

/** "34/35 killed (97.1%)", or "no mutants". */
export function formatScore(r: Pick<MutationReport, "counted" | "killed" | "score" | "equivalent">): string {
  if (r.counted === 0) return r.equivalent ? `all ${r.equivalent} equivalent` : "no mutants";
  const pct = Math.floor(r.score * 1000) / 10;
  return `${r.killed}/${r.counted} killed (${pct}%)${r.equivalent ? `, ${r.equivalent} equivalent` : ""}`;
}
