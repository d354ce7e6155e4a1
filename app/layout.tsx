import type { Metadata, Viewport } from "next";
import Link from "next/link";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "RNN exercises", template: "%s · RNN exercises" },
  description: "Auto-graded TypeScript exercises on recurrent networks: RNN steps, gradients, LSTM and GRU gates, masks and attention.",
};

export const viewport: Viewport = { themeColor: "#ffffff", width: "device-width", initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <Link href="/" className="brand">
            <span className="brand-mark" aria-hidden="true">
              h<sub>t</sub>
            </span>
            RNN exercises
          </Link>
          <nav aria-label="Main" className="site-nav">
            <Link href="/">Exercises</Link>
            {/* Account links (sign in / user menu) go here. */}
          </nav>
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
