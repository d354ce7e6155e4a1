// The header on every page: the site's links and who is signed in (from the session cookie, on
// the server, so the first paint is already right), and the dark-mode toggle. On narrow screens
// the links fold behind a Menu button (HeaderMenu).
import Link from "next/link";
import { unstable_rethrow } from "next/navigation";
import { getViewer, type Viewer } from "@/lib/viewer";
import { HeaderMenu } from "./HeaderMenu";
import { SignOutButton } from "./SignOutButton";
import { ThemeToggle } from "./ThemeToggle";

/** The signed-in user, or null; a database hiccup shows the signed-out header, not an error page. */
async function currentViewer(): Promise<Viewer | null> {
  try {
    return await getViewer();
  } catch (e) {
    unstable_rethrow(e); // Next.js's own signals (dynamic rendering, redirects) must pass through
    console.error("header: could not read the session:", e);
    return null;
  }
}

export async function SiteHeader() {
  const viewer = await currentViewer();
  return (
    <header className="site-header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">
          h<sub>t</sub>
        </span>
        RNN exercises
      </Link>
      <HeaderMenu>
      <nav aria-label="Main" className="site-nav">
        <Link href="/">Exercises</Link>
        {viewer ? (
          <>
            <Link href="/submissions">My submissions</Link>
            <Link href="/classrooms">{viewer.role === "instructor" ? "Classrooms" : "Classrooms / Join"}</Link>
            {viewer.role === "instructor" ? <Link href="/instructor">Instructor</Link> : null}
            <span className="account" data-testid="account">
              <Link href="/account/password" className="account-name" title="Your account: change your password">{viewer.name}</Link>
              <span className={`role role-${viewer.role}`}>{viewer.role}</span>
            </span>
            <SignOutButton />
          </>
        ) : (
          <>
            <Link href="/signin">Sign in</Link>
            <Link href="/signup" className="btn btn-primary btn-small">
              Sign up
            </Link>
          </>
        )}
        <ThemeToggle />
      </nav>
      </HeaderMenu>
    </header>
  );
}
