import type { Command } from "just-bash";
import type { ShellFrame } from "../frame";
import { shellCommand } from "./index";

/**
 * vim, vi, nano: open the editor protocol (DESIGN.md §4) on each file named. The overlay (the
 * browser's CodeMirror with vim keys, or $EDITOR in the CLI) decides about `:wq` and `:q!`; the
 * shell only writes what comes back, and only when something comes back.
 */
export function languageOf(path: string): "yaml" | "json" | "shell" | "text" {
  if (/\.ya?ml$/i.test(path)) return "yaml";
  if (/\.json$/i.test(path)) return "json";
  if (/\.(sh|bash)$|(^|\/)\.(bashrc|profile|bash_profile)$/.test(path)) return "shell";
  return "text";
}

const EDITORS = ["vim", "vi", "vim.tiny", "view", "nano", "editor", "sensible-editor"];

export function editorCommands(frame: ShellFrame): Command[] {
  return EDITORS.map((name) =>
    shellCommand(frame, name, async (args, ctx, io) => {
      const readOnly = name === "view" || args.includes("-R") || args.includes("-v") && name === "nano";
      const files = args.filter((a) => !a.startsWith("-") && !a.startsWith("+"));
      const vimLike = name !== "nano";
      const edit = frame.runtime.edit;
      if (!edit || !frame.runtime.terminal().isTTY) {
        io.err.push(vimLike ? "Vim: Warning: Output is not to a terminal\nVim: Error reading input, exiting...\n" : "Too many errors from stdin\n");
        return 1;
      }
      if (files.length === 0) files.push("");
      for (const file of files) {
        const path = file ? frame.fs.resolvePath(ctx.cwd, file) : "";
        let content = "";
        if (path) {
          try {
            const stat = await frame.fs.stat(path);
            if (stat.isDirectory) {
              io.err.push(vimLike ? `"${file}" is a directory\n` : `"${file}" is a directory\n`);
              continue;
            }
            content = await frame.fs.readFile(path);
          } catch (err) {
            const code = (err as { code?: string }).code;
            if (code === "EACCES") content = "";
            else if (code !== "ENOENT") throw err;
          }
        }
        let saved: string | undefined;
        try {
          saved = await edit({ path: path || "[No Name]", content, language: languageOf(path), editor: vimLike ? "vim" : "nano" });
        } catch (err) {
          io.err.push(`${name}: ${err instanceof Error ? err.message : String(err)}\n`);
          return 1;
        }
        if (saved === undefined || readOnly) continue;
        if (!path) {
          io.err.push("E32: No file name\n");
          return 1;
        }
        try {
          await frame.fs.writeFile(path, saved);
        } catch (err) {
          const code = (err as { code?: string }).code;
          io.err.push(vimLike ? `"${file}" E212: Can't open file for writing${code ? ` (${code})` : ""}\n` : `[ Error writing ${file}: ${code === "EACCES" ? "Permission denied" : "No such file or directory"} ]\n`);
          return 1;
        }
      }
      return 0;
    }),
  );
}
