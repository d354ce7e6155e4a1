// Compact, readable text for the values in test results (vectors, matrices, small objects).

export type PathSegment = string | number;

/** Parses the grader's "where" ("[2]", "[1][0]", ".logp", ".a[3]") into path segments. */
export function parseWhere(where: string | undefined): PathSegment[] | null {
  if (where === undefined) return null;
  const segments: PathSegment[] = [];
  const re = /\[(\d+)\]|\.([A-Za-z_$][\w$]*)|\["((?:[^"\\]|\\.)*)"\]/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(where))) {
    if (m.index !== consumed) return segments.length ? segments : null;
    consumed = re.lastIndex;
    if (m[1] !== undefined) segments.push(Number(m[1]));
    else if (m[2] !== undefined) segments.push(m[2]);
    else segments.push(JSON.parse(`"${m[3]}"`) as string);
  }
  return segments;
}

/** Numbers with up to 6 significant digits: enough to see a difference, short enough to scan. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (Object.is(n, -0)) return "-0";
  if (Number.isInteger(n) && Math.abs(n) < 1e15) return String(n);
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e9)) {
    return n.toExponential(4).replace(/\.?0+e/, "e");
  }
  return String(Number(n.toPrecision(6)));
}

/**
 * Which indices of an array of length n to show: all when short, otherwise the head, the tail
 * and a window around the highlighted index, with null marking an elision.
 */
export function visibleIndices(n: number, highlight: number | undefined, max = 12): (number | null)[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const keep = new Set<number>();
  for (let i = 0; i < 4; i++) keep.add(i);
  for (let i = n - 3; i < n; i++) keep.add(i);
  if (highlight !== undefined && highlight >= 0 && highlight < n) {
    for (let i = highlight - 1; i <= highlight + 1; i++) if (i >= 0 && i < n) keep.add(i);
  }
  const sorted = [...keep].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  sorted.forEach((i, k) => {
    if (k > 0 && i !== sorted[k - 1] + 1) out.push(null);
    out.push(i);
  });
  return out;
}

export function isMatrix(v: unknown): v is unknown[][] {
  return Array.isArray(v) && v.length > 0 && v.every((row) => Array.isArray(row)) && v.some((row) => (row as unknown[]).length > 0);
}

/** Shape of nested arrays, e.g. "3×4", for headings. */
export function shapeOf(v: unknown): string | null {
  if (!Array.isArray(v)) return null;
  if (isMatrix(v)) {
    const cols = new Set(v.map((r) => r.length));
    return `${v.length}×${cols.size === 1 ? [...cols][0] : "ragged"}`;
  }
  return `length ${v.length}`;
}
