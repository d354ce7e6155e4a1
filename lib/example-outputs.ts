// The expected output of each visible example, so the exercise page can show it before the
// learner's first Run (Run shows exactly these values anyway). Computed once per exercise
// version by grading the exercise's own reference in "run" mode through the grader pool: the
// reference runs in the pool's workers as every grading does, never in the web server, and a
// Run only ever covers the visible examples, so no hidden case can come out of here.
import { getGraderPool } from "../grader/pool";
import { getExercise } from "./exercise-catalogue";

/** Wire-encoded expected value per visible example name. */
export type ExampleOutputs = Record<string, unknown>;

const cache = ((globalThis as typeof globalThis & { __exampleOutputs?: Map<string, Promise<ExampleOutputs>> }).__exampleOutputs ??= new Map());

/** How long a page waits for a cold computation before rendering without the outputs. */
const WAIT_MS = 3_000;

async function compute(slug: string, reference: string): Promise<ExampleOutputs> {
  const result = await getGraderPool().grade({ slug, code: reference, mode: "run" });
  const out: ExampleOutputs = {};
  for (const t of result.tests) if (t.kind === "visible" && !t.hidden && t.expected !== undefined) out[t.name] = t.expected;
  return out;
}

/** The outputs, or {} when they cannot be had quickly (the page then shows inputs only). */
export async function exampleOutputs(slug: string): Promise<ExampleOutputs> {
  const ex = getExercise(slug);
  if (!ex) return {};
  const key = `${slug}\0${ex.hash}`;
  let pending = cache.get(key);
  if (!pending) {
    pending = compute(slug, ex.reference);
    cache.set(key, pending);
    pending.catch((e: unknown) => {
      cache.delete(key); // try again on the next request
      console.error(`example outputs of ${slug}:`, e);
    });
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<ExampleOutputs>((resolve) => {
    timer = setTimeout(() => resolve({}), WAIT_MS);
  });
  try {
    return await Promise.race([pending, timeout]);
  } catch {
    return {};
  } finally {
    clearTimeout(timer);
  }
}
