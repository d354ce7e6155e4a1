"use client";
// The Monaco editor, loaded only on exercise pages and only in the browser (see Workspace's
// dynamic import). Monaco itself is served from /monaco/vs (copied there by
// scripts/copy-monaco.mjs): no CDN request, so it works offline. When the page already started
// loading it (MONACO_EARLY_SCRIPT, app/_lib/monaco-early.ts), that instance is used;
// otherwise (a client-side navigation) @monaco-editor/react loads it.
import Editor, { loader, type Monaco, type OnMount } from "@monaco-editor/react";
import type { editor as MonacoEditor } from "monaco-editor";
import { useEffect, useRef, useState } from "react";
import type { GradeError } from "@/grader/types";
import { MONACO_BASE, MONACO_EARLY_GLOBAL } from "@/app/_lib/monaco-early";
import { useTheme } from "@/app/_lib/theme";

const MONACO_PATHS = { paths: { vs: MONACO_BASE.slice(0, -1) } };
const early = (window as unknown as Record<string, Promise<Monaco> | undefined>)[MONACO_EARLY_GLOBAL];
/** Resolves once @monaco-editor/react is configured with an instance or a path to load one from. */
const configured: Promise<void> = early
  ? early.then(
      (monaco) => loader.config({ monaco }),
      () => loader.config(MONACO_PATHS),
    )
  : Promise.resolve(loader.config(MONACO_PATHS));
let isConfigured = !early;
void configured.then(() => {
  isConfigured = true;
});

export interface EditorHandle {
  getValue(): string;
  /** Replaces the whole text as one undoable edit (so Reset can be undone with Ctrl+Z). */
  replaceAll(text: string): void;
  /** Shows a grading error at its line and column, or clears it (null). */
  showGradeError(error: GradeError | null): void;
  focus(): void;
}

interface Props {
  /** Model URI path, one per exercise, e.g. "exercises/01-rnn-step/solution.ts". */
  path: string;
  initialValue: string;
  exportName: string;
  signature: string;
  onChange(value: string): void;
  onReady(handle: EditorHandle): void;
  /** id of the visible note on using the editor with a keyboard (aria-describedby). */
  describedBy?: string;
}

const GRADER_OWNER = "grader";
const EXPORT_OWNER = "exercise-export";

/** Ambient declarations for the editor: what the grader's sandbox provides, and the signature. */
function exerciseLib(exportName: string, signature: string): string {
  const decl = signature.trim().replace(/;?\s*$/, ";");
  return `// Globals available when your code is graded: plain JavaScript, no DOM, no Node.js.
interface Console {
  log(...data: any[]): void;
  info(...data: any[]): void;
  warn(...data: any[]): void;
  error(...data: any[]): void;
  debug(...data: any[]): void;
}
declare var console: Console;
/** A deep copy (arrays, objects, Map, Set, Date, typed arrays...), as in browsers and Node.js. */
declare function structuredClone<T = any>(value: T, options?: { transfer?: any[] }): T;

/** The function this exercise asks you to export, exactly as the statement gives it. */
declare namespace exercise {
  ${decl}
}
/** Same as exercise.${exportName}: use it to check your function's type if you like. */
type Expected = typeof exercise.${exportName};
`;
}

function configureTypeScript(monaco: Monaco, exportName: string, signature: string) {
  const ts = monaco.typescript;
  ts.typescriptDefaults.setCompilerOptions({
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.NodeJs,
    lib: ["es2022"],
    strict: true,
    noImplicitAny: true,
    noImplicitReturns: true,
    noFallthroughCasesInSwitch: true,
    allowNonTsExtensions: true,
    isolatedModules: true,
    noEmit: true,
  });
  ts.typescriptDefaults.setDiagnosticsOptions({ noSemanticValidation: false, noSyntaxValidation: false });
  ts.typescriptDefaults.setEagerModelSync(true);
  // Replaces the previous exercise's declarations when the learner moves on.
  ts.typescriptDefaults.setExtraLibs([{ content: exerciseLib(exportName, signature), filePath: "file:///exercise-env.d.ts" }]);
}

const LIGHT_THEME = "rnn-light";
const DARK_THEME = "rnn-dark";

/**
 * Monaco's vs and vs-dark themes, with the colours axe found below WCAG AA contrast raised:
 * line numbers in both, and comments on the dark background.
 */
function defineThemes(monaco: Monaco) {
  monaco.editor.defineTheme(LIGHT_THEME, {
    base: "vs",
    inherit: true,
    rules: [],
    colors: { "editorLineNumber.foreground": "#4d5a6b", "editorLineNumber.activeForeground": "#1f2430" },
  });
  monaco.editor.defineTheme(DARK_THEME, {
    base: "vs-dark",
    inherit: true,
    rules: [{ token: "comment", foreground: "8DBF75" }],
    colors: { "editorLineNumber.foreground": "#9aa3b1", "editorLineNumber.activeForeground": "#e4e7ec" },
  });
}

function exportPattern(name: string): RegExp {
  const n = name.replace(/[$]/g, "\\$");
  return new RegExp(
    `\\bexport\\s+(?:async\\s+)?(?:function\\s*\\*?\\s*|const\\s+|let\\s+|var\\s+|class\\s+)${n}\\b|\\bexport\\s*\\{[^}]*\\b${n}\\b`,
  );
}

