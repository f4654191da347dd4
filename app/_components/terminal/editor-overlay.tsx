"use client";
// The editor overlay for vim, vi, nano and `kubectl edit` (DESIGN.md §4): CodeMirror 6 with vim
// keys (@replit/codemirror-vim) or nano keys, YAML highlighting. vim: `:w` writes and keeps
// editing, `:wq`/`:x`/ZZ write and close, `:q` closes when nothing is unsaved, `:q!` closes
// without saving. nano: Ctrl-O writes, Ctrl-X closes (asking to save changes), Ctrl-K/Ctrl-U cut
// and paste lines. The buttons do the same for mouse and screen-reader users.
import { useEffect, useRef, useState } from "react";
import type { EditMessage } from "@/lib/terminal/protocol";
import type { EditResponse } from "./terminal-view";

type Props = { request: EditMessage; onDone(response: EditResponse): void };

/** tabstop/shiftwidth/expandtab from the user's ~/.vimrc, as the exam's vim would apply them. */
export function vimrcSettings(vimrc: string | undefined): { tabSize: number; indent: string } {
  let tabSize = 8;
  let shiftWidth: number | undefined;
  let expand = false;
  for (const line of (vimrc ?? "").split("\n")) {
    for (const m of line.matchAll(/\b(tabstop|ts|shiftwidth|sw|softtabstop|sts)=(\d+)/g)) {
      const n = Number(m[2]);
      if (m[1] === "tabstop" || m[1] === "ts") tabSize = n;
      if (m[1] === "shiftwidth" || m[1] === "sw") shiftWidth = n;
    }
    if (/\b(expandtab|et)\b/.test(line) && !/\bnoexpandtab\b/.test(line)) expand = true;
  }
  const width = shiftWidth ?? tabSize;
  return { tabSize, indent: expand ? " ".repeat(width) : "\t" };
}

