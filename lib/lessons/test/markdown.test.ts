// Authored Markdown is rendered on the server and must not smuggle script into the page.
import { describe, expect, it } from "vitest";
import { renderMarkdown, safeHref } from "../markdown";

describe("markdown", () => {
  it("shows raw HTML as text instead of running it", () => {
    const html = renderMarkdown('Hello <script>alert(1)</script> <img src=x onerror="alert(2)">');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });

  it("keeps only web, mail and Kubecoach links", () => {
    const html = renderMarkdown("[a](javascript:alert(1)) [b](scenario:drain-node) [c](https://kubernetes.io/docs/) [d](data:text/html,x) [e](lesson:etcd)");
    expect(html).not.toContain("javascript:");
    expect(html).not.toContain("data:");
    expect(html).toContain('<a href="/practice/drain-node">b</a>');
    expect(html).toContain('<a href="https://kubernetes.io/docs/" target="_blank" rel="noopener noreferrer">c</a>');
    expect(html).toContain('<a href="/learn/etcd">e</a>');
    expect(safeHref("//evil.example/x")).toBeUndefined();
  });

  it("gives code blocks a copy button and leaves Mermaid diagrams for the browser", () => {
    const html = renderMarkdown("```bash\nkubectl get pods <none>\n```\n\n```mermaid\nflowchart LR\n  A --> B\n```\n");
    expect(html).toContain('<button type="button" class="md-copy" data-copy-code="">Copy</button>');
    expect(html).toContain('<code class="language-bash">kubectl get pods &lt;none&gt;</code>');
    expect(html).toContain('<div class="md-mermaid" data-mermaid="">flowchart LR\n  A --&gt; B</div>');
  });

  it("gives headings anchors", () => {
    expect(renderMarkdown("## Rolling out and back")).toBe('<h2 id="rolling-out-and-back">Rolling out and back</h2>\n');
  });
});
