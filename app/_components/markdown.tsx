"use client";
// Shows Markdown rendered on the server (lib/lessons/markdown.ts): copy buttons on code blocks,
// click-to-copy on inline code (as in the exam's task text), and Mermaid diagrams drawn in the
// browser (the library loads only on pages that have one).
import { useEffect, useRef } from "react";

async function copy(text: string, feedback: HTMLElement, done = "Copied"): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    const before = feedback.textContent;
    feedback.textContent = done;
    feedback.setAttribute("data-copied", "");
    setTimeout(() => {
      feedback.textContent = before;
      feedback.removeAttribute("data-copied");
    }, 1500);
  } catch {
    // Without clipboard permission the text stays selectable by hand.
  }
}

export function Markdown({ html, className = "" }: { html: string; className?: string }) {
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const element = root.current;
    if (!element) return;
    const onClick = (event: MouseEvent) => {
      const target = event.target as HTMLElement;
      const button = target.closest<HTMLButtonElement>("[data-copy-code]");
      if (button) {
        const code = button.parentElement?.querySelector("code")?.textContent ?? "";
        void copy(code.replace(/\n$/, ""), button);
        return;
      }
      const inline = target.closest("code");
      if (inline && !inline.closest("pre")) {
        // Inline code copies itself; the tooltip says so.
        void copy(inline.textContent ?? "", inline, inline.textContent ?? "");
      }
    };
    element.addEventListener("click", onClick);
    for (const code of element.querySelectorAll<HTMLElement>("code")) if (!code.closest("pre")) code.title = "Click to copy";

    const diagrams = element.querySelectorAll<HTMLElement>("[data-mermaid]");
    if (diagrams.length > 0) {
      void import("mermaid").then(async ({ default: mermaid }) => {
        const dark = document.documentElement.dataset.theme === "dark";
        mermaid.initialize({ startOnLoad: false, securityLevel: "strict", theme: dark ? "dark" : "default" });
        let n = 0;
        for (const diagram of diagrams) {
          try {
            const { svg } = await mermaid.render(`kc-diagram-${Date.now()}-${n++}`, diagram.textContent ?? "");
            diagram.innerHTML = svg;
            diagram.setAttribute("role", "img");
          } catch {
            diagram.classList.add("md-mermaid-failed");
          }
        }
      });
    }
    return () => element.removeEventListener("click", onClick);
  }, [html]);

  return <div ref={root} className={`md ${className}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
