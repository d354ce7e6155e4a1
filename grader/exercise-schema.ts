// The format of an exercise folder, as zod schemas. exercises/README.md documents it for authors.
import { z } from "zod";
import { ARRAY_ORDERS } from "./compare";
import { throwsSchema } from "./expected-errors";
import { EXERCISE_LIMIT_BOUNDS } from "./limits";
import { classApiSchema, moduleApiSchema, stepsHaveExpected, stepsSchema } from "./scenarios";

export const SLUG_PATTERN = /^[0-9]{2}-[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const toleranceSchema = z
  .object({
    rtol: z.number().nonnegative().default(1e-6),
    atol: z.number().nonnegative().default(1e-9),
  })
  .strict()
  .default({ rtol: 1e-6, atol: 1e-9 });

const lineSeries = z.object({ label: z.string().min(1), y: z.array(z.number()) }).strict();

/** A chart drawn on the exercise page; the data is precomputed so the page needs no code. */
export const plotSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("line"),
      title: z.string().min(1),
      caption: z.string().optional(),
      xLabel: z.string(),
      yLabel: z.string(),
      yScale: z.enum(["linear", "log"]).default("linear"),
      x: z.array(z.number()).min(2),
      series: z.array(lineSeries).min(1),
    })
    .strict(),
  z
    .object({
      kind: z.literal("histogram"),
      title: z.string().min(1),
      caption: z.string().optional(),
      xLabel: z.string(),
      yLabel: z.string(),
      /** Bin centres and their counts. */
      bins: z.array(z.object({ x: z.number(), count: z.number().nonnegative() }).strict()).min(2),
    })
    .strict(),
]);

/**
 * A closed, open or half-open interval written as in mathematics: "[0, 1]", "(0, 1]",
 * "[1, inf)", "(-inf, 0)". Parsed once here; test-data.ts checks numbers against it.
 */
export const intervalSchema = z.string().transform((text, ctx) => {
  const interval = parseInterval(text);
  if (!interval) {
    ctx.addIssue({ code: "custom", message: `"${text}" is not an interval like "[0, 1]", "(0, 1]" or "[1, inf)"` });
    return z.NEVER;
  }
  return interval;
});

export interface Interval {
  min: number;
  max: number;
  minOpen: boolean;
  maxOpen: boolean;
  /** As the author wrote it, for messages. */
  text: string;
}

function parseInterval(text: string): Interval | null {
  const t = text.trim();
  const open = t[0];
  const close = t[t.length - 1];
  if ((open !== "[" && open !== "(") || (close !== "]" && close !== ")")) return null;
  const parts = t.slice(1, -1).split(",");
  if (parts.length !== 2) return null;
  const bound = (s: string) => {
    const v = s.trim().toLowerCase();
    if (v === "inf" || v === "+inf" || v === "infinity") return Infinity;
    if (v === "-inf" || v === "-infinity") return -Infinity;
    return v === "" ? NaN : Number(v);
  };
  const [min, max] = parts.map(bound);
  if (Number.isNaN(min) || Number.isNaN(max) || min > max) return null;
  return { min, max, minOpen: open === "(", maxOpen: close === ")", text: t };
}

const DIMENSION_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * What every test case's value at one path must satisfy, beyond the signature's type. A path is
 * a parameter name, optionally followed by object keys: "x", "dims", "s.losses".
 */
export const inputRuleSchema = z
  .object({
    /**
     * One entry per array level: a dimension name (the same name must have the same length
     * everywhere in a case), a fixed length, or "*" for any length.
     */
    shape: z
      .array(z.union([z.string().regex(DIMENSION_NAME, "a dimension is a name like dh, a length, or \"*\""), z.literal("*"), z.number().int().nonnegative()]))
      .min(1)
      .optional(),
    /** Every number inside the value lies in this interval. */
    range: intervalSchema.optional(),
    /** Every number inside the value is an integer. */
    integer: z.boolean().optional(),
    /** Every leaf value is one of these. */
    oneOf: z.array(z.union([z.number(), z.string(), z.boolean()])).min(1).optional(),
    /** Every innermost array is sorted this way (a 0/1 mask padded at the end is non-increasing). */
    order: z.enum(["non-increasing", "non-decreasing"]).optional(),
  })
  .strict();