export function EditorOverlay({ request, onDone }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [message, setMessage] = useState("");
  const [askSave, setAskSave] = useState(false);
  const state = useRef({ written: undefined as string | undefined, current: request.content, done: false });
  const viewRef = useRef<{ focus(): void; content(): string } | null>(null);
  const nano = request.editor === "nano";

  const finishRef = useRef(onDone);
  useEffect(() => {
    finishRef.current = onDone;
  }, [onDone]);
  const finish = (response: EditResponse) => {
    if (state.current.done) return;
    state.current.done = true;
    finishRef.current(response);
  };
  // Stable actions for the editor's key bindings; they read the latest text from refs.
  const actions = useRef({
    write: () => {
      state.current.written = state.current.current;
      const text = state.current.current;
      const lines = text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
      setMessage(nano ? `[ Wrote ${lines} lines ]` : `"${request.path}" ${lines}L, ${text.length}B written`);
    },
    saveAndClose: () => finish({ content: state.current.current }),
    quitWithoutSaving: () => finish(state.current.written !== undefined ? { content: state.current.written } : { cancelled: true }),
    unsaved: () => state.current.current !== (state.current.written ?? request.content),
    setMessage,
    setAskSave,
  });

  useEffect(() => {
    let destroyed = false;
    let destroy = () => undefined as void;
    (async () => {
      const [{ EditorState }, view, commands, language, { yaml }, { vim, Vim }] = await Promise.all([
        import("@codemirror/state"),
        import("@codemirror/view"),
        import("@codemirror/commands"),
        import("@codemirror/language"),
        import("@codemirror/lang-yaml"),
        import("@replit/codemirror-vim"),
      ]);
      if (destroyed || !host.current) return;
      const settings = vimrcSettings(request.vimrc);
      const act = () => actions.current;
      if (!nano) {
        Vim.defineEx("write", "w", () => act().write());
        Vim.defineEx("wq", "wq", () => {
          act().write();
          act().saveAndClose();
        });
        Vim.defineEx("xit", "x", () => act().saveAndClose());
        Vim.defineEx("quit", "q", (_cm: unknown, params: { argString?: string }) => {
          if ((params.argString ?? "").trim() === "!") return act().quitWithoutSaving();
          if (act().unsaved()) return act().setMessage("E37: No write since last change (add ! to override)");
          act().quitWithoutSaving();
        });
        Vim.map("ZZ", ":x<CR>", "normal");
        Vim.map("ZQ", ":q!<CR>", "normal");
      }
      const nanoKeys = view.keymap.of([
        { key: "Ctrl-o", run: () => (act().write(), true), preventDefault: true },
        {
          key: "Ctrl-x",
          run: () => {
            if (act().unsaved()) act().setAskSave(true);
            else act().quitWithoutSaving();
            return true;
          },
          preventDefault: true,
        },
        {
          key: "Ctrl-k",
          run: (v) => {
            const line = v.state.doc.lineAt(v.state.selection.main.head);
            const to = Math.min(v.state.doc.length, line.to + 1);
            cut = v.state.sliceDoc(line.from, to);
            v.dispatch({ changes: { from: line.from, to } });
            return true;
          },
          preventDefault: true,
        },
        {
          key: "Ctrl-u",
          run: (v) => {
            const line = v.state.doc.lineAt(v.state.selection.main.head);
            v.dispatch({ changes: { from: line.from, insert: cut } });
            return true;
          },
          preventDefault: true,
        },
      ]);
      let cut = "";
      const editor = new view.EditorView({
        parent: host.current,
        state: EditorState.create({
          doc: request.content,
          extensions: [
            ...(nano ? [nanoKeys] : [vim()]),
            view.lineNumbers(),
            view.highlightActiveLine(),
            view.drawSelection(),
            commands.history(),
            view.keymap.of([...commands.defaultKeymap, ...commands.historyKeymap, commands.indentWithTab]),
            language.indentUnit.of(settings.indent),
            EditorState.tabSize.of(settings.tabSize),
            language.syntaxHighlighting(language.defaultHighlightStyle),
            ...(request.language === "yaml" ? [yaml()] : []),
            view.EditorView.updateListener.of((update) => {
              if (update.docChanged) state.current.current = update.state.doc.toString();
            }),
            view.EditorView.contentAttributes.of({ "aria-label": `Editing ${request.path}` }),
          ],
        }),
      });
      viewRef.current = { focus: () => editor.focus(), content: () => editor.state.doc.toString() };
      editor.focus();
      destroy = () => editor.destroy();
    })();
    return () => {
      destroyed = true;
      destroy();
    };
  }, [request, nano]);

  return (
    <div role="dialog" aria-modal="true" aria-label={`${nano ? "nano" : "vim"}: ${request.path}`} className="absolute inset-0 z-20 flex flex-col bg-white dark:bg-slate-950" data-testid="editor-overlay" data-editor={nano ? "nano" : "vim"}>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
        <span className="font-mono font-medium">{request.path}</span>
        <span className="text-slate-600 dark:text-slate-400">{nano ? "nano" : "vim"} · {request.language}</span>
        <span className="ml-auto flex gap-2">
          <button type="button" onClick={() => actions.current.saveAndClose()} className="rounded-md bg-brand-500 px-3 py-1 font-medium text-white hover:bg-brand-600">
            Save and close {nano ? "" : "(:wq)"}
          </button>
          <button type="button" onClick={() => actions.current.quitWithoutSaving()} className="rounded-md border border-slate-300 px-3 py-1 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
            Close without saving {nano ? "" : "(:q!)"}
          </button>
        </span>
      </div>
      <div ref={host} className="min-h-0 flex-1 overflow-auto font-mono text-sm [&_.cm-editor]:h-full" />
      <div className="border-t border-slate-200 px-3 py-1 font-mono text-xs text-slate-700 dark:border-slate-800 dark:text-slate-300" aria-live="polite">
        {askSave ? (
          <span>
            Save modified buffer?{" "}
            <button type="button" className="underline" onClick={() => actions.current.saveAndClose()}>
              Y Yes
            </button>{" "}
            <button type="button" className="underline" onClick={() => finish({ cancelled: true })}>
              N No
            </button>{" "}
            <button type="button" className="underline" onClick={() => (setAskSave(false), viewRef.current?.focus())}>
              ^C Cancel
            </button>
          </span>
        ) : (
          message || (nano ? "^O Write Out   ^X Exit   ^K Cut Line   ^U Paste" : "vim keys: i to insert, Esc, then :w, :wq or :q!")
        )}
      </div>
      {askSave ? <NanoPrompt onAnswer={(yes) => (yes ? actions.current.saveAndClose() : finish(state.current.written !== undefined ? { content: state.current.written } : { cancelled: true }))} onCancel={() => (setAskSave(false), viewRef.current?.focus())} /> : null}
    </div>
  );
}

/** nano's "Save modified buffer?" answered from the keyboard (Y, N, Ctrl-C). */
function NanoPrompt({ onAnswer, onCancel }: { onAnswer(yes: boolean): void; onCancel(): void }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const key = event.key.toLowerCase();
      if (key === "y") onAnswer(true);
      else if (key === "n") onAnswer(false);
      else if (event.ctrlKey && key === "c") onCancel();
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onAnswer, onCancel]);
  return null;
}
