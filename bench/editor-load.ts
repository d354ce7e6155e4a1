// Part 6: how long a learner waits for a usable editor. In Chromium (Playwright, the same
// browser as the e2e tests) against the production server: the catalogue page's load, then the
// exercise page until the Monaco editor is mounted and accepts typing, each with an empty
// (cold) and a primed (warm) HTTP cache, and the exercise page reached from the catalogue by a
// click (what prefetching is for). Figures are ratios to the catalogue's load in the same run,
// so a busy machine slows both sides alike; bytes are what crossed the wire.
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { buildApp, buildNeeded, freePort, Server, serverEntry, setupDatabase } from "./server";
import { median } from "./stats";

export interface EditorLoadOptions {
  root: string;
  tmpDir: string;
  runs: number;
  build: boolean;
  /** Measure a server that is already running there instead of starting one. */
  url?: string;
  slug?: string;
  log: (line: string) => void;
}

export interface PageLoad {
  /** Navigation start → the figure's end, ms (medians over the runs). */
  ms: number;
  /** Bytes transferred (compressed), all resources up to that moment. */
  bytes: number;
  /** Of which Monaco's files (/monaco/). */
  monacoBytes: number;
}

export interface EditorLoadFigures {
  slug: string;
  runs: number;
  catalogueCold: PageLoad;
  catalogueWarm: PageLoad;
  editorCold: PageLoad;
  editorWarm: PageLoad;
  /** From a click on the catalogue (cold cache when the catalogue was opened) to a usable editor. */
  editorFromCatalogue: PageLoad;
  coldRatio: number;
  warmRatio: number;
  fromCatalogueRatio: number;
}

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"];

// Records, in the page's own clock (0 = navigation start), when the editor became usable: the
// workspace says the editor is mounted (data-editor-ready) and Monaco has drawn its lines.
const READY_PROBE = `(() => {
  const check = () => {
    if (window.__editorReadyAt) return;
    if (document.querySelector('[data-editor-ready="true"] .monaco-editor .view-lines')) window.__editorReadyAt = performance.now();
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-editor-ready"] });
})();`;

// (Functions passed to page.evaluate declare no named inner functions: tsx would wrap them in a
// helper that does not exist in the page.)
async function transferred(page: Page, until: number): Promise<{ bytes: number; monacoBytes: number }> {
  return page.evaluate((t) => {
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
    const res = (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).filter((r) => r.responseEnd <= t);
    return {
      bytes: (nav?.transferSize ?? 0) + res.reduce((s, r) => s + (r.transferSize || 0), 0),
      monacoBytes: res.filter((r) => r.name.includes("/monaco/")).reduce((s, r) => s + (r.transferSize || 0), 0),
    };
  }, until);
}

async function catalogueLoad(page: Page, base: string): Promise<{ ms: number; bytes: number; monacoBytes: number }> {
  await page.goto(`${base}/`, { waitUntil: "load" });
  const ms = await page.evaluate(() => (performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming).loadEventEnd);
  return { ms, ...(await transferred(page, ms)) };
}

async function waitEditor(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __editorReadyAt?: number }).__editorReadyAt, null, { timeout: 120_000, polling: 50 });
  // Usable means typing lands in the model: one key, read back, then undone.
  const length = () =>
    page.evaluate(() => {
      const m = (window as unknown as { monaco?: { editor: { getModels(): { getValue(): string }[] } } }).monaco;
      return m?.editor.getModels().reduce((n, x) => n + x.getValue().length, 0) ?? 0;
    });
  const before = await length();
  await page.locator(".monaco-editor .view-lines").click();
  await page.keyboard.press("End");
  await page.keyboard.type("x");
  while ((await length()) <= before) await page.waitForTimeout(20);
  await page.keyboard.press("ControlOrMeta+Z");
  return page.evaluate(() => (window as unknown as { __editorReadyAt: number }).__editorReadyAt);
}

async function editorLoad(page: Page, url: string): Promise<{ ms: number; bytes: number; monacoBytes: number }> {
  await page.goto(url, { waitUntil: "commit" });
  const ms = await waitEditor(page);
  return { ms, ...(await transferred(page, ms)) };
}

async function freshContext(browser: Browser, base: string): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 800 } });
  await context.addInitScript(READY_PROBE);
  return context;
}

function medianLoad(xs: { ms: number; bytes: number; monacoBytes: number }[]): PageLoad {
  return { ms: median(xs.map((x) => x.ms)), bytes: median(xs.map((x) => x.bytes)), monacoBytes: median(xs.map((x) => x.monacoBytes)) };
}