export const INPUT_PATH = /^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)*$/;

export const metaSchema = z
  .object({
    /**
     * Permanent identity of the exercise (a UUID, made by `npm run exercises:new`): the database
     * rows of drafts, submissions and progress follow it when the folder is renamed.
     */
    id: z.uuid({ message: "must be a UUID (npm run exercises:new makes one; never change it)" }),
    title: z.string().min(1),
    order: z.number().int().positive(),
    summary: z.string().min(1).max(160),
    difficulty: z.enum(["easy", "medium", "hard"]),
    tags: z.array(z.string().min(1)).default([]),
    /**
     * The export is a class with these methods, and the cases are scenarios (`steps`) on an
     * instance of it (grader/scenarios.ts).
     */
    class: classApiSchema.optional(),
    /**
     * The exercise has several exported functions (`export` is the one a case calls unless it
     * says `call`); cases are then one-call scenarios (grader/scenarios.ts).
     */
    module: moduleApiSchema.optional(),
    /** The named export the learner must provide. */
    export: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, "must be a JavaScript identifier"),
    /** The TypeScript declaration shown in the statement and given to the editor. */
    signature: z.string().min(1),
    /** Parameter names, in order: used to label inputs in results (none for a zero-argument function). */
    params: z.array(z.string().min(1)),
    tolerance: toleranceSchema,
    /** Whether the order of the result's array elements matters (grader/compare.ts ArrayOrder); each case may override it. */
    compare: z.enum(ARRAY_ORDERS).optional(),
    /** How many seeded random cases a Submit runs (0 when the exercise has no random.ts). */
    randomCases: z.number().int().min(0).max(200).default(10),
    plots: z.array(plotSchema).default([]),
    /** Rules for the values of test cases (tests.json and random.ts), by parameter path. */
    inputs: z.record(z.string().regex(INPUT_PATH, "must be a parameter name, optionally with .key parts"), inputRuleSchema).default({}),
    /** Allowed sizes of the dimensions named in `inputs` shapes, e.g. { "T": "[1, inf)" }. */
    dimensions: z.record(z.string().regex(DIMENSION_NAME), intervalSchema).default({}),
    /**
     * The sandbox's limits for this exercise, where the defaults (grader/limits.ts) do not fit:
     * CPU time of the top level, of one call and of the whole submission (ms), heap (MB).
     */
    limits: z
      .object(
        Object.fromEntries(
          Object.entries(EXERCISE_LIMIT_BOUNDS).map(([k, b]) => [k, z.number().int().min(b.min).max(b.max).optional()]),
        ) as Record<keyof typeof EXERCISE_LIMIT_BOUNDS, z.ZodOptional<z.ZodNumber>>,
      )
      .strict()
      .optional(),
    /** exercises:check fails when the share of non-equivalent mutants killed is below this. */
    mutationThreshold: z.number().min(0).max(1).default(1),
  })
  .strict();

const KEBAB = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const caseFields = {
  /** Permanent within the exercise: statistics follow it when the name is reworded. */
  id: z.string().regex(KEBAB, "must be kebab-case, e.g. zero-gradient"),
  name: z.string().min(1),
  /** The arguments of the call; absent on a scenario, which has `steps` instead. */
  args: z.array(z.unknown()).optional(),
  /** A scenario on an instance of the exported class (exercise.json `class`; grader/scenarios.ts). */
  steps: stepsSchema.optional(),
  /** Which of several exports (exercise.json `module`) the case calls; default `export`. */
  call: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, "must be a JavaScript identifier").optional(),
  /** The call must throw (optionally with a matching message) instead of returning (grader/expected-errors.ts). */
  throws: throwsSchema.optional(),
  /** This case's result is compared in this order (overrides exercise.json `compare`). */
  compare: z.enum(ARRAY_ORDERS).optional(),
};

