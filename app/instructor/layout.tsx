// The instructor area: its own stylesheet (matrix, charts, diffs) on top of the site's.
import "./instructor.css";

export default function InstructorLayout({ children }: { children: React.ReactNode }) {
  return children;
}
