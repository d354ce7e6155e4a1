// A read-only line diff (lib/instructor/code-diff.ts), rendered on the server as one <pre>.
import type { CodeDiff } from "@/lib/instructor/code-diff";

const SIGN = { same: " ", add: "+", del: "-" } as const;

export function CodeDiffView({ diff, label }: { diff: CodeDiff; label: string }) {
  if (diff.tooLarge) return <p className="muted">The two versions are too different to compare line by line.</p>;
  if (diff.added === 0 && diff.removed === 0) return <p className="muted">Same code as the previous submission.</p>;
  return (
    <figure className="code-diff-figure">
      <figcaption>
        {label}: <span className="diff-count-add">+{diff.added}</span> <span className="diff-count-del">−{diff.removed}</span>
      </figcaption>
      <pre className="code-diff" aria-label={label}>
        {diff.lines.map((line, i) =>
          line.type === "fold" ? (
            <span key={i} className="diff-line diff-fold">
              {`  ⋯ ${line.count} unchanged lines\n`}
            </span>
          ) : (
            <span key={i} className={`diff-line diff-${line.type}`}>
              <span className="diff-ln" aria-hidden="true">
                {line.type === "add" ? "" : line.oldNo}
              </span>
              <span className="diff-ln" aria-hidden="true">
                {line.type === "del" ? "" : line.newNo}
              </span>
              <span className="diff-sign">{SIGN[line.type]}</span>
              {line.text}
              {"\n"}
            </span>
          ),
        )}
      </pre>
    </figure>
  );
}
