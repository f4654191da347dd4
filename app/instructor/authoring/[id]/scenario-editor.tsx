"use client";
// The scenario editor: every file in a tab (CodeMirror; YAML highlighted), validated against the
// scenario schema as you type (problems listed with file, line and field), saved as a draft;
// then a preview environment with a terminal, the reference solution run in it and graded, the
// self-test, publishing to a cohort, and the export.
import { useEffect, useRef, useState, useTransition } from "react";
import type { EditorView } from "@codemirror/view";
import type { ScenarioGrade, SelfTestResult, ValidationIssue } from "@/lib/scenarios";
import { SCENARIO_FILES, type ScenarioFileName } from "@/lib/authoring/files";
import { CheckResults } from "../../../_components/check-results";
import { TerminalPanel } from "../../../_components/terminal/terminal-panel";
import { previewAction, publishAction, runSolutionAction, saveAction, selfTestAction, unpublishAction, validateAction } from "../actions";

type Props = {
  id: string;
  slug: string;
  files: Partial<Record<ScenarioFileName, string>>;
  initialIssues: ValidationIssue[];
  status: "draft" | "published";
  publishedTo: string | null;
  cohorts: { id: string; name: string }[];
  previewAttemptId: string | null;
};

function fileOfIssue(issue: ValidationIssue, slug: string): string {
  return issue.file.replace(`${slug}/`, "").split(" ")[0]!;
}

function issueText(issue: ValidationIssue, slug: string): string {
  const where = [fileOfIssue(issue, slug), issue.line, issue.column].filter((p) => p !== undefined).join(":");
  return `${where}: ${issue.field ? `${issue.field}: ` : ""}${issue.message}`;
}

const button = "rounded-md px-3 py-1.5 text-sm font-medium disabled:cursor-wait disabled:opacity-60";
const primary = `${button} bg-brand-500 text-white hover:bg-brand-600`;
const secondary = `${button} border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800`;

