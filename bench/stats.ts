// Small statistics and formatting helpers shared by every part of the benchmark.

/** Nearest-rank percentile (p in 0..100) of unsorted samples; NaN when there are none. */
export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function median(samples: number[]): number {
  if (samples.length === 0) return NaN;
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

export function sum(samples: number[]): number {
  let total = 0;
  for (const x of samples) total += x;
  return total;
}

/** Milliseconds with a precision that suits the magnitude ("—" when unknown). */
export function ms(x: number): string {
  if (!Number.isFinite(x)) return "—";
  if (x < 10) return x.toFixed(2);
  if (x < 100) return x.toFixed(1);
  return x.toFixed(0);
}

export function pct(part: number, whole: number): string {
  if (!(whole > 0)) return "—";
  return `${Math.round((100 * part) / whole)}%`;
}

export function mb(bytes: number): string {
  return Number.isFinite(bytes) && bytes > 0 ? `${Math.round(bytes / 1024 / 1024)} MB` : "—";
}

/** A figure for the machine-readable summary line: plain decimal, no units. */
export function figure(x: number, digits = 2): string {
  return Number.isFinite(x) ? String(Number(x.toFixed(digits))) : "NaN";
}

export type Row = string[];

/** A fixed-width text table for the terminal. */
export function textTable(header: Row, rows: Row[]): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r: Row) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

/** The same table as GitHub Markdown. */
export function markdownTable(header: Row, rows: Row[]): string {
  const esc = (c: string) => c.replace(/\|/g, "\\|");
  return [
    `| ${header.map(esc).join(" | ")} |`,
    `|${header.map((_, i) => (i === 0 ? "---" : "---:")).join("|")}|`,
    ...rows.map((r) => `| ${r.map(esc).join(" | ")} |`),
  ].join("\n");
}

export const sleep = (millis: number) => new Promise<void>((resolve) => setTimeout(resolve, millis));
