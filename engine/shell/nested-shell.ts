import type { Terminal } from "./terminal";

type Stream = "stdout" | "stderr";

/** A shell running inside another terminal's foreground (a container's shell, `chroot /host`). */
export interface NestedShell<Saved> {
  readonly prompt: string;
  readonly reading: boolean;
  input(data: string): void;
  exec(line: string, onOutput: (data: string, stream: Stream) => void): Promise<{ exitCode: number; closed: boolean }>;
  interrupt(): void;
  complete(line: string, cursor: number): Promise<{ items: string[]; start: number; end: number }>;
  snapshot(): Promise<Saved>;
  /** Set by whoever holds the shell: a line running in it waits for typed input (`cat > f`, `read X`). */
  onRead?: () => void;
}

export interface NestedShellHooks<Saved> {
  /** What the holder shows of the inner terminal's output; undefined hides it (its "logout"). */
  shown(data: string): string | undefined;
  /** Sees each piece shown, before the holder does. */
  observe?(data: string, stream: Stream): void;
  /** The inner shell ended with this status. */
  closed?(exitCode: number): void;
  snapshot(): Promise<Saved>;
}

/**
 * Wraps a terminal as a foreground shell of another terminal. The read hook is installed from a
 * method of the returned object rather than a fresh closure stored on the terminal, so a dropped
 * session does not outlive young-generation collections (see engine/cluster/attached-state.ts).
 */
export function nestedShell<Saved>(terminal: Terminal, hooks: NestedShellHooks<Saved>): NestedShell<Saved> {
  const shell: NestedShell<Saved> = {
    get prompt() {
      return terminal.prompt;
    },
    get reading() {
      return terminal.reading;
    },
    input: (data) => terminal.input(data),
    exec: async (line, onOutput) => {
      const r = await terminal.exec(line, (data, stream) => {
        const shown = hooks.shown(data);
        if (shown === undefined) return;
        hooks.observe?.(shown, stream);
        onOutput(shown, stream);
      });
      if (r.closed) hooks.closed?.(r.exitCode);
      return { exitCode: r.exitCode, closed: r.closed };
    },
    interrupt: () => terminal.interrupt(),
    complete: (line, cursor) => terminal.complete(line, cursor),
    snapshot: () => hooks.snapshot(),
  };
  terminal.onRead = () => (shell.onRead ? shell.onRead() : terminal.input(""));
  return shell;
}
