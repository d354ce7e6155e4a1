// A signed-in learner's drafts, kept on the server (PUT/DELETE /api/drafts/<slug>) so they
// follow the learner to any browser. Writes for one exercise go out one at a time, in order,
// so an older save can never land after a newer one or after a Reset.
import { CODE_MAX_BYTES } from "@/lib/limits";
import { browserDrafts, listBrowserDrafts, type Draft, type DraftStore } from "./drafts";

/** Browsers refuse keepalive requests over 64 KB; larger drafts are sent normally. */
const KEEPALIVE_LIMIT = 60 * 1024;

const queues = new Map<string, Promise<unknown>>();
/**
 * Drafts saved during this visit. Client-side navigation can show a page from the router's cache,
 * whose server draft is older than what was typed since: the newer of the two wins.
 */
const savedThisVisit = new Map<string, Draft>();

function enqueue(slug: string, task: () => Promise<void>): Promise<void> {
  const next = (queues.get(slug) ?? Promise.resolve()).catch(() => undefined).then(task);
  queues.set(slug, next);
  return next;
}

async function send(method: "PUT" | "DELETE", slug: string, body?: string): Promise<void> {
  const url = `/api/drafts/${encodeURIComponent(slug)}`;
  const init: RequestInit = { method, headers: body ? { "Content-Type": "application/json" } : undefined, body };
  let res: Response;
  try {
    res = await fetch(url, { ...init, keepalive: (body?.length ?? 0) < KEEPALIVE_LIMIT });
  } catch {
    throw new Error("Could not reach the server: your draft is not saved yet.");
  }
  if (!res.ok) {
    const err = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(err?.error?.message ?? `Your draft could not be saved (HTTP ${res.status}).`);
  }
}

function newer(a: Draft | null | undefined, b: Draft | null | undefined): Draft | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a.savedAt >= b.savedAt ? a : b;
}

export const serverDrafts: DraftStore = {
  // The page passes the server's draft to the workspace; here is what this browser knows that
  // may be newer: a save from this visit, or a draft made while signed out that was not handed
  // over yet (saving replaces it on the server and drops the browser copy).
  load(slug) {
    return newer(savedThisVisit.get(slug), browserDrafts.load(slug));
  },
  save(slug, draft) {
    savedThisVisit.set(slug, draft);
    return enqueue(slug, async () => {
      await send("PUT", slug, JSON.stringify({ code: draft.code }));
      browserDrafts.clear(slug);
    });
  },
  clear(slug) {
    savedThisVisit.delete(slug);
    browserDrafts.clear(slug);
    void enqueue(slug, () => send("DELETE", slug)).catch(() => {
      // Deleting is best effort: a stale server draft only means the starter is not shown.
    });
  },
};


export interface ImportOutcome {
  imported: string[];
  kept: string[];
  /** Imported drafts that were submitted on import, with their verdicts. */
  graded: { slug: string; verdict: "pass" | "fail" | "error"; passed: number; total: number; solved: boolean }[];
  notGraded: { slug: string; reason: string }[];
}

/**
 * After signing up or in: hands the drafts made in this browser while signed out to the
 * account (a browser draft wins only where it is newer than the server's; each one taken is
 * submitted and counted), then removes the browser copies that are now on the server. Failing
 * keeps them for the next try and returns null.
 */
export async function importBrowserDrafts(): Promise<ImportOutcome | null> {
  const local = listBrowserDrafts();
  const drafts: Record<string, { code: string; updatedAt?: number }> = {};
  for (const [slug, d] of Object.entries(local)) {
    if (new TextEncoder().encode(d.code).length > CODE_MAX_BYTES) continue;
    drafts[slug] = d.savedAt > 0 ? { code: d.code, updatedAt: d.savedAt } : { code: d.code };
  }
  if (Object.keys(drafts).length === 0) return { imported: [], kept: [], graded: [], notGraded: [] };
  try {
    const res = await fetch("/api/drafts/import", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ drafts }),
    });
    if (!res.ok) return null;
    const report = (await res.json()) as Partial<ImportOutcome>;
    const outcome: ImportOutcome = { imported: report.imported ?? [], kept: report.kept ?? [], graded: report.graded ?? [], notGraded: report.notGraded ?? [] };
    for (const slug of [...outcome.imported, ...outcome.kept]) browserDrafts.clear(slug);
    return outcome;
  } catch {
    return null;
  }
}
