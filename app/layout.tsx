import type { Metadata, Viewport } from "next";
import { ImportNotice } from "./_components/ImportNotice";
import { SiteHeader } from "./_components/SiteHeader";
import { THEME_SCRIPT } from "./_lib/theme-script";
import "./globals.css";
import "./account.css";

export const metadata: Metadata = {
  title: { default: "RNN exercises", template: "%s · RNN exercises" },
  description: "Auto-graded TypeScript exercises on recurrent networks: RNN steps, gradients, LSTM and GRU gates, masks and attention.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#14171d" },
  ],
  width: "device-width",
  initialScale: 1,
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    // data-theme is set before hydration by THEME_SCRIPT when the learner pinned a theme.
    <html lang="en" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: THEME_SCRIPT }} />
      </head>
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main">{children}</main>
        <ImportNotice />
      </body>
    </html>
  );
}
