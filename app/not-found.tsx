import Link from "next/link";

export default function NotFound() {
  return (
    <div className="page-narrow">
      <h1>Page not found</h1>
      <p>There is no exercise or page at this address.</p>
      <p>
        <Link href="/">Back to the exercises</Link>
      </p>
    </div>
  );
}