export default function CodeEditor(props: Props) {
  const [ready, setReady] = useState(isConfigured);
  useEffect(() => {
    if (!ready) void configured.then(() => setReady(true));
  }, [ready]);
  return ready ? <MonacoEditorView {...props} /> : <p className="editor-loading">Loading the editor…</p>;
}

function MonacoEditorView({ path, initialValue, exportName, signature, onChange, onReady, describedBy }: Props) {
  // Light and dark, following the page (system setting or the toggle): see defineThemes().
  const theme = useTheme() === "dark" ? DARK_THEME : LIGHT_THEME;
  const monacoRef = useRef<Monaco | null>(null);
  const editorRef = useRef<MonacoEditor.IStandaloneCodeEditor | null>(null);
  const onChangeRef = useRef(onChange);
  useEffect(() => {
    onChangeRef.current = onChange;
  }, [onChange]);

  useEffect(() => {
    const monaco = monacoRef.current;
    if (monaco) configureTypeScript(monaco, exportName, signature);
  }, [exportName, signature]);

  /** A warning on line 1 while the required export is missing: the grader would reject the file. */
  const checkExport = (monaco: Monaco, model: MonacoEditor.ITextModel) => {
    const ok = exportPattern(exportName).test(model.getValue());
    monaco.editor.setModelMarkers(
      model,
      EXPORT_OWNER,
      ok
        ? []
        : [
            {
              severity: monaco.MarkerSeverity.Warning,
              message: /^\s*export\s+class\b/.test(signature)
                ? `This file must export a class named ${exportName}: export class ${exportName} { … }`
                : `This file must export a function named ${exportName}: export function ${exportName}(…)`,
              startLineNumber: 1,
              startColumn: 1,
              endLineNumber: 1,
              endColumn: model.getLineMaxColumn(1),
            },
          ],
    );
  };

  const handleMount: OnMount = (editor, monaco) => {
    editorRef.current = editor;
    monacoRef.current = monaco;
    if (describedBy) editor.getDomNode()?.querySelector("textarea")?.setAttribute("aria-describedby", describedBy);
    const model = editor.getModel();
    if (model) checkExport(monaco, model);
    editor.onDidChangeModelContent(() => {
      const m = editor.getModel();
      if (!m) return;
      checkExport(monaco, m);
      onChangeRef.current(m.getValue());
    });

    onReady({
      getValue: () => editor.getValue(),
      replaceAll(text) {
        const m = editor.getModel();
        if (!m) return;
        editor.pushUndoStop();
        editor.executeEdits("reset", [{ range: m.getFullModelRange(), text }]);
        editor.pushUndoStop();
        editor.setPosition({ lineNumber: 1, column: 1 });
      },
      showGradeError(error) {
        const m = editor.getModel();
        if (!m) return;
        if (!error || !error.line) {
          monaco.editor.setModelMarkers(m, GRADER_OWNER, []);
          return;
        }
        const line = Math.min(Math.max(1, error.line), m.getLineCount());
        const maxCol = m.getLineMaxColumn(line);
        const startColumn = Math.min(Math.max(1, error.column ?? 1), maxCol);
        // Underline from the reported column to the end of the word (or line) so it is visible.
        const word = m.getWordAtPosition({ lineNumber: line, column: startColumn });
        const endColumn = word && word.endColumn > startColumn ? word.endColumn : error.column ? Math.min(startColumn + 1, maxCol) : maxCol;
        monaco.editor.setModelMarkers(m, GRADER_OWNER, [
          {
            severity: error.kind === "compile" ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
            message: error.message,
            source: "grader",
            startLineNumber: line,
            startColumn,
            endLineNumber: line,
            endColumn: endColumn > startColumn ? endColumn : startColumn + 1,
          },
        ]);
        editor.revealLineInCenterIfOutsideViewport(line);
      },
      focus: () => editor.focus(),
    });
  };

  return (
    <Editor
      path={path}
      defaultLanguage="typescript"
      language="typescript"
      defaultValue={initialValue}
      theme={theme}
      loading={<p className="editor-loading">Loading the editor…</p>}
      beforeMount={(monaco) => {
        monacoRef.current = monaco;
        defineThemes(monaco);
        configureTypeScript(monaco, exportName, signature);
      }}
      onMount={handleMount}
      options={{
        ariaLabel: `Code editor: your TypeScript solution, which must export ${exportName}`,
        automaticLayout: true,
        fixedOverflowWidgets: true,
        fontSize: 14,
        lineHeight: 21,
        minimap: { enabled: false },
        scrollBeyondLastLine: false,
        tabSize: 2,
        renderWhitespace: "none",
        // Not "dimmed": a dimmed last line number is below AA contrast.
        renderFinalNewline: "on",
        // Not faded: Monaco draws unused names (a starter's parameters, before the learner uses
        // them) at reduced opacity, below AA contrast. The TypeScript hint still says "unused".
        showUnused: false,
        wordWrap: "off",
        padding: { top: 10, bottom: 10 },
        "semanticHighlighting.enabled": true,
      }}
    />
  );
}
