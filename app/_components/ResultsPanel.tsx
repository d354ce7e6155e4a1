"use client";
// The verdict of the last Run or Submit: a summary line, the hint of each recognised mistake
// (once, with its math rendered; the rows it explains point to it), an explanation for error
// verdicts, one row per test, and the learner's console output grouped by test.
import { useMemo } from "react";
import type { ErrorKind, GradeMode, TestResult } from "@/grader/types";
import type { WebGradeResult as GradeResult } from "@/lib/grading";
import { callText } from "@/grader/signature-params";
import { decodeWire } from "@/grader/wire";
import { HIDDEN_OUTPUT_MARKER } from "@/grader/hidden-feedback";
import { parseWhere, shapeOf } from "@/app/_lib/format";
import { MathText } from "./MathText";
import { ValueView } from "./ValueView";

interface Props {
  result: GradeResult | null;
  pending: GradeMode | null;
  requestError: string | null;
  params: string[];
  exportName: string;
}

const CONSOLE_DISPLAY_LIMIT = 8_000;

/** Titles and advice per error kind, written for a learner. */
export function explainError(kind: ErrorKind, exportName: string): { title: string; advice: string } {
  switch (kind) {
    case "compile":
      return {
        title: "Your code does not compile",
        advice: "There is a syntax error, marked in red in the editor. Fix it and run again.",
      };
    case "missing-export":
      return {
        title: `No exported function named ${exportName}`,
        advice: `Your file must export the function the exercise asks for: keep the line "export function ${exportName}(…)" from the starter code, spelled exactly like that.`,
      };
    case "timeout":
      return {
        title: "Your code took too long and was stopped",
        advice:
          "Look for a loop that never ends (a condition that never becomes false, a counter that is never incremented) or for recursion without a base case.",
      };
    case "memory":
      return {
        title: "Your code used too much memory and was stopped",
        advice: "Look for an array or string that keeps growing inside a loop, or for very deep recursion.",
      };
    case "runtime":
      return {
        title: "Your code threw an error",
        advice:
          "Common causes: reading past the end of an array (which gives undefined), calling a method on undefined, or mixing up the order of the arguments.",
      };
    case "output-limit":
      return {
        title: "Your code produced too much output",
        advice: "Printing inside a loop or returning a huge value goes over the limit. Remove or reduce console.log calls.",
      };
    case "overloaded":
      return {
        title: "The grader was overloaded",
        advice: "The server was too busy to finish grading in time. Your code was not at fault: submit again in a moment.",
      };
    case "crash":
      return {
        title: "The grader stopped unexpectedly while running your code",
        advice: "Your code was not graded. Try again; if it keeps happening, simplify the code and tell your instructor what you ran.",
      };
  }
}

const KIND_LABEL: Record<TestResult["kind"], string> = { visible: "example", hidden: "hidden", random: "random" };
const STATUS_ICON: Record<TestResult["status"], string> = { pass: "✓", fail: "✗", error: "!" };

export function ResultsPanel({ result, pending, requestError, params, exportName }: Props) {
  // One entry per mistake, in order of first appearance, with how many tests it explains.
  const hints = useMemo(() => {
    const seen = new Map<string, { text: string; number: number; count: number }>();
    for (const t of result?.tests ?? []) {
      if (!t.hint) continue;
      const h = seen.get(t.hint.id);
      if (h) h.count++;
      else seen.set(t.hint.id, { text: t.hint.text, number: seen.size + 1, count: 1 });
    }
    return seen;
  }, [result]);

  return (
    <section className="results" aria-labelledby="results-heading" aria-busy={pending !== null}>
      <h2 id="results-heading" className="visually-hidden">
        Results
      </h2>
      <div aria-live="polite" className="results-live">
        {pending ? (
          <p className="grading" role="status">
            <span className="spinner" aria-hidden="true" />
            {pending === "run" ? "Running your code on the examples…" : "Submitting: running every test…"}
          </p>
        ) : null}
        {requestError && !pending ? (
          <p className="banner banner-error" role="alert">
            {requestError}
          </p>
        ) : null}
        {result && !pending ? <Summary result={result} exportName={exportName} /> : null}
      </div>

      {!result && !pending && !requestError ? (
        <p className="results-empty">
          Press <strong>Run</strong> to try the examples, or <strong>Submit</strong> to run every test, hidden ones
          included.
        </p>
      ) : null}

      {result ? (
        <div className={pending ? "results-body stale" : "results-body"}>
          {hints.size > 0 ? (
            <aside className="hint" aria-label={hints.size === 1 ? "Hint" : "Hints"} data-testid="hints">
              <h3>{hints.size === 1 ? "Hint" : "Hints"}</h3>
              {[...hints].map(([id, h]) => (
                <p key={id} id={hintAnchor(id)} data-hint={id}>
                  {hints.size > 1 ? <strong>{h.number}. </strong> : null}
                  <MathText text={h.text} />
                  {h.count > 1 ? <span className="hint-count"> (explains {h.count} failing tests)</span> : null}
                </p>
              ))}
            </aside>
          ) : null}
          {result.error ? <ErrorDetails result={result} exportName={exportName} /> : null}
          {nothingRan(result) ? (
            <p className="tests-none">None of the {result.total} tests ran.</p>
          ) : result.tests.length > 0 ? (
            <ol className="tests" aria-label="Tests">
              {result.tests.map((t, i) => (
                <TestRow key={`${t.name}-${i}`} test={t} params={params} exportName={exportName} hint={t.hint ? hints.get(t.hint.id) : undefined} hintCount={hints.size} />
              ))}
            </ol>
          ) : null}
          <ConsoleOutput result={result} />
        </div>
      ) : null}
    </section>
  );
}

