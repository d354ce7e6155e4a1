// Every instructor page starts here: signed out → the sign-in page (coming back afterwards),
// signed in without the instructor role → a real HTTP 403 page (app/instructor/forbidden.tsx).
import { forbidden, redirect } from "next/navigation";
import { getViewer, type Viewer } from "@/lib/viewer";

export async function requireInstructorPage(returnTo: string): Promise<Viewer> {
  const viewer = await getViewer();
  if (!viewer) redirect(`/signin?next=${encodeURIComponent(returnTo)}`);
  if (viewer.role !== "instructor") forbidden();
  return viewer;
}
