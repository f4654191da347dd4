// Markdown to HTML for tasks, explanations and lessons, rendered on the server. Authored text is
// not trusted: raw HTML is shown as text, links may only go to the web, mail, or Kubecoach's own
// pages (`scenario:ID`, `lesson:ID`, `exam:ID`), and images only load over http(s). Code blocks
// get a copy button and ```mermaid blocks a placeholder the browser draws (app/_components/markdown).
import { Marked, type Tokens } from "marked";

export function escapeHtml(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** Where a link may point; undefined for anything else (javascript:, data:, …). */
export function safeHref(href: string): { url: string; external: boolean } | undefined {
  const internal = /^(scenario|lesson|exam):([a-z0-9-]+)$/.exec(href);
  if (internal) {
    const base = internal[1] === "scenario" ? "/practice" : internal[1] === "lesson" ? "/learn" : "/exams";
    return { url: `${base}/${internal[2]}`, external: false };
  }
  if (/^https?:\/\//i.test(href)) return { url: href, external: true };
  if (/^mailto:/i.test(href)) return { url: href, external: true };
  if (/^(#|\/(?!\/))/.test(href)) return { url: href, external: false };
  return undefined;
}

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/<[^>]*>/g, "")
    .replace(/&[a-z]+;|&#\d+;/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function createRenderer(): Marked {
  const marked = new Marked({ gfm: true, breaks: false });
  marked.use({
    renderer: {
      html({ text }: Tokens.HTML | Tokens.Tag) {
        return escapeHtml(text);
      },
      code({ text, lang }: Tokens.Code) {
        const language = (lang ?? "").split(/\s/)[0] ?? "";
        if (language === "mermaid") {
          return `<figure class="md-diagram"><div class="md-mermaid" data-mermaid="">${escapeHtml(text)}</div><figcaption class="sr-only">Diagram</figcaption></figure>\n`;
        }
        const label = language ? ` data-language="${escapeHtml(language)}"` : "";
        return `<div class="md-code"${label}><button type="button" class="md-copy" data-copy-code="">Copy</button><pre><code${language ? ` class="language-${escapeHtml(language)}"` : ""}>${escapeHtml(text)}</code></pre></div>\n`;
      },
      heading({ tokens, depth }: Tokens.Heading) {
        const inner = this.parser.parseInline(tokens);
        return `<h${depth} id="${slugify(inner)}">${inner}</h${depth}>\n`;
      },
      link({ href, title, tokens }: Tokens.Link) {
        const inner = this.parser.parseInline(tokens);
        const target = safeHref(href);
        if (!target) return inner;
        const titleAttr = title ? ` title="${escapeHtml(title)}"` : "";
        const external = target.external ? ' target="_blank" rel="noopener noreferrer"' : "";
        return `<a href="${escapeHtml(target.url)}"${titleAttr}${external}>${inner}</a>`;
      },
      image({ href, title, text }: Tokens.Image) {
        if (!/^https?:\/\//i.test(href) && !/^\/(?!\/)/.test(href)) return escapeHtml(text);
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}"${title ? ` title="${escapeHtml(title)}"` : ""} loading="lazy" />`;
      },
    },
  });
  return marked;
}

const renderer = createRenderer();

export function renderMarkdown(markdown: string): string {
  return renderer.parse(markdown, { async: false });
}
