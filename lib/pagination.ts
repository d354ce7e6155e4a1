// Page arithmetic shared by the paginated history pages: a requested page number (from a query
// string, so anything) becomes a page that exists, and the rows to skip to reach it.

export interface PageWindow {
  /** 1-based; always between 1 and pageCount. */
  page: number;
  /** At least 1 (an empty list has one empty page). */
  pageCount: number;
  /** Rows before this page. */
  skip: number;
  total: number;
  pageSize: number;
}

/** `requested` may be anything from a URL; out-of-range or missing pages become `fallback` ("first" or "last"). */
export function pageWindow(total: number, pageSize: number, requested: unknown, fallback: "first" | "last" = "first"): PageWindow {
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const raw = typeof requested === "string" && /^\d{1,9}$/.test(requested) ? Number(requested) : typeof requested === "number" ? requested : NaN;
  const page = Number.isInteger(raw) && raw >= 1 ? Math.min(raw, pageCount) : fallback === "first" ? 1 : pageCount;
  return { page, pageCount, skip: (page - 1) * pageSize, total, pageSize };
}
