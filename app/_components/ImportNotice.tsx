"use client";
// Shows, once, what happened to a visitor's browser work when they signed up or in (see
// app/_lib/import-notice.ts). Rendered on every page by the layout; empty almost always.
import { useEffect, useState } from "react";
import { takeImportNotice } from "@/app/_lib/import-notice";

export function ImportNotice() {
  const [lines, setLines] = useState<string[]>([]);
  useEffect(() => setLines(takeImportNotice()), []);
  if (lines.length === 0) return null;
  return (
    <div className="banner banner-info import-notice" role="status" data-testid="import-notice">
      <div>
        {lines.map((l) => (
          <p key={l}>{l}</p>
        ))}
      </div>
      <button type="button" className="btn btn-quiet btn-small" onClick={() => setLines([])}>
        Dismiss
      </button>
    </div>
  );
}