/**
 * A case's expected value, optional. exercises:check verifies the reference against it (within
 * the exercise's tolerance, or half a unit of `decimals`), so a reference bug is caught before a
 * learner meets it; the grader's expected value is always the reference's. On a visible case it
 * is also the value the statement shows for that example (check finds it in statement.md).
 */
const expectedFields = {
  expected: z.unknown().optional(),
  /** `expected` is rounded to this many decimals (default: exact within the tolerance). */
  decimals: z.number().int().min(0).max(15).optional(),
};

/**
 * A case has `args` or, for a class exercise, `steps`. Everywhere else in the grader a scenario is
 * a call with one argument, its step list (grader/scenarios.ts): `args` becomes `[steps]`.
 */
function withExpectedRules<T extends z.ZodType<{ args?: unknown[]; steps?: unknown[]; call?: string; expected?: unknown; decimals?: number; throws?: unknown }>>(schema: T) {
  return schema
    .refine((c) => (c.args === undefined) !== (c.steps === undefined), { message: "give either args (a call) or steps (a scenario on a class)", path: ["args"] })
    .refine((c) => c.call === undefined || c.args !== undefined, { message: "call names the export that gets args", path: ["call"] })
    .refine((c) => c.steps === undefined || (c.expected === undefined && c.throws === undefined), {
      message: "a scenario gives expected values per step, and has no throws",
      path: ["steps"],
    })
    .transform((c) => ({ ...c, args: c.steps !== undefined ? [c.steps] : (c.args ?? []) }))
    .refine((c) => c.decimals === undefined || c.expected !== undefined, { message: "decimals needs an expected value", path: ["decimals"] })
    .refine((c) => c.throws === undefined || c.expected === undefined, { message: "a case that throws has no expected value", path: ["expected"] });
}

/** A hidden case. */
export const testCaseSchema = withExpectedRules(z.object({ ...caseFields, ...expectedFields }).strict());

export const visibleCaseSchema = withExpectedRules(z.object({ ...caseFields, ...expectedFields }).strict());

export const testsSchema = z
  .object({
    /** Worked examples: shown on Run, with inputs and expected values. */
    visible: z
      .array(visibleCaseSchema)
      .min(1)
      .refine((cases) => cases[0].expected !== undefined || stepsHaveExpected(cases[0].steps ?? []), {
        message: "the first example is the statement's worked example: give its expected value",
        path: [0, "expected"],
      }),
    /** Fixed cases run on Submit; learners see only their names and what went wrong. */
    hidden: z.array(testCaseSchema).min(1),
  })
  .strict();

/** A mutant of reference.ts that no test can kill because it computes the same function. */
export const equivalentMutantSchema = z
  .object({
    /** The id exercises:check prints for the surviving mutant. */
    id: z.string().min(1),
    /** Why no input can tell the mutant from the reference (shown to reviewers). */
    reason: z.string().min(10, "say why no input can tell it apart (at least a sentence)"),
  })
  .strict();

export const equivalentMutantsSchema = z.array(equivalentMutantSchema);

export const mistakeSchema = z
  .object({
    /** File name (without .ts) under mistakes/. */
    id: z.string().regex(KEBAB, "must be kebab-case"),
    /** What the mistake is, for instructors. */
    description: z.string().min(1),
    /** What the learner is told when their output matches this mistake. */
    hint: z.string().min(1),
  })
  .strict();

export const mistakesSchema = z.array(mistakeSchema);

export type ExerciseMeta = z.infer<typeof metaSchema>;
export type Plot = z.infer<typeof plotSchema>;
export type TestCase = z.infer<typeof testCaseSchema>;
export type VisibleCase = z.infer<typeof visibleCaseSchema>;
export type InputRule = z.infer<typeof inputRuleSchema>;
export type EquivalentMutant = z.infer<typeof equivalentMutantSchema>;
export type Tests = z.infer<typeof testsSchema>;
export type Mistake = z.infer<typeof mistakeSchema>;
export type Tolerance = z.infer<typeof toleranceSchema>;
