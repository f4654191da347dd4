"use client";
// The terminal area of a task or exam: terminal tabs on one environment, the connection state,
// when the work was last saved, and the editor overlay when vim, nano or `kubectl edit` asks.
import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState } from "react";
import { MAX_TABS, type EditMessage } from "@/lib/terminal/protocol";
import type { ConnectionStatus } from "./connection";
import type { EditResponse } from "./terminal-view";

// xterm and CodeMirror touch the DOM when loaded: both load in the browser only, after the page.
const TerminalView = dynamic(() => import("./terminal-view").then((m) => m.TerminalView), { ssr: false });
const EditorOverlay = dynamic(() => import("./editor-overlay").then((m) => m.EditorOverlay), { ssr: false });

type Props = { attemptId: string; className?: string };

const STATUS_TEXT: Record<ConnectionStatus, string> = {
  connecting: "Connecting…",
  open: "Connected",
  reconnecting: "Reconnecting…",
  closed: "Closed",
};

function storedTabs(attemptId: string): number[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(`kubecoach:tabs:${attemptId}`) ?? "[1]") as unknown;
    if (Array.isArray(value) && value.length > 0 && value.every((n) => Number.isInteger(n) && n >= 1 && n <= MAX_TABS)) return value as number[];
  } catch {
    // A damaged entry just means one tab.
  }
  return [1];
}

export function TerminalPanel({ attemptId, className = "" }: Props) {
  const [tabs, setTabs] = useState<number[]>([1]);
  const [active, setActive] = useState(1);
  const [status, setStatus] = useState<Record<number, { status: ConnectionStatus; detail?: string }>>({});
  const [savedAt, setSavedAt] = useState<string>();
  const [editing, setEditing] = useState<{ tab: number; request: EditMessage; respond(r: EditResponse): void }>();
  const [focusToken, setFocusToken] = useState(0);
  const loaded = useRef(false);

  useEffect(() => {
    const initial = storedTabs(attemptId);
    setTabs(initial);
    setActive(initial[0]!);
    loaded.current = true;
  }, [attemptId]);
  useEffect(() => {
    if (loaded.current) window.localStorage.setItem(`kubecoach:tabs:${attemptId}`, JSON.stringify(tabs));
  }, [attemptId, tabs]);

  const onStatus = useCallback((tab: number, next: ConnectionStatus, detail?: string) => setStatus((s) => ({ ...s, [tab]: { status: next, ...(detail ? { detail } : {}) } })), []);
  const onEdit = useCallback((tab: number, request: EditMessage, respond: (r: EditResponse) => void) => {
    setActive(tab);
    setEditing({ tab, request, respond });
  }, []);
  const onSaved = useCallback((at: string) => setSavedAt(at), []);

  const addTab = () => {
    const next = [1, 2, 3, 4].find((n) => !tabs.includes(n));
    if (!next) return;
    setTabs([...tabs, next].sort());
    setActive(next);
  };
  const closeTab = (tab: number) => {
    const rest = tabs.filter((t) => t !== tab);
    if (rest.length === 0) return;
    setTabs(rest);
    if (active === tab) setActive(rest[0]!);
  };

  const current = status[active];
  const statusText = current ? (current.status === "closed" && current.detail ? current.detail : STATUS_TEXT[current.status]) : STATUS_TEXT.connecting;

  return (
    <section
      aria-label="Terminal"
      className={`relative flex min-h-0 flex-col overflow-hidden rounded-xl border border-slate-200 bg-white dark:border-slate-800 dark:bg-[#0b1020] ${className}`}
      data-terminal-status={current?.status ?? "connecting"}
    >
      <div className="flex flex-wrap items-center gap-1 border-b border-slate-200 bg-slate-50 px-2 py-1 text-sm dark:border-slate-800 dark:bg-slate-900">
        <div role="tablist" aria-label="Terminal tabs" className="flex items-center gap-1">
          {tabs.map((tab) => (
            <span key={tab} className="flex items-center">
              <button
                type="button"
                role="tab"
                aria-selected={tab === active}
                onClick={() => {
                  setActive(tab);
                  setFocusToken((n) => n + 1);
                }}
                className={`rounded-md px-3 py-1 ${tab === active ? "bg-white font-medium shadow-sm dark:bg-slate-800" : "text-slate-600 hover:bg-slate-200 dark:text-slate-400 dark:hover:bg-slate-800"}`}
              >
                Terminal {tab}
              </button>
              {tabs.length > 1 ? (
                <button type="button" aria-label={`Close terminal ${tab}`} onClick={() => closeTab(tab)} className="rounded px-1 text-slate-500 hover:bg-slate-200 dark:hover:bg-slate-800">
                  ×
                </button>
              ) : null}
            </span>
          ))}
          {tabs.length < MAX_TABS ? (
            <button type="button" onClick={addTab} className="rounded-md px-2 py-1 text-slate-600 hover:bg-slate-200 dark:text-slate-400 dark:hover:bg-slate-800" aria-label="Open another terminal">
              +
            </button>
          ) : null}
        </div>
        <p className="ml-auto flex items-center gap-3 text-xs text-slate-600 dark:text-slate-400" aria-live="polite">
          <span data-testid="terminal-status">
            <span aria-hidden="true" className={`mr-1 inline-block h-2 w-2 rounded-full ${current?.status === "open" ? "bg-emerald-500" : current?.status === "closed" ? "bg-slate-400" : "bg-amber-500"}`} />
            {statusText}
          </span>
          {savedAt ? <span data-testid="terminal-saved">Saved {new Date(savedAt).toLocaleTimeString()}</span> : null}
          <span className="hidden lg:inline">Copy: Ctrl+Shift+C · Paste: Ctrl+Shift+V or right-click</span>
        </p>
      </div>
      <div className="relative min-h-0 flex-1 p-1">
        {tabs.map((tab) => (
          <TerminalView key={tab} attemptId={attemptId} tab={tab} active={tab === active} onStatus={onStatus} onEdit={onEdit} onSaved={onSaved} focusToken={focusToken} />
        ))}
        {editing ? (
          <EditorOverlay
            key={`${editing.tab}:${editing.request.path}`}
            request={editing.request}
            onDone={(response) => {
              editing.respond(response);
              setEditing(undefined);
              setFocusToken((n) => n + 1);
            }}
          />
        ) : null}
      </div>
    </section>
  );
}
