// Comments on a submission (lib/feedback.ts): the list, for the learner and the staff alike.
import type { SubmissionCommentView } from "@/lib/feedback";

const timeFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export function SubmissionComments({ comments, heading }: { comments: SubmissionCommentView[]; heading: string }) {
  if (comments.length === 0) return null;
  return (
    <section className="submission-comments" aria-label={heading} data-testid="submission-comments">
      <h3 className="code-heading">{heading}</h3>
      <ul>
        {comments.map((c) => (
          <li key={c.id}>
            <p className="muted">
              {c.author.name}, <time dateTime={c.createdAt.toISOString()}>{timeFormat.format(c.createdAt)} UTC</time>
            </p>
            <p style={{ whiteSpace: "pre-wrap" }}>{c.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
