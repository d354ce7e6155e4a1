"use client";
// The right-hand side of an exercise page: the editor with its toolbar, and the results below a
// draggable divider. Owns the grading flow (one request at a time), draft saving, the keyboard
// shortcuts, and opening a past submission in the editor.
import dynamic from "next/dynamic";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { GradeMode } from "@/grader/types";
import type { WebGradeResult as GradeResult } from "@/lib/grading";
import { browserDrafts, createDraftSaver, type Draft, type DraftStore } from "@/app/_lib/drafts";
import { requestGrade } from "@/app/_lib/grade-client";
import { recordResult } from "@/app/_lib/progress-store";
import { serverDrafts } from "@/app/_lib/server-drafts";
import type { SubmissionRow } from "@/app/_lib/submission-view";
import type { EditorHandle } from "./CodeEditor";
import { ConfirmDialog } from "./ConfirmDialog";
import { HistoryPanel } from "./HistoryPanel";
import { LocalTime } from "./LocalTime";
import { ResultsPanel } from "./ResultsPanel";
import { Splitter } from "./Splitter";

const CodeEditor = dynamic(() => import("./CodeEditor"), {
  ssr: false,
  loading: () => <p className="editor-loading">Loading the editor…</p>,
});

/** What the workspace needs of an exercise (a subset of PublicExercise: browser-safe). */
export interface WorkspaceExercise {
  slug: string;
  version: string;
  title: string;
  exportName: string;
  signature: string;
  params: string[];
  starter: string;
  exampleCount: number;
  hiddenCount: number;
  randomCount: number;
}

interface Props {
  exercise: WorkspaceExercise;
  /**
   * Signed in: drafts are saved on the server, every Run and Submit is recorded there (not in
   * this browser) and the History tab lists them.
   */
  signedIn?: boolean;
  /** A draft stored on the server for a signed-in learner; used when newer than the browser's. */
  serverDraft?: Draft | null;
  /** The signed-in learner's earlier attempts at this exercise, newest first. */
  history?: SubmissionRow[];
  /** A past submission to open in the editor (the page's ?from=<id>), replacing the draft undoably. */
  opened?: PastCode | null;
}

/** A past submission's code, as opened in the editor. */
export interface PastCode {
  id: string;
  code: string;
  kind: "run" | "submit";
  /** ISO time. */
  createdAt: string;
}

type SaveState = "idle" | "pending" | "saved" | "error";
type Tab = "results" | "history";

const CLIENT_TIMEOUT_MS = 60_000;

function pickInitialCode(ex: WorkspaceExercise, store: DraftStore, serverDraft?: Draft | null): { code: string; restored: boolean } {
  const local = typeof window === "undefined" ? null : store.load(ex.slug);
  const best = [local, serverDraft].filter((d): d is Draft => !!d).sort((a, b) => b.savedAt - a.savedAt)[0];
  return best ? { code: best.code, restored: best.code !== ex.starter } : { code: ex.starter, restored: false };
}

