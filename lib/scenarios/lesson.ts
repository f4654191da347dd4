import { YamlSource, type ValidationIssue } from "./issues";
import { lessonMetaSchema, type LessonMeta } from "./schema";

/** A lesson: Markdown with YAML front matter (metadata, scenarios it links, knowledge checks). */
export interface Lesson {
  meta: LessonMeta;
  body: string;
  file: string;
  /** `[text](scenario:ID)`, `(lesson:ID)` and `(exam:ID)` links in the body, for validation and rendering. */
  links: { kind: "scenario" | "lesson" | "exam"; id: string; line: number }[];
}

const LINK = /\]\((scenario|lesson|exam):([a-z0-9-]+)\)/g;

export function loadLesson(text: string, file: string, fileId: string): { lesson?: Lesson; issues: ValidationIssue[] } {
  const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
  if (!match) return { issues: [{ file, line: 1, message: "must start with YAML front matter between --- lines" }] };
  const source = new YamlSource(file, match[1]);
  // Front matter starts on line 2 of the file.
  const shift = (issue: ValidationIssue): ValidationIssue => (issue.line ? { ...issue, line: issue.line + 1 } : issue);
  const syntax = source.syntaxIssues();
  if (syntax.length) return { issues: syntax.map(shift) };
  const parsed = lessonMetaSchema.safeParse(source.value ?? {});
  if (!parsed.success) return { issues: source.schemaIssues(parsed.error).map(shift) };
  const issues: ValidationIssue[] = [];
  if (parsed.data.id !== fileId) issues.push(shift({ file, field: "id", ...source.position(["id"]), message: `is "${parsed.data.id}" but the file is named "${fileId}.md"` }));
  const body = match[2];
  if (body.trim().length < 200) issues.push({ file, message: "the lesson text is too short to teach anything" });
  const bodyStart = match[1].split("\n").length + 3;
  const links: Lesson["links"] = [];
  body.split("\n").forEach((line, i) => {
    for (const m of line.matchAll(LINK)) links.push({ kind: m[1] as Lesson["links"][number]["kind"], id: m[2], line: bodyStart + i });
  });
  return { lesson: { meta: parsed.data, body, file, links }, issues };
}
