// The format of an exercise folder, as zod schemas. exercises/README.md documents it for authors.
import { z } from "zod";

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

export const metaSchema = z
  .object({
    title: z.string().min(1),
    order: z.number().int().positive(),
    summary: z.string().min(1).max(160),
    difficulty: z.enum(["easy", "medium", "hard"]),
    tags: z.array(z.string().min(1)).default([]),
    /** The named export the learner must provide. */
    export: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, "must be a JavaScript identifier"),
    /** The TypeScript declaration shown in the statement and given to the editor. */
    signature: z.string().min(1),
    /** Parameter names, in order: used to label inputs in results. */
    params: z.array(z.string().min(1)).min(1),
    tolerance: toleranceSchema,
    /** How many seeded random cases a Submit runs (0 when the exercise has no random.ts). */
    randomCases: z.number().int().min(0).max(200).default(10),
    plots: z.array(plotSchema).default([]),
  })
  .strict();

export const testCaseSchema = z
  .object({
    name: z.string().min(1),
    args: z.array(z.unknown()),
  })
  .strict();

export const testsSchema = z
  .object({
    /** Worked examples: shown on Run, with inputs and expected values. */
    visible: z.array(testCaseSchema).min(1),
    /** Fixed cases run on Submit; learners see only their names and what went wrong. */
    hidden: z.array(testCaseSchema).min(1),
  })
  .strict();

export const mistakeSchema = z
  .object({
    /** File name (without .ts) under mistakes/. */
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "must be kebab-case"),
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
export type Tests = z.infer<typeof testsSchema>;
export type Mistake = z.infer<typeof mistakeSchema>;
export type Tolerance = z.infer<typeof toleranceSchema>;
