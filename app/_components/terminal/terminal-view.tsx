"use client";
// One terminal tab: xterm.js (fit and web-links addons) with the line editor at the edge, wired
// to the terminal WebSocket. Copy and paste like the exam: Ctrl-Shift-C copies the selection,
// Ctrl-Shift-V and a right click paste. The active tab's xterm is window.__term (e2e tests read
// its buffer).
import "@xterm/xterm/css/xterm.css";
import type { Terminal as XTerm } from "@xterm/xterm";
import { useEffect, useRef } from "react";
import { LineEditor } from "@/lib/terminal/line-editor";
import type { EditMessage } from "@/lib/terminal/protocol";
import { TerminalConnection, type ConnectionStatus } from "./connection";

export type EditResponse = { content: string } | { cancelled: true };

export interface TerminalViewProps {
  attemptId: string;
  tab: number;
  active: boolean;
  onStatus(tab: number, status: ConnectionStatus, detail?: string): void;
  onEdit(tab: number, request: EditMessage, respond: (response: EditResponse) => void): void;
  onSaved(at: string): void;
  /** Ask the tab to take the keyboard (after the editor overlay closes, after a tab switch). */
  focusToken: number;
}

declare global {
  interface Window {
    __term?: XTerm;
  }
}

const THEMES = {
  dark: { background: "#0b1020", foreground: "#e2e8f0", cursor: "#e2e8f0", cursorAccent: "#0b1020", selectionBackground: "#334155" },
  light: {
    background: "#ffffff",
    foreground: "#0f172a",
    cursor: "#0f172a",
    cursorAccent: "#ffffff",
    selectionBackground: "#bfdbfe",
    // Darker yellow and cyan: the defaults are hard to read on white.
    yellow: "#a16207",
    brightYellow: "#854d0e",
    cyan: "#0e7490",
    brightCyan: "#155e75",
  },
};

function currentTheme(): "dark" | "light" {
  return document.documentElement.dataset.theme === "dark" ? "dark" : "light";
}