async function measure(browser: Browser, base: string, slug: string, runs: number, log: (line: string) => void): Promise<EditorLoadFigures> {
  const samples = { catalogueCold: [], catalogueWarm: [], editorCold: [], editorWarm: [], editorFromCatalogue: [] } as Record<
    "catalogueCold" | "catalogueWarm" | "editorCold" | "editorWarm" | "editorFromCatalogue",
    { ms: number; bytes: number; monacoBytes: number }[]
  >;
  const exercise = `${base}/exercises/${slug}`;
  // One warm-up pass (server caches, compiled routes), not counted.
  for (let i = 0; i <= runs; i++) {
    const counted = i > 0;
    // Cold catalogue, then warm catalogue, in one context.
    let context = await freshContext(browser, base);
    let page = await context.newPage();
    const cc = await catalogueLoad(page, base);
    const cw = await catalogueLoad(page, base);
    await context.close();
    // Cold exercise page, then warm (same context: its HTTP cache is primed).
    context = await freshContext(browser, base);
    page = await context.newPage();
    const ec = await editorLoad(page, exercise);
    await page.goto("about:blank");
    const ew = await editorLoad(page, exercise);
    await context.close();
    // Catalogue first (cold), then a click on the exercise: what a learner does.
    context = await freshContext(browser, base);
    page = await context.newPage();
    await catalogueLoad(page, base);
    await page.waitForTimeout(1500); // a learner reads the list for a moment: prefetching happens here
    const clickedAt = await page.evaluate(() => performance.now());
    await page.locator(`a[href="/exercises/${slug}"]`).first().click();
    const readyAt = await waitEditor(page);
    const after = await transferred(page, readyAt);
    await context.close();
    if (!counted) continue;
    samples.catalogueCold.push(cc);
    samples.catalogueWarm.push(cw);
    samples.editorCold.push(ec);
    samples.editorWarm.push(ew);
    samples.editorFromCatalogue.push({ ms: readyAt - clickedAt, ...after });
    log(`  run ${i}/${runs}: catalogue ${Math.round(cc.ms)}/${Math.round(cw.ms)} ms, editor cold ${Math.round(ec.ms)} ms, warm ${Math.round(ew.ms)} ms, from catalogue ${Math.round(readyAt - clickedAt)} ms`);
  }
  const f = {
    catalogueCold: medianLoad(samples.catalogueCold),
    catalogueWarm: medianLoad(samples.catalogueWarm),
    editorCold: medianLoad(samples.editorCold),
    editorWarm: medianLoad(samples.editorWarm),
    editorFromCatalogue: medianLoad(samples.editorFromCatalogue),
  };
  return {
    slug,
    runs,
    ...f,
    coldRatio: f.editorCold.ms / f.catalogueCold.ms,
    warmRatio: f.editorWarm.ms / f.catalogueWarm.ms,
    fromCatalogueRatio: f.editorFromCatalogue.ms / f.catalogueCold.ms,
  };
}

export async function benchEditorLoad(opts: EditorLoadOptions): Promise<EditorLoadFigures> {
  const slug = opts.slug ?? "01-rnn-step";
  let server: Server | undefined;
  let base = opts.url;
  if (!base) {
    const reason = await buildNeeded(opts.root);
    if (reason && opts.build) {
      opts.log(`  ${reason}`);
      buildApp(opts.root, opts.log);
    }
    const dir = path.join(opts.tmpDir, "editor");
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const k of Object.keys(env)) if (k === "NODE_OPTIONS" || k.startsWith("TSX")) delete env[k];
    Object.assign(env, {
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      PORT: String(port),
      DATABASE_URL: `file:${path.join(dir, "bench.db")}`,
      BETTER_AUTH_SECRET: randomBytes(32).toString("base64url"),
      AUTH_SECRET_FILE: path.join(dir, "auth-secret"),
    });
    server = new Server({ root: opts.root, entry: await serverEntry(opts.root), port, env, logFile: path.join(dir, "server.log") });
    setupDatabase(opts.root, env);
    const t0 = performance.now();
    server.start();
    await server.waitReady(t0);
    base = server.url;
  }
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: CHROMIUM_ARGS });
  try {
    return await measure(browser, base, slug, opts.runs, opts.log);
  } finally {
    await browser.close();
    await server?.stop();
  }
}

const kb = (bytes: number) => (Number.isFinite(bytes) ? `${Math.round(bytes / 1024)} KB` : "—");

/** This part's section of BENCHMARKS.md (bench/report.ts renders it). */
export function editorSection(f: EditorLoadFigures | undefined, error?: string): { title: string; intro?: string; table?: { header: string[]; rows: string[][] }; notes: string[] } {
  const title = "6. Time to a usable editor (Chromium)";
  if (!f) return { title, notes: [`Not measured: ${error ?? "unknown error"}`] };
  const row = (name: string, p: PageLoad, ratio: string): string[] => [name, String(Math.round(p.ms)), ratio, kb(p.bytes), kb(p.monacoBytes)];
  return {
    title,
    intro:
      `Exercise ${f.slug}, median of ${f.runs} runs at 1366×800. Catalogue = navigation start → load event. Editor = navigation start → ` +
      "Monaco mounted and drawn, then checked by typing a key (the time is when it was drawn). Cold = a fresh browser profile (empty cache); " +
      "warm = the same page again in the same profile. From catalogue = a click on the exercise after the catalogue had been open 1.5 s " +
      "(cold profile). Ratios are to the catalogue's load in the same run (cold to cold, warm to warm), so they hold on a busy machine.",
    table: {
      header: ["page", "ms", "× catalogue", "transferred", "of which Monaco"],
      rows: [
        row("catalogue, cold", f.catalogueCold, "1"),
        row("catalogue, warm", f.catalogueWarm, "1"),
        row("editor, cold", f.editorCold, f.coldRatio.toFixed(1)),
        row("editor, warm", f.editorWarm, f.warmRatio.toFixed(1)),
        row("editor, from the catalogue", f.editorFromCatalogue, f.fromCatalogueRatio.toFixed(1)),
      ],
    },
    notes: [],
  };
}
