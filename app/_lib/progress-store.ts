// The learner's state per exercise as kept in this browser (signed-out visitors, and a fallback
// until server progress is passed in). Stored in localStorage; components subscribe with
// useSyncExternalStore so every open tab and component agrees.
import type { GradeResult } from "@/grader/types";

export type ProgressState = "not-started" | "attempted" | "solved";

export interface ProgressEntry {
  state: Exclude<ProgressState, "not-started">;
  updatedAt: number;
}

export type ProgressMap = Record<string, ProgressEntry>;

const KEY = "rnn-grader:progress:v1";
const CHANGE_EVENT = "rnn-grader:progress-change";
const EMPTY: ProgressMap = Object.freeze({}) as ProgressMap;

let cachedRaw: string | null = null;
let cachedMap: ProgressMap = EMPTY;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null; // storage disabled (privacy mode): progress simply is not kept
  }
}

/** Current map; the same object until storage changes, as useSyncExternalStore requires. */
export function readProgress(): ProgressMap {
  const raw = storage()?.getItem(KEY) ?? null;
  if (raw === cachedRaw) return cachedMap;
  cachedRaw = raw;
  try {
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    cachedMap = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as ProgressMap) : EMPTY;
  } catch {
    cachedMap = EMPTY;
  }
  return cachedMap;
}

export function serverProgressSnapshot(): ProgressMap {
  return EMPTY;
}

export function subscribeProgress(onChange: () => void): () => void {
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key === KEY) onChange();
  };
  window.addEventListener("storage", onStorage);
  window.addEventListener(CHANGE_EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(CHANGE_EVENT, onChange);
  };
}

/** Any graded attempt counts as attempted; only a passing Submit counts as solved (for good). */
export function recordResult(slug: string, result: Pick<GradeResult, "mode" | "status">): void {
  const store = storage();
  if (!store) return;
  const current = readProgress();
  const solved = current[slug]?.state === "solved" || (result.mode === "submit" && result.status === "pass");
  const next: ProgressMap = { ...current, [slug]: { state: solved ? "solved" : "attempted", updatedAt: Date.now() } };
  try {
    store.setItem(KEY, JSON.stringify(next));
  } catch {
    return; // quota exceeded: keep going without saving
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}

export function stateOf(map: ProgressMap, slug: string): ProgressState {
  return map[slug]?.state ?? "not-started";
}

/** Forgets this browser's record (it has moved to the account: see AuthForm). */
export function clearProgress(): void {
  try {
    storage()?.removeItem(KEY);
  } catch {
    return;
  }
  window.dispatchEvent(new Event(CHANGE_EVENT));
}
