// Links to the pages before and after this one, for the paginated history pages (lib/pagination.ts).
import Link from "next/link";

interface Props {
  page: number;
  pageCount: number;
  href: (page: number) => string;
  /** Link text towards page 1 and towards the last page. */
  towardsFirst: string;
  towardsLast: string;
  label: string;
  testId?: string;
}

export function Pagination({ page, pageCount, href, towardsFirst, towardsLast, label, testId }: Props) {
  if (pageCount <= 1) return null;
  return (
    <nav className="pager" aria-label={label} data-testid={testId}>
      {page > 1 ? <Link href={href(page - 1)}>← {towardsFirst}</Link> : <span />}
      <span className="muted">
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? <Link href={href(page + 1)}>{towardsLast} →</Link> : <span />}
    </nav>
  );
}