export function ScenarioEditor(props: Props) {
  const { id, slug } = props;
  const [active, setActive] = useState<ScenarioFileName>("scenario.yaml");
  const [files, setFiles] = useState<Record<string, string>>(() => Object.fromEntries(SCENARIO_FILES.map((f) => [f, props.files[f] ?? ""])));
  const [issues, setIssues] = useState<ValidationIssue[]>(props.initialIssues);
  const [dirty, setDirty] = useState(false);
  const [message, setMessage] = useState<string>();
  const [error, setError] = useState<string>();
  const [preview, setPreview] = useState<string | null>(props.previewAttemptId);
  const [solution, setSolution] = useState<{ exitCode: number; output: string; grade: ScenarioGrade }>();
  const [selfTest, setSelfTest] = useState<SelfTestResult>();
  const [cohort, setCohort] = useState(props.cohorts[0]?.id ?? "");
  const [pending, start] = useTransition();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const states = useRef(new Map<string, unknown>());
  const filesRef = useRef(files);
  useEffect(() => {
    filesRef.current = files;
  }, [files]);

  // One CodeMirror view; each file keeps its own state (text and undo history) when switching tabs.
  useEffect(() => {
    let destroyed = false;
    void (async () => {
      const [{ EditorState }, cm, commands, language, { yaml }] = await Promise.all([
        import("@codemirror/state"),
        import("@codemirror/view"),
        import("@codemirror/commands"),
        import("@codemirror/language"),
        import("@codemirror/lang-yaml"),
      ]);
      if (destroyed || !host.current) return;
      const stateFor = (name: string) => {
        const existing = states.current.get(name);
        if (existing) return existing as ReturnType<typeof EditorState.create>;
        return EditorState.create({
          doc: filesRef.current[name] ?? "",
          extensions: [
            cm.lineNumbers(),
            cm.highlightActiveLine(),
            cm.drawSelection(),
            commands.history(),
            cm.keymap.of([...commands.defaultKeymap, ...commands.historyKeymap, commands.indentWithTab]),
            language.indentUnit.of("  "),
            language.syntaxHighlighting(language.defaultHighlightStyle),
            ...(name.endsWith(".yaml") ? [yaml()] : []),
            cm.EditorView.lineWrapping,
            cm.EditorView.contentAttributes.of({ "aria-label": `${name} of ${slug}` }),
            cm.EditorView.updateListener.of((update) => {
              if (!update.docChanged) return;
              const text = update.state.doc.toString();
              setFiles((f) => ({ ...f, [name]: text }));
              setDirty(true);
            }),
          ],
        });
      };
      if (!view.current) view.current = new cm.EditorView({ parent: host.current, state: stateFor(active) });
      else {
        states.current.set(view.current.dom.dataset.file ?? "", view.current.state);
        view.current.setState(stateFor(active));
      }
      view.current.dom.dataset.file = active;
    })();
    return () => {
      destroyed = true;
    };
  }, [active, slug]);
  useEffect(() => () => view.current?.destroy(), []);

  // Live validation, half a second after the last change.
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      void validateAction(id, files).then((r) => {
        if (r.ok) setIssues(r.issues);
      });
    }, 500);
    return () => clearTimeout(timer);
  }, [files, dirty, id]);

  const act = (work: () => Promise<void>) =>
    start(async () => {
      setError(undefined);
      setMessage(undefined);
      await work();
    });
  const save = () =>
    act(async () => {
      const r = await saveAction(id, files);
      if (!r.ok) {
        setError(r.error);
        if (r.issues) setIssues(r.issues);
        return;
      }
      setIssues(r.issues);
      setDirty(false);
      setMessage(r.issues.length ? "Saved as a draft (with problems to fix)." : "Saved.");
    });

  const problemsIn = (file: string) => issues.filter((i) => fileOfIssue(i, slug) === file).length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={primary} onClick={save} disabled={pending}>
          Save draft
        </button>
        <span className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">{dirty ? "Unsaved changes" : "All changes saved"}</span>
        <a href={`/api/authoring/${id}/export`} className={`${secondary} ml-auto`}>
          Export folder (.tar.gz)
        </a>
      </div>
      {error ? <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">{error}</p> : null}
      {message ? <p role="status" className="text-sm text-emerald-800 dark:text-emerald-300">{message}</p> : null}

      <div className="overflow-hidden rounded-xl border border-slate-200 dark:border-slate-800">
        <div role="tablist" aria-label="Files" className="flex flex-wrap gap-1 border-b border-slate-200 bg-slate-50 p-1 dark:border-slate-800 dark:bg-slate-900">
          {SCENARIO_FILES.map((f) => (
            <button key={f} type="button" role="tab" aria-selected={f === active} onClick={() => setActive(f)} className={`rounded-md px-3 py-1 font-mono text-xs ${f === active ? "bg-white shadow-sm dark:bg-slate-800" : "hover:bg-slate-200 dark:hover:bg-slate-800"}`}>
              {f}
              {problemsIn(f) ? <span className="ml-1 rounded-full bg-rose-500 px-1.5 text-[10px] text-white" aria-label={`${problemsIn(f)} problems`}>{problemsIn(f)}</span> : null}
            </button>
          ))}
        </div>
        <div ref={host} className="max-h-[28rem] min-h-[16rem] overflow-auto text-sm" data-testid="file-editor" />
      </div>

      <section aria-labelledby="problems-heading" data-testid="validation">
        <h2 id="problems-heading" className="text-lg font-semibold">
          {issues.length === 0 ? "Valid: no problems found" : `${issues.length} problem${issues.length === 1 ? "" : "s"}`}
        </h2>
        {issues.length ? (
          <ul className="mt-1 space-y-0.5 font-mono text-xs text-rose-800 dark:text-rose-300" aria-label="Problems">
            {issues.map((issue, i) => (
              <li key={i}>
                <button type="button" className="text-left hover:underline" onClick={() => setActive((fileOfIssue(issue, slug) as ScenarioFileName) ?? active)}>
                  {issueText(issue, slug)}
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </section>

      <section aria-labelledby="preview-heading" className="space-y-3 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
        <h2 id="preview-heading" className="text-lg font-semibold">Preview and test</h2>
        <p className="text-sm text-slate-600 dark:text-slate-400">The preview uses the saved files: setup runs in a fresh environment you can explore in the terminal; the reference solution can then be run there and graded.</p>
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            className={secondary}
            disabled={pending || dirty || issues.length > 0}
            onClick={() =>
              act(async () => {
                const r = await previewAction(id);
                if (!r.ok) return setError(r.error);
                setSolution(undefined);
                setPreview(r.attemptId);
              })
            }
          >
            {preview ? "Restart the preview" : "Start a preview"}
          </button>
          <button
            type="button"
            className={secondary}
            disabled={pending || !preview}
            onClick={() =>
              act(async () => {
                const r = await runSolutionAction(id, preview!);
                if (!r.ok) return setError(r.error);
                setSolution(r);
              })
            }
          >
            Run the solution in the preview
          </button>
          <button
            type="button"
            className={secondary}
            disabled={pending || dirty || issues.length > 0}
            onClick={() =>
              act(async () => {
                const r = await selfTestAction(id);
                if (!r.ok) return setError(r.error);
                setSelfTest(r.result);
              })
            }
          >
            Run the self-test
          </button>
          {pending ? <span className="self-center text-sm text-slate-600 dark:text-slate-400">Working…</span> : null}
        </div>
        {dirty || issues.length ? <p className="text-xs text-slate-600 dark:text-slate-400">Save a valid version to preview or self-test it.</p> : null}
        {solution ? (
          <div data-testid="solution-result" className="space-y-2">
            <p className="font-medium">
              Solution exited with {solution.exitCode}; the preview scores {solution.grade.earned}/{solution.grade.total} points.
            </p>
            <CheckResults checks={solution.grade.checks} />
            {solution.output ? <pre className="max-h-48 overflow-auto rounded bg-slate-900 p-2 font-mono text-xs text-slate-100">{solution.output}</pre> : null}
          </div>
        ) : null}
        {selfTest ? (
          <div data-testid="self-test-result" className="text-sm">
            <p className={`font-medium ${selfTest.ok ? "text-emerald-800 dark:text-emerald-300" : "text-rose-800 dark:text-rose-300"}`}>
              Self-test {selfTest.ok ? "passed" : "failed"}: setup alone scores {selfTest.setupScore ?? "?"}/{selfTest.total ?? "?"}, setup and solution {selfTest.solutionScore ?? "?"}/{selfTest.total ?? "?"}.
            </p>
            {selfTest.problems.length ? (
              <ul className="list-inside list-disc">
                {selfTest.problems.map((p, i) => (
                  <li key={i}>{p}</li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        {preview ? <TerminalPanel key={preview} attemptId={preview} className="h-[420px]" /> : null}
      </section>

      <section aria-labelledby="publish-heading" className="space-y-2 rounded-xl border border-slate-200 p-4 dark:border-slate-800">
        <h2 id="publish-heading" className="text-lg font-semibold">Publish</h2>
        {props.status === "published" ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <span>Published to {props.publishedTo ?? "a cohort"}: its learners find it in their practice catalogue.</span>
            <button type="button" className={secondary} disabled={pending} onClick={() => act(async () => void (await unpublishAction(id)))}>
              Unpublish
            </button>
          </div>
        ) : props.cohorts.length === 0 ? (
          <p className="text-sm">Create a cohort first; published scenarios go to a cohort&apos;s learners.</p>
        ) : (
          <div className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor="publish-cohort" className="block text-sm font-medium">Cohort</label>
              <select id="publish-cohort" value={cohort} onChange={(e) => setCohort(e.target.value)} className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950">
                {props.cohorts.map((c) => (
                  <option key={c.id} value={c.id}>{c.name}</option>
                ))}
              </select>
            </div>
            <button
              type="button"
              className={primary}
              disabled={pending || dirty || issues.length > 0}
              onClick={() =>
                act(async () => {
                  const r = await publishAction(id, cohort);
                  if (!r.ok) return setError(r.error);
                  setMessage("Published.");
                })
              }
            >
              Publish to the cohort
            </button>
          </div>
        )}
      </section>
    </div>
  );
}
