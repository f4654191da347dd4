import type { JqOutput } from "./jq-runner";

/**
 * jq-web builds jq 1.7.1; the exam's Ubuntu 22.04 has jq 1.6. Where their messages differ in a way
 * a learner sees, the 1.6 text is restored here (each rule checked against jq 1.6 in
 * test/transcripts/jq.txt).
 */
export function as16(output: readonly JqOutput[], exitCode: number): { output: JqOutput[]; exitCode: number } {
  // An input that is not JSON: 1.6 says "parse error: …" without "jq: " and exits with 4 after the
  // outputs before it (checked with jq 1.6: `echo '{"a":1' | jq .` → 4); 1.7.1 exits with 5 (or 2).
  if (output.some((o) => o.stream === "stderr" && /^jq: parse error: /m.test(o.text))) exitCode = 4;
  return { output: output.map((o) => (o.stream === "stderr" ? { stream: o.stream, text: stderr16(o.text) } : { stream: o.stream, text: stdout16(o.text) })), exitCode };
}

/**
 * Colours: 1.7.1 writes object keys' colour `1;34` (1.6: `34;1`) and null in `0;90` (1.6: `1;30`).
 */
function stdout16(text: string): string {
  if (!text.includes("\x1b[")) return text;
  return text.replaceAll("\x1b[1;34m", "\x1b[34;1m").replaceAll("\x1b[0;90m", "\x1b[1;30m");
}

/**
 * Builtins jq 1.6 has that this build dropped, defined as 1.6's builtin.jq defines them (loaded as
 * ~/.jq, so a learner's own definitions still win).
 */
export const JQ16_LIBRARY = `def leaf_paths: paths(scalars);
def recurse_down: recurse;
`;

/** jq 1.6's `jq --help`. */
export const JQ16_HELP = "jq - commandline JSON processor [version 1.6]\n\nUsage:\tjq [options] <jq filter> [file...]\n\tjq [options] --args <jq filter> [strings...]\n\tjq [options] --jsonargs <jq filter> [JSON_TEXTS...]\n\njq is a tool for processing JSON inputs, applying the given filter to\nits JSON text inputs and producing the filter's results as JSON on\nstandard output.\n\nThe simplest filter is ., which copies jq's input to its output\nunmodified (except for formatting, but note that IEEE754 is used\nfor number representation internally, with all that that implies).\n\nFor more advanced filters see the jq(1) manpage (\"man jq\")\nand/or https://stedolan.github.io/jq\n\nExample:\n\n\t$ echo '{\"foo\": 0}' | jq .\n\t{\n\t\t\"foo\": 0\n\t}\n\nSome of the options include:\n  -c               compact instead of pretty-printed output;\n  -n               use `null` as the single input value;\n  -e               set the exit status code based on the output;\n  -s               read (slurp) all inputs into an array; apply filter to it;\n  -r               output raw strings, not JSON texts;\n  -R               read raw strings, not JSON texts;\n  -C               colorize JSON;\n  -M               monochrome (don't colorize JSON);\n  -S               sort keys of objects on output;\n  --tab            use tabs for indentation;\n  --arg a v        set variable $a to value <v>;\n  --argjson a v    set variable $a to JSON value <v>;\n  --slurpfile a f  set variable $a to an array of JSON texts read from <f>;\n  --rawfile a f    set variable $a to a string consisting of the contents of <f>;\n  --args           remaining arguments are string arguments, not files;\n  --jsonargs       remaining arguments are JSON arguments, not files;\n  --               terminates argument processing;\n\nNamed arguments are also available as $ARGS.named[], while\npositional arguments are available as $ARGS.positional[].\n\nSee the manpage for more options.\n";

function stderr16(text: string): string {
  return text
    .replace(/^jq: parse error: /gm, "parse error: ")
    .replaceAll("unexpected end of file", "unexpected $end")
    .replaceAll("https://jqlang.github.io/jq", "https://stedolan.github.io/jq");
}
