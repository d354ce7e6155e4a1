// The exercise page starts Monaco's AMD loader with an inline script while its HTML is still
// parsing, instead of after hydration (see ./monaco-assets.ts); CodeEditor picks the result up
// from MONACO_EARLY_GLOBAL. No Node.js imports: the editor's browser chunk uses this too.

/** Where Monaco is served from (copied there by scripts/copy-monaco.mjs). */
export const MONACO_BASE = "/monaco/vs/";

/** The global holding the early load: a promise of Monaco's module. */
export const MONACO_EARLY_GLOBAL = "__monacoEarly";

/** Loads the AMD loader, then editor.main, right away; never rejects unhandled. */
export const MONACO_EARLY_SCRIPT = `window.${MONACO_EARLY_GLOBAL}=new Promise(function(ok,fail){var s=document.createElement("script");s.src="${MONACO_BASE}loader.js";s.async=true;s.onerror=fail;s.onload=function(){try{window.require.config({paths:{vs:"${MONACO_BASE.slice(0, -1)}"}});window.require(["vs/editor/editor.main"],function(m){ok(m&&m.m||m)},fail)}catch(e){fail(e)}};document.head.appendChild(s)});window.${MONACO_EARLY_GLOBAL}.catch(function(){});`;
