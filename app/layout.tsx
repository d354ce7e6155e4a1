import type { Metadata, Viewport } from "next";
import { SiteHeader } from "./_components/SiteHeader";
import "./globals.css";
import "./account.css";

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
        <SiteHeader />
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