/** The code never got to run (it did not compile, or lacks the export): rows would be noise. */
function nothingRan(result: GradeResult): boolean {
  const kind = result.error?.kind;
  return (kind === "compile" || kind === "missing-export") && result.passed === 0;
}

function Summary({ result, exportName }: { result: GradeResult; exportName: string }) {
  const { status, mode, passed, total } = result;
  const random = result.tests.some((t) => t.kind === "random");
  let headline: string;
  if (status === "pass") {
    headline = mode === "submit" ? `Solved! All ${total} tests pass.` : `All ${total} ${total === 1 ? "example passes" : "examples pass"}.`;
  } else if (status === "fail") {
    headline = `${total - passed} of ${total} ${mode === "run" ? "examples" : "tests"} failed.`;
  } else {
    headline = explainError(result.error?.kind ?? "crash", exportName).title + ".";
  }
  return (
    <div className={`verdict verdict-${status}`} data-verdict={status}>
      <p className="verdict-headline">
        <span className="verdict-icon" aria-hidden="true">
          {status === "pass" ? "✓" : status === "fail" ? "✗" : "!"}
        </span>
        {headline}
      </p>
      <p className="verdict-meta">
        <span>{mode === "run" ? "Run (examples only)" : "Submit (all tests)"}</span>
        <span>
          {passed}/{total} passed
        </span>
        {random ? <span title="Random cases are generated from this seed; mention it when asking for help.">seed {result.seed}</span> : null}
        <span>{Math.round(result.durationMs)} ms</span>
      </p>
      {status === "pass" && mode === "run" ? (
        <p className="verdict-next">Now Submit to run the hidden and random tests too.</p>
      ) : null}
    </div>
  );
}

function ErrorDetails({ result, exportName }: { result: GradeResult; exportName: string }) {
  const error = result.error!;
  const { advice } = explainError(error.kind, exportName);
  const mentionsLine = /\bline \d+/i.test(error.message);
  const where = error.line && !mentionsLine ? ` (line ${error.line}${error.column ? `, column ${error.column}` : ""})` : "";
  return (
    <div className={`error-details error-${error.kind}`}>
      <p>{advice}</p>
      {error.message ? (
        <pre className="error-message" tabIndex={0}>
          {truncate(error.message, 2000)}
          {where}
        </pre>
      ) : null}
    </div>
  );
}

function hintAnchor(id: string): string {
  return `hint-${id.replace(/[^\w-]/g, "_")}`;
}

function TestRow({ test, params, exportName, hint, hintCount }: { test: TestResult; params: string[]; exportName: string; hint?: { number: number }; hintCount: number }) {
  const showValues = !test.hidden && (test.input !== undefined || test.expected !== undefined || test.actual !== undefined);
  const failed = test.status !== "pass";
  const path = parseWhere(test.where);
  const body = showValues ? <TestValues test={test} params={params} exportName={exportName} highlight={path} /> : null;

  return (
    <li className={`test test-${test.status}`} data-status={test.status} data-kind={test.kind}>
      <div className="test-head">
        <span className="test-icon" role="img" aria-label={test.status === "pass" ? "passed" : test.status === "fail" ? "failed" : "error"}>
          {STATUS_ICON[test.status]}
        </span>
        <span className="test-name">{test.name}</span>
        <span className={`tag tag-${test.kind}`}>{KIND_LABEL[test.kind]}</span>
      </div>
      {test.message ? <p className="test-message">{test.message}</p> : null}
      {test.hint && hint ? (
        <p className="test-hint">
          <a href={`#${hintAnchor(test.hint.id)}`}>{hintCount > 1 ? `Hint ${hint.number} above` : "See the hint above"}</a>: this output
          matches a known mistake.
        </p>
      ) : null}
      {test.hidden && test.status === "fail" ? (
        <p className="test-note">Hidden test: its inputs stay secret, so think about which case it describes.</p>
      ) : null}
      {body ? (
        failed ? (
          body
        ) : (
          <details className="test-details">
            <summary>Show inputs and output</summary>
            {body}
          </details>
        )
      ) : null}
    </li>
  );
}

