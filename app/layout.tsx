import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "./_components/site-header";
import { themeScript } from "./_components/theme-script";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Kubecoach — CKA exam practice", template: "%s · Kubecoach" },
  description: "Prepare for the Certified Kubernetes Administrator exam with timed tasks in a simulated cluster, graded on the result.",
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en" data-theme="light" suppressHydrationWarning>
      <head>
        <script dangerouslySetInnerHTML={{ __html: themeScript }} />
      </head>
      <body className="flex min-h-screen flex-col font-sans">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900">
          Skip to content
        </a>
        <SiteHeader />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-10 has-[>[data-full-bleed]]:max-w-none has-[>[data-full-bleed]]:py-3">
          {children}
        </main>
        <footer className="border-t border-slate-200 py-6 text-center text-sm text-slate-500 dark:border-slate-800 dark:text-slate-400">
          Kubecoach — practice for the CKA exam. Not affiliated with the CNCF or the Linux Foundation.
        </footer>
      </body>
    </html>
  );
}
