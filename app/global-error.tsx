"use client";
// Last resort when the root layout itself fails: a self-contained page with its own <html>.
export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "system-ui, sans-serif", maxWidth: 560, margin: "15vh auto", padding: 16, textAlign: "center" }}>
        <h1>Kubecoach is having trouble</h1>
        <p>Something went wrong on our side and has been logged. Please try again in a moment.</p>
        {error.digest ? <p style={{ fontFamily: "monospace", fontSize: 12, color: "#64748b" }}>Reference: {error.digest}</p> : null}
        <button type="button" onClick={reset} style={{ padding: "8px 16px" }}>
          Try again
        </button>
      </body>
    </html>
  );
}
