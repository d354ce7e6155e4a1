"use client";
// Shown instead of a crashed page: a plain explanation and a way to retry, never a stack trace.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page-narrow">
      <h1>Something went wrong</h1>
      <p>The page could not be shown. Your drafts are saved in this browser, so nothing is lost.</p>
      <p>
        <button type="button" className="btn btn-primary" onClick={reset}>
          Try again
        </button>
      </p>
    </div>
  );
}
