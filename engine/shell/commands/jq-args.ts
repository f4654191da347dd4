/**
 * Which of jq 1.6's arguments name files, read the way its main.c reads them: the first operand is
 * the program (with -f/--from-file, the file holding it), the rest are input files — or, after
 * --args/--jsonargs, values for $ARGS. --slurpfile/--argfile/--rawfile NAME FILE name a file too.
 * Everything else is left for jq itself to read and to complain about.
 */
export interface JqOperands {
  /** Every path jq may open, in argument order. */
  files: string[];
  /** Input files (none: jq reads standard input). */
  inputs: string[];
  /** -C/-M given: the shell does not choose the colours. */
  colourChosen: boolean;
  /** --help or --version: jq answers without a program. */
  informational: boolean;
  /** Index in args of the program operand (-1: none given). */
  programIndex: number;
  /** --args/--jsonargs given: operands after it are values, not files. */
  positionalArgs: boolean;
  /** --version/-V given. */
  version: boolean;
}

/** Long options followed by this many values. */
const VALUED_LONG: Record<string, number> = {
  "--arg": 2,
  "--argjson": 2,
  "--slurpfile": 2,
  "--argfile": 2,
  "--rawfile": 2,
  "--indent": 1,
  "--from-file": 0,
};
const FILE_VALUED = new Set(["--slurpfile", "--argfile", "--rawfile"]);

export function jqOperands(args: readonly string[]): JqOperands {
  const files: string[] = [];
  const inputs: string[] = [];
  let fromFile = false;
  let programIndex = -1;
  let positionalArgs = false;
  let colourChosen = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (!a.startsWith("-") || a === "-") {
      if (programIndex < 0) {
        programIndex = i;
        if (fromFile) files.push(a);
      } else if (!positionalArgs) {
        inputs.push(a);
        // "-" is standard input.
        if (a !== "-") files.push(a);
      }
      continue;
    }
    if (a === "--args" || a === "--jsonargs") {
      positionalArgs = true;
      continue;
    }
    if (a.startsWith("--")) {
      if (a === "--from-file") fromFile = true;
      if (a === "--color-output" || a === "--monochrome-output") colourChosen = true;
      if (a === "--help" || a === "--version") return { files: [], inputs: [], colourChosen, informational: true, programIndex, positionalArgs, version: a === "--version" };
      const count = VALUED_LONG[a] ?? 0;
      if (FILE_VALUED.has(a) && args[i + 2] !== undefined) files.push(args[i + 2]);
      i += count;
      continue;
    }
    // Short options may be grouped (-rc); -L takes the rest of the word or the next argument.
    const letters = a.slice(1);
    if (letters.startsWith("L")) {
      if (letters.length === 1) i++;
      continue;
    }
    if (letters.includes("f")) fromFile = true;
    if (letters.includes("C") || letters.includes("M")) colourChosen = true;
    if (letters.includes("h") || letters === "V") return { files: [], inputs: [], colourChosen, informational: true, programIndex, positionalArgs, version: letters === "V" };
  }
  return { files, inputs, colourChosen, informational: false, programIndex, positionalArgs, version: false };
}
