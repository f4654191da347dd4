/**
 * The body of the worker thread that runs jq (jq-web: jq's own C code compiled to WebAssembly).
 *
 * A WebAssembly call cannot be interrupted from JavaScript, so jq runs in a worker thread that the
 * shell terminates when a filter runs too long, prints too much or is interrupted (jq-runner.ts).
 * jq reads only its in-memory filesystem (emscripten's MEMFS): the shell copies the files a command
 * names into it for the call and removes them after.
 *
 * jq-web's module keeps its filesystem object private; it is reached by evaluating the package's
 * script with two checked text changes (the filesystem and stack helpers exported beside `raw`, and
 * the factory returned instead of instantiated at load). A jq-web release that changes either text
 * fails loudly ("unexpected shape") instead of running something else.
 *
 * Plain CommonJS run with `new Worker(source, { eval: true })`: it needs no TypeScript loader.
 */
export const JQ_WORKER_SOURCE = String.raw`
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { parentPort, workerData } = require("node:worker_threads");

const EXPOSE = "{ json, raw },";
const TAIL = "\nif (typeof exports === 'object' && typeof module === 'object') {";
const text = fs.readFileSync(workerData.script, "utf8");
if (!text.includes(EXPOSE) || !text.includes(TAIL)) throw new Error("jq-web has an unexpected shape");
const body = text.slice(0, text.indexOf(TAIL)).replace(EXPOSE, "{ json, raw, FS, stackSave, stackRestore },") + "\nreturn jq;";
const factory = new Function("require", "__filename", "__dirname", body)(require, workerData.script, path.dirname(workerData.script));
const wasm = fs.readFileSync(workerData.wasm);

// Codes the host reads from the worker's exit.
const EXIT_OUTPUT_LIMIT = 86;

// What jq wrote, in order: runs of bytes per stream, so an error lands between the outputs around it.
let runs = [];
let outBytes = 0;
const write = (stream, c) => {
  const last = runs[runs.length - 1];
  if (last && last.stream === stream) last.bytes.push(c);
  else runs.push({ stream, bytes: [c] });
};

factory({
  noInitialRun: true,
  noExitRuntime: false,
  // The name jq's messages start with ("jq: Unknown option …").
  thisProgram: "jq",
  // jq-web's own preRun wires its buffers; the devices are replaced below instead.
  preRun: [],
  print: () => {},
  printErr: () => {},
  instantiateWasm(imports, done) {
    // The heap may grow up to the limit: beyond it malloc fails and jq stops with its own message.
    const grow = imports.env.emscripten_resize_heap;
    imports.env.emscripten_resize_heap = (size) => ((size >>> 0) > workerData.memoryLimit ? 0 : grow(size));
    WebAssembly.instantiate(wasm, imports).then((r) => done(r.instance, r.module));
    return {};
  },
}).then((M) => {
  const FS = M.FS;
  for (const name of ["stdin", "stdout", "stderr"]) FS.unlink("/dev/" + name);
  FS.createDevice("/dev", "stdin", () => null);
  FS.createDevice("/dev", "stdout", null, (c) => {
    if (c === null || c === undefined) return;
    write("stdout", c);
    // jq goes on after a failed write, so a runaway output ends the thread itself.
    if (++outBytes > workerData.outputLimit) process.exit(EXIT_OUTPUT_LIMIT);
  });
  FS.createDevice("/dev", "stderr", null, (c) => {
    if (c !== null && c !== undefined) write("stderr", c);
  });
  const reopen = () => {
    for (const s of FS.streams) if (s) try { FS.close(s); } catch {}
    FS.streams.length = 0;
    FS.streams[0] = FS.open("/dev/stdin", "r");
    FS.streams[1] = FS.open("/dev/stdout", 577, 0);
    FS.streams[2] = FS.open("/dev/stderr", 577, 0);
  };
  reopen();

  const mkdirs = (dir, made) => {
    if (dir === "/" || FS.analyzePath(dir).exists) return;
    mkdirs(path.posix.dirname(dir), made);
    FS.mkdir(dir);
    made.push(dir);
  };

  parentPort.postMessage({ ready: true });
  parentPort.on("message", (req) => {
    runs = [];
    outBytes = 0;
    const made = [];
    const written = [];
    let exitCode;
    let fatal;
    const exitCodeBefore = process.exitCode;
    const stack = M.stackSave();
    try {
      mkdirs(req.cwd, made);
      for (const f of req.files) {
        mkdirs(path.posix.dirname(f.path), made);
        FS.writeFile(f.path, f.bytes);
        written.push(f.path);
      }
      FS.writeFile(workerData.home + "/.jq", req.library);
      FS.chdir(req.cwd);
      exitCode = M.callMain(req.args.slice());
    } catch (e) {
      fatal = String((e && e.message) || e);
    }
    process.exitCode = exitCodeBefore;
    M.stackRestore(stack);
    reopen();
    try {
      FS.chdir("/");
      for (const f of written) FS.unlink(f);
      for (const d of made.reverse()) FS.rmdir(d);
    } catch (e) {
      fatal = fatal || String((e && e.message) || e);
    }
    parentPort.postMessage({ id: req.id, exitCode, fatal, output: runs.map((r) => ({ stream: r.stream, text: Buffer.from(r.bytes).toString("utf8") })) });
  });
});
`;
