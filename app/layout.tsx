import type { Metadata } from "next";
import { SiteHeader } from "@/components/site-header";
import "./globals.css";

// Every page depends on who is signed in and on live data: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Latchkey", template: "%s · Latchkey" },
  description: "Self-hosted OAuth connectors for your company's assistant",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        <SiteHeader />
        <main className="mx-auto max-w-5xl px-4 py-8 [overflow-wrap:anywhere]">{children}</main>
      </body>
    </html>
  );
}