export function TerminalView({ attemptId, tab, active, onStatus, onEdit, onSaved, focusToken }: TerminalViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const termRef = useRef<XTerm | null>(null);
  const callbacks = useRef({ onStatus, onEdit, onSaved });
  useEffect(() => {
    callbacks.current = { onStatus, onEdit, onSaved };
  });

  useEffect(() => {
    let disposed = false;
    const cleanups: (() => void)[] = [];
    (async () => {
      const [{ Terminal }, { FitAddon }, { WebLinksAddon }] = await Promise.all([import("@xterm/xterm"), import("@xterm/addon-fit"), import("@xterm/addon-web-links")]);
      if (disposed || !container.current) return;
      const term = new Terminal({
        convertEol: true,
        cursorBlink: true,
        fontFamily: 'ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace',
        fontSize: 14,
        scrollback: 5000,
        theme: THEMES[currentTheme()],
        screenReaderMode: false,
      });
      const fit = new FitAddon();
      term.loadAddon(fit);
      term.loadAddon(new WebLinksAddon((_event, uri) => window.open(uri, "_blank", "noopener,noreferrer")));
      term.open(container.current);
      term.textarea?.setAttribute("aria-label", `Terminal ${tab}: type commands here`);
      termRef.current = term;
      cleanups.push(() => term.dispose());

      const connection = new TerminalConnection(TerminalConnection.urlFor(attemptId, tab), {
        status: (status, detail) => callbacks.current.onStatus(tab, status, detail),
        message: (message) => {
          switch (message.type) {
            case "ready":
              term.reset();
              if (message.scrollback) term.write(message.scrollback);
              editor.setHistory(message.history);
              if (message.running) editor.stop();
              else editor.start(message.prompt);
              connection.send({ type: "resize", cols: term.cols, rows: term.rows });
              break;
            case "output":
              // At the prompt this is a background job's output: above the line being edited.
              if (editor.accepting) editor.printAbove(message.data);
              else term.write(message.data);
              break;
            case "done":
              // A command's last output may come in the same frame as its end.
              if (message.output) term.write(message.output);
              editor.start(message.prompt);
              break;
            case "reading":
              editor.startInput(message.prompt);
              break;
            case "completions":
              editor.completions(message);
              break;
            case "edit":
              callbacks.current.onEdit(tab, message, (response) => connection.send({ type: "edit-result", ...response }));
              break;
            case "saved":
              callbacks.current.onSaved(message.at);
              break;
            case "closed":
              editor.stop();
              term.write(`\r\n\x1b[33m${message.reason}\x1b[0m\r\n`);
              break;
            case "error":
              term.write(`\r\n\x1b[31m${message.message}\x1b[0m\r\n`);
              break;
          }
        },
      });
      const send = (message: Parameters<TerminalConnection["send"]>[0]) => {
        if (connection.send(message)) return true;
        term.write("\r\n\x1b[33mNot connected: that was not sent. Kubecoach is reconnecting…\x1b[0m\r\n");
        return false;
      };
      const editor = new LineEditor(
        { write: (data) => term.write(data), columns: () => term.cols },
        {
          submit: (line) => {
            if (!send({ type: "exec", line })) editor.redraw();
          },
          complete: (line, cursor) => void connection.send({ type: "complete", line, cursor }),
          interrupt: () => void send({ type: "interrupt" }),
          suspend: () => void send({ type: "suspend" }),
          endOfInput: () => void send({ type: "exec", line: "exit" }),
          input: (data) => void send({ type: "input", data }),
          clearScreen: () => term.clear(),
        },
      );
      term.onData((data) => editor.input(data));

      // Exam-style clipboard keys; Ctrl-C alone stays an interrupt, as in a real terminal.
      term.attachCustomKeyEventHandler((event) => {
        if (event.type !== "keydown" || !event.ctrlKey || !event.shiftKey) return true;
        const key = event.key.toLowerCase();
        if (key === "c") {
          const selection = term.getSelection();
          if (selection) void navigator.clipboard?.writeText(selection).catch(() => undefined);
          event.preventDefault();
          return false;
        }
        // Ctrl-Shift-V: the browser's own paste event brings the text to xterm.
        return key !== "v";
      });
      const onContextMenu = (event: MouseEvent) => {
        event.preventDefault();
        navigator.clipboard
          ?.readText()
          .then((text) => {
            if (text) term.paste(text);
          })
          .catch(() => undefined);
      };
      container.current.addEventListener("contextmenu", onContextMenu);
      cleanups.push(() => container.current?.removeEventListener("contextmenu", onContextMenu));

      const resize = () => {
        if (!container.current || container.current.offsetParent === null) return;
        const before = `${term.cols}x${term.rows}`;
        fit.fit();
        if (`${term.cols}x${term.rows}` !== before) connection.send({ type: "resize", cols: term.cols, rows: term.rows });
      };
      const observer = new ResizeObserver(() => resize());
      observer.observe(container.current);
      cleanups.push(() => observer.disconnect());
      resize();

      const themeWatch = new MutationObserver(() => (term.options.theme = THEMES[currentTheme()]));
      themeWatch.observe(document.documentElement, { attributes: true, attributeFilter: ["data-theme"] });
      cleanups.push(() => themeWatch.disconnect());

      connection.open();
      cleanups.push(() => connection.close());
    })();
    return () => {
      disposed = true;
      for (const cleanup of cleanups.reverse()) cleanup();
      termRef.current = null;
    };
  }, [attemptId, tab]);

  useEffect(() => {
    const term = termRef.current;
    if (!active || !term) return;
    window.__term = term;
    term.focus();
  }, [active, focusToken]);

  // The xterm instance appears after the dynamic import; publish it once it exists.
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => {
      if (termRef.current) {
        window.__term = termRef.current;
        termRef.current.focus();
        clearInterval(timer);
      }
    }, 50);
    return () => clearInterval(timer);
  }, [active]);

  return <div ref={container} className={`h-full w-full ${active ? "" : "hidden"}`} data-terminal-tab={tab} />;
}
