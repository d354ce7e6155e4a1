// Callbacks in test data: an argument written {"$fn": "isEven"} in tests.json (or returned so by
// random.ts) stands for the function `isEven` exported by the exercise's callbacks.ts, a
// grader-only file. The reference, starter and known mistakes get the host's copy of that
// function; the learner's code gets the same source evaluated inside its isolate (the harness
// loads it before the learner's module and swaps the reference in for the marker), so a learner
// can call it as often as it likes without leaving the sandbox.

/** The key of a callback reference: {"$fn": "name"}. */
export const CALLBACK_KEY = "$fn";

export type Callbacks = Record<string, (...args: unknown[]) => unknown>;

/** True for {"$fn": "name"}: exactly that one key, with a string. */
export function isCallbackRef(v: unknown): v is { $fn: string } {
  if (v === null || typeof v !== "object" || Array.isArray(v)) return false;
  const keys = Object.keys(v);
  return keys.length === 1 && keys[0] === CALLBACK_KEY && typeof (v as Record<string, unknown>)[CALLBACK_KEY] === "string";
}

/** The callback names a value refers to, anywhere inside it. */
export function callbackRefs(v: unknown, out: string[] = []): string[] {
  if (isCallbackRef(v)) out.push(v.$fn);
  else if (Array.isArray(v)) for (const x of v) callbackRefs(x, out);
  else if (v !== null && typeof v === "object") for (const x of Object.values(v)) callbackRefs(x, out);
  return out;
}

/** A copy of `v` with each callback reference replaced by its function (unknown names throw). */
export function resolveCallbacks(v: unknown, fns: Callbacks): unknown {
  if (isCallbackRef(v)) {
    const fn = Object.prototype.hasOwnProperty.call(fns, v.$fn) ? fns[v.$fn] : undefined;
    if (typeof fn !== "function") throw new Error(`{"$fn": "${v.$fn}"}: callbacks.ts exports no function of that name`);
    return fn;
  }
  if (Array.isArray(v)) return v.map((x) => resolveCallbacks(x, fns));
  if (v !== null && typeof v === "object" && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolveCallbacks(x, fns)]));
  }
  return v;
}

/** A trusted function that gets its callback references resolved (host side). */
export function withCallbacks<F extends (...args: unknown[]) => unknown>(fn: F, fns: Callbacks): F {
  return ((...args: unknown[]) => fn(...(resolveCallbacks(args, fns) as unknown[]))) as F;
}
