#!/usr/bin/env node
// Copies monaco-editor's prebuilt AMD bundle (min/vs) into public/monaco/vs so the editor is
// served by the app itself: no CDN request, so it works in an offline classroom.
// Runs from "postinstall", before `next dev`/`next build`, and from scripts/start.mjs.
// Skips the copy when the target already matches the installed monaco-editor version.
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const target = path.join(root, "public", "monaco", "vs");
const stamp = path.join(root, "public", "monaco", ".version");

export function copyMonaco({ quiet = false } = {}) {
  const require = createRequire(path.join(root, "package.json"));
  let pkgJson;
  try {
    // monaco-editor's "exports" hides package.json: resolve the entry and walk up to it.
    let dir = path.dirname(require.resolve("monaco-editor"));
    while (!existsSync(path.join(dir, "package.json")) || !existsSync(path.join(dir, "min", "vs"))) {
      const up = path.dirname(dir);
      if (up === dir) throw new Error("monaco-editor package root not found");
      dir = up;
    }
    pkgJson = path.join(dir, "package.json");
  } catch {
    // Not installed yet (e.g. a partial install): nothing to copy, and nothing to fail on.
    if (!quiet) console.warn("copy-monaco: monaco-editor is not installed; skipping");
    return false;
  }
  const version = JSON.parse(readFileSync(pkgJson, "utf8")).version;
  const source = path.join(path.dirname(pkgJson), "min", "vs");
  if (existsSync(path.join(target, "loader.js")) && existsSync(stamp) && readFileSync(stamp, "utf8").trim() === version) {
    return true;
  }
  rmSync(path.dirname(target), { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  cpSync(source, target, { recursive: true });
  writeFileSync(stamp, `${version}\n`);
  if (!quiet) console.log(`copy-monaco: monaco-editor ${version} copied to public/monaco/vs`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  copyMonaco();
}