function TestValues({ test, params, exportName, highlight }: { test: TestResult; params: string[]; exportName: string; highlight: ReturnType<typeof parseWhere> }) {
  const inputs = Array.isArray(test.input) ? test.input.map(decodeWire) : [];
  const diff = test.status !== "pass";
  return (
    <dl className="test-values">
      {test.expected !== undefined ? (
        <div className="kv kv-expected">
          <dt>expected</dt>
          <dd>
            <ValueView value={decodeWire(test.expected)} highlight={diff ? highlight : null} tone="expected" />
            <Shape value={decodeWire(test.expected)} />
          </dd>
        </div>
      ) : null}
      {"actual" in test ? (
        <div className="kv kv-actual">
          <dt>yours</dt>
          <dd>
            <ValueView value={decodeWire(test.actual)} highlight={diff ? highlight : null} tone="actual" />
            <Shape value={decodeWire(test.actual)} />
          </dd>
        </div>
      ) : null}
      {diff && test.where ? (
        <div className="kv kv-where">
          <dt>first difference</dt>
          <dd>
            <code>{test.where || "(whole value)"}</code>
          </dd>
        </div>
      ) : null}
      {Array.isArray(test.input) ? <div className="kv kv-sep" aria-hidden="true" /> : null}
      {Array.isArray(test.input) ? (
        // The call as written: left-out optional arguments are absent, undefined ones say so.
        <div className="kv kv-call" data-testid="test-call">
          <dt>call</dt>
          <dd>
            <code>{callText(exportName, params, inputs)}</code>
          </dd>
        </div>
      ) : null}
      {inputs.map((v, i) => (
        <div className="kv" key={i}>
          <dt>{params[i] ?? `arg${i + 1}`}</dt>
          <dd>
            <ValueView value={v} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Shape({ value }: { value: unknown }) {
  const shape = shapeOf(value);
  return shape ? <span className="shape">{shape}</span> : null;
}

/**
 * The console, grouped: what the file printed while loading, then what each test printed (the
 * grader attributes output to visible and random tests), then the grader's marker line for
 * output withheld during hidden tests, which never arrives. Results stored before per-test
 * output existed show as one block.
 */
export function groupConsole(result: Pick<GradeResult, "console" | "tests">): { label: string; text: string }[] {
  const text = result.console;
  // Every Submit's console ends with the marker, printed or not: alone, it says nothing.
  if (!text || text === `${HIDDEN_OUTPUT_MARKER}\n`) return [];
  const perTest = result.tests.filter((t) => !t.hidden && t.console);
  const block = perTest.map((t) => t.console).join("");
  const at = block ? text.lastIndexOf(block) : -1;
  if (at < 0) return [{ label: "", text }];
  const groups = [{ label: "While loading your file", text: text.slice(0, at) }];
  for (const t of perTest) groups.push({ label: `Test "${t.name}"`, text: t.console! });
  groups.push({ label: "Hidden tests", text: text.slice(at + block.length) });
  return groups.filter((g) => g.text);
}

function ConsoleOutput({ result }: { result: GradeResult }) {
  const groups = groupConsole(result);
  if (groups.length === 0) return null;
  let budget = CONSOLE_DISPLAY_LIMIT;
  let cut = result.consoleTruncated;
  return (
    <details className="console" open>
      <summary>Console output</summary>
      {groups.map((g, i) => {
        const shown = budget > 0 ? truncate(g.text, budget) : "";
        budget -= shown.length;
        if (shown.length < g.text.length) cut = true;
        if (!shown) return null;
        return g.label ? (
          <section key={i} className="console-group" aria-label={`Console output: ${g.label}`} data-testid="console-group">
            <h4>{g.label}</h4>
            <pre tabIndex={0}>{shown}</pre>
          </section>
        ) : (
          // Focusable: a long output scrolls, and must scroll from the keyboard too.
          <pre key={i} tabIndex={0} aria-label="Console output">
            {shown}
          </pre>
        );
      })}
      {cut ? <p className="console-note">Output truncated: only the beginning is shown.</p> : null}
    </details>
  );
}

function truncate(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max)}…` : s;
}
