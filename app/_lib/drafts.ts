// Drafts of the learner's code, saved as they type. A DraftStore is the seam for where drafts
// live: browserDrafts keeps them in localStorage (signed-out visitors); serverDrafts
// (app/_lib/server-drafts.ts) keeps a signed-in learner's on the server.

export interface Draft {
  code: string;
  savedAt: number;
  /** The exercise version the draft was written against. */
  version?: string;
}

export interface DraftStore {
  load(slug: string): Draft | null;
  /** A store that saves over the network returns a promise that rejects when saving failed. */
  save(slug: string, draft: Draft): void | Promise<void>;
  clear(slug: string): void;
}

const PREFIX = "rnn-grader:draft:";

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    return null;
  }
}

export const browserDrafts: DraftStore = {
  load(slug) {
    const raw = storage()?.getItem(PREFIX + slug);
    if (!raw) return null;
    try {
      const d = JSON.parse(raw) as Partial<Draft>;
      return typeof d.code === "string" ? { code: d.code, savedAt: Number(d.savedAt) || 0, version: d.version } : null;
    } catch {
      return null;
    }
  },
  save(slug, draft) {
    try {
      storage()?.setItem(PREFIX + slug, JSON.stringify(draft));
    } catch {
      // quota exceeded or storage disabled: the editor keeps working, the draft is just not kept
    }
  },
  clear(slug) {
    storage()?.removeItem(PREFIX + slug);
  },
};

/** Every draft kept in this browser (e.g. to hand over to the server when a visitor signs up). */
export function listBrowserDrafts(): Record<string, Draft> {
  const store = storage();
  const out: Record<string, Draft> = {};
  if (!store) return out;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const slug = key.slice(PREFIX.length);
    const d = browserDrafts.load(slug);
    if (d) out[slug] = d;
  }
  return out;
}

/**
 * Debounced saving: schedule() on every change, flush() before the page goes away so the last
 * keystrokes are never lost.
 */
export function createDraftSaver(
  store: DraftStore,
  slug: string,
  version: string,
  { delayMs = 500, onSaved, onError }: { delayMs?: number; onSaved?: () => void; onError?: (error: unknown) => void } = {},
) {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: string | null = null;
  let generation = 0;
  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (pending === null) return;
    const saving = store.save(slug, { code: pending, savedAt: Date.now(), version });
    pending = null;
    if (!saving) return onSaved?.();
    // Report only the latest save, and "saved" only when nothing newer is waiting.
    const mine = ++generation;
    saving.then(
      () => mine === generation && pending === null && onSaved?.(),
      (e: unknown) => mine === generation && onError?.(e),
    );
  };
  return {
    schedule(code: string) {
      pending = code;
      if (timer) clearTimeout(timer);
      timer = setTimeout(flush, delayMs);
    },
    flush,
    cancel() {
      if (timer) clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
