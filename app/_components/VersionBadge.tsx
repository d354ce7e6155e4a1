// Which exercise version graded a submission ("v3 · 29 Nov"), marked when the exercise has
// changed since (lib/exercise-versions.ts).
import { formatVersion, type VersionLabel } from "@/lib/exercise-versions";

export function VersionBadge({ version }: { version: VersionLabel | undefined }) {
  if (!version) return null;
  return (
    <span className={`version-badge${version.current ? "" : " version-badge-old"}`} title={`Exercise version ${version.hash}`} data-testid="version-badge" data-current={version.current}>
      {formatVersion(version)}
      {version.current ? null : <span className="version-badge-note"> · older version</span>}
    </span>
  );
}
