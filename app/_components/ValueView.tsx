// Renders a decoded result value compactly: numbers to 6 significant digits, long arrays elided
// around the first difference, matrices one row per line, the differing element marked.
import { Fragment, type ReactNode } from "react";
import { truncatedUnit, WireOpaque } from "@/grader/wire";
import { formatNumber, isMatrix, visibleIndices, type PathSegment } from "@/app/_lib/format";

interface Props {
  value: unknown;
  /** Path to the first differing element; [] marks the whole value. */
  highlight?: PathSegment[] | null;
  tone?: "expected" | "actual";
}

export function ValueView({ value, highlight, tone = "actual" }: Props) {
  return <code className="value">{render(value, highlight ?? null, tone, 0)}</code>;
}

function mark(node: ReactNode, tone: string): ReactNode {
  return (
    <mark className={`diff diff-${tone}`} title={tone === "actual" ? "first difference" : undefined}>
      {node}
    </mark>
  );
}

function render(value: unknown, hl: PathSegment[] | null, tone: string, depth: number): ReactNode {
  const node = renderInner(value, hl && hl.length > 0 ? hl : null, tone, depth);
  return hl && hl.length === 0 ? mark(node, tone) : node;
}

function renderInner(value: unknown, hl: PathSegment[] | null, tone: string, depth: number): ReactNode {
  if (value === undefined) return <span className="v-special">undefined</span>;
  if (value === null) return <span className="v-special">null</span>;
  if (typeof value === "number") {
    return <span className={Number.isFinite(value) ? "v-num" : "v-special"}>{formatNumber(value)}</span>;
  }
  if (typeof value === "string") return <span className="v-str">{JSON.stringify(value)}</span>;
  if (typeof value === "boolean" || typeof value === "bigint") return <span className="v-special">{String(value)}</span>;
  if (value instanceof Date) {
    return <span className="v-special">Date({Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString()})</span>;
  }
  if (value instanceof Map || value instanceof Set) {
    if (depth > 6) return <span className="v-special">…</span>;
    const items = value instanceof Map ? [...value] : [...value].map((m) => [m] as const);
    const shown = items.slice(0, 50);
    return (
      <>
        {value instanceof Map ? "Map" : "Set"}({value.size}) {"{"}
        {shown.map((item, n) => (
          <Fragment key={n}>
            {n > 0 ? ", " : " "}
            {render(item[0], null, tone, depth + 1)}
            {item.length > 1 ? <> =&gt; {render(item[1], null, tone, depth + 1)}</> : null}
          </Fragment>
        ))}
        {items.length > shown.length ? <span className="v-elided">, … {items.length - shown.length} more</span> : null}
        {items.length ? " }" : "}"}
      </>
    );
  }
  if (value instanceof WireOpaque && value.tag === "truncated") {
    // A preview: the first part of a long value, and how long it really is.
    const { head, length } = (value.value ?? {}) as { head?: unknown; length?: number };
    const shown = typeof head === "string" ? head.length : Array.isArray(head) ? head.length : Object.keys(head ?? {}).length;
    const unit = truncatedUnit(value.type);
    return (
      <>
        {render(head, null, tone, depth)}
        <span className="v-elided" title={value.describe()}>
          {" "}
          … first {shown.toLocaleString("en-US")} of {Number(length).toLocaleString("en-US")} {unit}
        </span>
      </>
    );
  }
  if (value instanceof WireOpaque) {
    return <span className="v-special">‹{value.describe()}›</span>;
  }
  if (depth > 6) return <span className="v-special">…</span>;

  if (Array.isArray(value)) {
    const head = hl && typeof hl[0] === "number" ? hl[0] : undefined;
    const rest = hl ? hl.slice(1) : null;
    const matrix = isMatrix(value) && depth === 0;
    const idx = visibleIndices(value.length, head, matrix ? 8 : 12);
    if (value.length === 0) return "[]";
    return (
      <>
        [
        {idx.map((i, k) => {
          const sep = k === 0 ? "" : matrix ? ",\n " : ", ";
          if (i === null) {
            const hidden = countHidden(idx, k);
            return (
              <Fragment key={`gap${k}`}>
                {sep}
                <span className="v-elided" title={`${hidden} more`}>
                  …{matrix ? ` ${hidden} rows` : ""}
                </span>
              </Fragment>
            );
          }
          return (
            <Fragment key={i}>
              {sep}
              {render(value[i], i === head ? rest : null, tone, depth + 1)}
            </Fragment>
          );
        })}
        ]
      </>
    );
  }

  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    const head = hl && typeof hl[0] === "string" ? hl[0] : undefined;
    const rest = hl ? hl.slice(1) : null;
    if (entries.length === 0) return "{}";
    // A top-level object holding arrays (a batch of named tensors) reads best one key per line.
    const multiline = depth === 0 && entries.some(([, v]) => Array.isArray(v));
    const open = multiline ? "{\n  " : "{ ";
    const sep = multiline ? ",\n  " : ", ";
    const close = multiline ? "\n}" : " }";
    return (
      <>
        {open}
        {entries.map(([k, v], n) => (
          <Fragment key={k}>
            {n > 0 ? sep : ""}
            <span className="v-key">{k}</span>: {render(v, k === head ? rest : null, tone, depth + 1)}
          </Fragment>
        ))}
        {close}
      </>
    );
  }
  return String(value);
}

function countHidden(idx: (number | null)[], k: number): number {
  const before = idx[k - 1] ?? -1;
  const after = idx[k + 1] ?? before + 1;
  return (after as number) - (before as number) - 1;
}
