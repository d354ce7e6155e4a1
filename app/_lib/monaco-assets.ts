// Getting Monaco going sooner. Left to @monaco-editor/react, it starts only after React has
// hydrated and loaded the editor's chunk, then its AMD loader discovers Monaco's files one
// dependency at a time. Instead the exercise page (server side) preloads every file editor.main
// needs from its <head> (the list is read from public/monaco/vs, where scripts/copy-monaco.mjs
// puts them), starts the AMD loader with an inline script while the HTML is still parsing
// (./monaco-early.ts; CodeEditor hands the result to @monaco-editor/react), and the
// catalogue prefetches the files. The TypeScript worker and language modes are fetched later by
// Monaco itself, as before.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";

export interface MonacoAssets {
  /** Script URLs, editor.main's dependencies first. */
  scripts: string[];
  styles: string[];
}

import { MONACO_BASE as BASE } from "./monaco-early";
let cached: MonacoAssets | null = null;

function dependencies(file: string): string[] {
  const head = readFileSync(file, "utf8").slice(0, 4000);
  const m = head.match(/define\((?:"[^"]*",)?\[([^\]]*)\]/);
  return m ? m[1].split(",").map((d) => d.trim().replace(/^"|"$/g, "")) : [];
}

/** The transitive dependencies of vs/editor/editor.main, or nothing if Monaco is not copied yet. */
export function monacoAssets(): MonacoAssets {
  if (cached) return cached;
  const root = path.join(process.cwd(), "public", "monaco", "vs");
  const scripts: string[] = [];
  const seen = new Set<string>();
  const visit = (rel: string) => {
    if (seen.has(rel)) return;
    seen.add(rel);
    const file = path.join(root, `${rel}.js`);
    if (!existsSync(file)) return;
    for (const dep of dependencies(file)) {
      // "exports", "require" and loader plugins ("vs/nls.messages-loader!") are not files.
      if (dep.includes("!") || !dep.includes("/")) continue;
      visit(dep.startsWith(".") ? path.posix.join(path.posix.dirname(rel), dep) : dep.replace(/^vs\//, ""));
    }
    scripts.push(`${BASE}${rel}.js`);
  };
  try {
    visit("editor/editor.main");
  } catch {
    return { scripts: [], styles: [] }; // an unexpected layout: the editor still loads, unhelped
  }
  const result = { scripts: scripts.length ? [`${BASE}loader.js`, ...scripts] : [], styles: existsSync(path.join(root, "editor", "editor.main.css")) ? [`${BASE}editor/editor.main.css`] : [] };
  // Cache only a complete answer: a server started before the copy finds the files later.
  if (scripts.length) cached = result;
  return result;
}