export function Workspace({ exercise, signedIn = false, serverDraft, history: initialHistory = [], opened }: Props) {
  const store: DraftStore = signedIn ? serverDrafts : browserDrafts;
  const [saveState, setSaveState] = useState<SaveState>("idle");
  const [saveError, setSaveError] = useState<string | null>(null);
  const saver = useMemo(
    () =>
      createDraftSaver(store, exercise.slug, exercise.version, {
        onSaved: () => {
          setSaveState("saved");
          setSaveError(null);
        },
        onError: (e) => {
          setSaveState("error");
          setSaveError(e instanceof Error ? e.message : "Your draft could not be saved.");
        },
      }),
    [store, exercise.slug, exercise.version],
  );
  const [history, setHistory] = useState<SubmissionRow[]>(initialHistory);
  const [tab, setTab] = useState<Tab>("results");

  const initial = useRef<{ code: string; restored: boolean } | null>(null);
  if (initial.current === null && typeof window !== "undefined") {
    initial.current = pickInitialCode(exercise, store, serverDraft);
  }

  const editor = useRef<EditorHandle | null>(null);
  const [editorReady, setEditorReady] = useState(false);
  const [pending, setPending] = useState<GradeMode | null>(null);
  const inFlight = useRef(false);
  const [result, setResult] = useState<GradeResult | null>(null);
  const [requestError, setRequestError] = useState<string | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [restored, setRestored] = useState(false);
  const [isMac, setIsMac] = useState(false);
  /** Which past submission is in the editor now (cleared by Reset). */
  const [openedNote, setOpenedNote] = useState<PastCode | null>(null);
  const [openError, setOpenError] = useState<string | null>(null);

  useEffect(() => {
    setIsMac(/Mac|iPhone|iPad/.test(navigator.platform || navigator.userAgent));
    setRestored(initial.current?.restored ?? false);
  }, []);

  // Never lose the last keystrokes: save when the tab is hidden or the page goes away.
  useEffect(() => {
    const flush = () => saver.flush();
    const onVisibility = () => document.visibilityState === "hidden" && flush();
    window.addEventListener("pagehide", flush);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      flush();
      window.removeEventListener("pagehide", flush);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [saver]);

  const onChange = useCallback(
    (code: string) => {
      setSaveState("pending");
      saver.schedule(code);
    },
    [saver],
  );

  const grade = useCallback(
    async (mode: GradeMode) => {
      if (inFlight.current || !editor.current) return; // one request at a time: no double submit
      inFlight.current = true;
      setPending(mode);
      setTab("results");
      setRequestError(null);
      saver.flush();
      const code = editor.current.getValue();
      editor.current.showGradeError(null);
      const controller = new AbortController();
      const timer = window.setTimeout(() => controller.abort(), CLIENT_TIMEOUT_MS);
      try {
        const response = await requestGrade(exercise.slug, mode, code, controller.signal);
        const shown = response.result; // a 503 "not-recorded" still carries the verdict
        if (shown) {
          setResult(shown);
          const err = shown.error;
          if (err && (err.kind === "compile" || err.kind === "runtime")) editor.current?.showGradeError(err);
        }
        if (response.ok) {
          // Signed in, progress lives on the server; this browser's record is a visitor's.
          if (!signedIn) recordResult(exercise.slug, response.result);
          const stored = response.submission;
          if (stored) setHistory((h) => [stored, ...h.filter((r) => r.id !== stored.id)]);
        } else {
          setRequestError(response.message);
        }
      } catch {
        setRequestError("The server took too long to answer. Please try again in a moment.");
      } finally {
        window.clearTimeout(timer);
        inFlight.current = false;
        setPending(null);
      }
    },
    [exercise.slug, saver, signedIn],
  );

  // Ctrl/Cmd+Enter runs, Ctrl/Cmd+Shift+Enter submits, wherever the focus is (the editor
  // included: the capture phase sees the key before Monaco inserts a line).
  const gradeRef = useRef(grade);
  useEffect(() => {
    gradeRef.current = grade;
  }, [grade]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Enter" || !(e.ctrlKey || e.metaKey) || e.altKey) return;
      if (document.querySelector("dialog[open]")) return;
      e.preventDefault();
      e.stopPropagation();
      void gradeRef.current(e.shiftKey ? "submit" : "run");
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, []);

  /** Puts a past submission's code in the editor as one undoable edit (the draft saves it). */
  const openPast = useCallback((past: PastCode) => {
    if (!editor.current) return;
    editor.current.replaceAll(past.code);
    editor.current.showGradeError(null);
    setOpenedNote(past);
    setOpenError(null);
    editor.current.focus();
  }, []);

  // ?from=<id>: open it once the editor is there, then drop the parameter so a reload shows the
  // draft (which by then holds that code) rather than opening it over newer typing.
  const openedOnce = useRef(false);
  useEffect(() => {
    if (!editorReady || !opened || openedOnce.current) return;
    openedOnce.current = true;
    openPast(opened);
    const url = new URL(window.location.href);
    url.searchParams.delete("from");
    window.history.replaceState(window.history.state, "", url);
  }, [editorReady, opened, openPast]);

  const openSubmission = useCallback(
    async (id: string) => {
      setOpenError(null);
      try {
        const res = await fetch(`/api/submissions/${encodeURIComponent(id)}`);
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const { submission } = (await res.json()) as { submission: PastCode };
        openPast({ id: submission.id, code: submission.code, kind: submission.kind, createdAt: submission.createdAt });
      } catch {
        setOpenError("That submission could not be loaded. Check your connection and try again.");
      }
    },
    [openPast],
  );

  const resetDone = useRef(false);
  const doReset = () => {
    setConfirmReset(false);
    setOpenedNote(null);
    saver.cancel();
    store.clear(exercise.slug);
    editor.current?.replaceAll(exercise.starter);
    editor.current?.showGradeError(null);
    // replaceAll fires a change, which schedules a save of the starter; drop it: no draft.
    saver.cancel();
    store.clear(exercise.slug);
    setSaveState("idle");
    setRestored(false);
    resetDone.current = true; // the editor takes the focus once the dialog has closed
  };

  const mod = isMac ? "⌘" : "Ctrl";
  // While grading, the buttons stay focusable (aria-disabled, not disabled): a disabled button
  // would drop the keyboard focus to the page's start. grade() ignores presses meanwhile.
  const busy = pending !== null;
  const { exampleCount, hiddenCount, randomCount } = exercise;
  const submitTotal = exampleCount + hiddenCount + randomCount;

  return (
    <section className="workspace" aria-label="Your solution">
      <div className="toolbar" role="toolbar" aria-label="Editor actions">
        <div className="toolbar-actions">
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void grade("run")}
            disabled={!editorReady}
            aria-disabled={busy}
            aria-keyshortcuts="Control+Enter Meta+Enter"
            title={`Run the ${exampleCount} visible example${exampleCount === 1 ? "" : "s"} (${mod}+Enter)`}
          >
            {pending === "run" ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
            Run <kbd aria-hidden="true">{mod}+Enter</kbd>
          </button>
          <button
            type="button"
            className="btn btn-submit"
            onClick={() => void grade("submit")}
            disabled={!editorReady}
            aria-disabled={busy}
            aria-keyshortcuts="Control+Shift+Enter Meta+Shift+Enter"
            title={`Run all ${submitTotal} tests, hidden and random ones included (${mod}+Shift+Enter)`}
          >
            {pending === "submit" ? <span className="spinner spinner-small" aria-hidden="true" /> : null}
            Submit <kbd aria-hidden="true">{mod}+Shift+Enter</kbd>
          </button>
        </div>
        <div className="toolbar-side">
          <span className="save-state" aria-live="polite">
            {saveState === "pending"
              ? "Saving…"
              : saveState === "saved"
                ? "Draft saved"
                : saveState === "error"
                  ? <span className="save-error" title={saveError ?? undefined}>Draft not saved</span>
                  : restored
                    ? "Draft restored"
                    : ""}
          </span>
          <button type="button" className="btn btn-quiet" onClick={() => !busy && setConfirmReset(true)} disabled={!editorReady} aria-disabled={busy}>
            Reset to starter
          </button>
        </div>
      </div>

      <div className="workspace-notes">
      <p className="editor-help" id="editor-help">
        In the editor, Tab indents. To leave it with the keyboard, press <kbd>{isMac ? "Ctrl+Shift+M" : "Ctrl+M"}</kbd> first: Tab
        then moves focus (press it again to indent with Tab). <kbd>Esc</kbd> only closes suggestions.
      </p>
      {openedNote ? (
        <p className="banner banner-info opened-note" role="status" data-testid="opened-note">
          Opened your {openedNote.kind === "submit" ? "Submit" : "Run"} of <LocalTime iso={openedNote.createdAt} /> in the editor
          (it is now your draft; {mod}+Z in the editor brings back what you had).
        </p>
      ) : null}
      {openError ? (
        <p className="banner banner-error" role="alert">
          {openError}
        </p>
      ) : null}
      </div>

      <div className="editor-frame" id="editor-frame" data-editor-ready={editorReady ? "true" : "false"}>
        <CodeEditor
          path={`exercises/${exercise.slug}/solution.ts`}
          initialValue={initial.current?.code ?? exercise.starter}
          exportName={exercise.exportName}
          signature={exercise.signature}
          onChange={onChange}
          onReady={(handle) => {
            editor.current = handle;
            setEditorReady(true);
          }}
          describedBy="editor-help"
        />
      </div>

      <Splitter
        orientation="horizontal"
        cssVar="--editor-height"
        label="Resize the editor and the results"
        controls="editor-frame"
        defaultPercent={55}
        min={20}
        max={85}
        storageKey="rnn-grader:split:editor"
      />

      {signedIn ? (
        <div className="results-area">
          <div className="results-tabs" role="tablist" aria-label="Results and history">
            <button type="button" role="tab" id="tab-results" aria-selected={tab === "results"} aria-controls="panel-results" onClick={() => setTab("results")}>
              Results
            </button>
            <button type="button" role="tab" id="tab-history" aria-selected={tab === "history"} aria-controls="panel-history" onClick={() => setTab("history")}>
              History{history.length ? ` (${history.length})` : ""}
            </button>
          </div>
          <div role="tabpanel" id="panel-results" aria-labelledby="tab-results" className="results-tabpanel" hidden={tab !== "results"}>
            <ResultsPanel
              result={result}
              pending={pending}
              requestError={requestError}
              params={exercise.params}
              exportName={exercise.exportName}
            />
          </div>
          <div role="tabpanel" id="panel-history" aria-labelledby="tab-history" className="results-tabpanel history-panel" hidden={tab !== "history"}>
            <HistoryPanel rows={history} onOpen={editorReady ? (id) => void openSubmission(id) : undefined} />
          </div>
        </div>
      ) : (
        <ResultsPanel
          result={result}
          pending={pending}
          requestError={requestError}
          params={exercise.params}
          exportName={exercise.exportName}
        />
      )}

      <ConfirmDialog
        open={confirmReset}
        title="Reset to the starter code?"
        confirmLabel="Reset"
        onConfirm={doReset}
        onCancel={() => setConfirmReset(false)}
        onClosed={() => {
          if (resetDone.current) editor.current?.focus();
          resetDone.current = false;
        }}
      >
        <p>Your code in the editor will be replaced by the starter code and your saved draft deleted.</p>
        <p>You can still undo the reset with {mod}+Z while this page is open.</p>
      </ConfirmDialog>
    </section>
  );
}
