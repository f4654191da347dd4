/**
 * yq v4's command line as cobra reads it (cmd/root.go): flags anywhere among the operands, short
 * booleans grouped (`-iP`), values attached or not (`-oj`, `-o=json`, `-o json`, `-I4`), and the
 * subcommands `eval`/`e` (the default) and `eval-all`/`ea`.
 */
export interface YqOptions {
  allAtOnce: boolean;
  inPlace: boolean;
  outputFormat: string;
  inputFormat: string;
  pretty: boolean;
  /** -r: undefined when not given (yq's default depends on the output format). */
  unwrapScalar?: boolean;
  nullInput: boolean;
  exitStatus: boolean;
  indent: number;
  noDocSeparators: boolean;
  /** -c: `- ` counted in the indentation (sequences not indented under their key). */
  compactSequences: boolean;
  /** -C: colours even when stdout is not a terminal (and with -i). */
  forceColours: boolean;
  /** -M: no colours on a terminal either. */
  noColours: boolean;
  expression?: string;
  fromFile?: string;
  operands: string[];
  version: boolean;
  help: boolean;
  /** A flag Kubecoach does not implement: the command says so. */
  unavailable?: string;
}

export class YqFlagError extends Error {}

const BOOLEAN_SHORT: Record<string, keyof YqOptions | "ignore"> = {
  i: "inPlace",
  P: "pretty",
  n: "nullInput",
  e: "exitStatus",
  N: "noDocSeparators",
  V: "version",
  h: "help",
  C: "forceColours",
  M: "noColours",
  v: "ignore",
  c: "compactSequences",
};

const BOOLEAN_LONG: Record<string, keyof YqOptions | "ignore"> = {
  inplace: "inPlace",
  prettyPrint: "pretty",
  "null-input": "nullInput",
  "exit-status": "exitStatus",
  "no-doc": "noDocSeparators",
  version: "version",
  help: "help",
  colors: "forceColours",
  "no-colors": "noColours",
  verbose: "ignore",
  "header-preprocess": "ignore",
  "yaml-compact-seq-indent": "compactSequences",
};

/** Flags that exist in yq but are not built here. */
const UNAVAILABLE_LONG = new Set(["front-matter", "split-exp", "split-exp-file", "nul-output", "debug-node-info", "string-interpolation"]);
const UNAVAILABLE_SHORT: Record<string, string> = { f: "front-matter", s: "split-exp", "0": "nul-output" };

export function parseYqArgs(args: readonly string[]): YqOptions {
  const options: YqOptions = { allAtOnce: false, inPlace: false, outputFormat: "auto", inputFormat: "auto", pretty: false, nullInput: false, exitStatus: false, indent: 2, noDocSeparators: false, compactSequences: false, forceColours: false, noColours: false, operands: [], version: false, help: false };
  const words = [...args];
  if (words[0] === "completion" || words[0] === "shell-completion") {
    options.unavailable = `command '${words[0]}'`;
    return options;
  }
  if (words[0] === "help") {
    options.help = true;
    return options;
  }
  if (words[0] === "eval" || words[0] === "e") words.shift();
  else if (words[0] === "eval-all" || words[0] === "ea") {
    words.shift();
    options.allAtOnce = true;
  }
  const set = (key: keyof YqOptions | "ignore") => {
    if (key !== "ignore") (options as unknown as Record<string, unknown>)[key] = true;
  };
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === "--") {
      options.operands.push(...words.slice(i + 1));
      break;
    }
    if (word === "-" || !word.startsWith("-")) {
      options.operands.push(word);
      continue;
    }
    if (word.startsWith("--")) {
      const [name, attached] = splitOnce(word.slice(2));
      const value = () => {
        if (attached !== undefined) return attached;
        if (i + 1 >= words.length) throw new YqFlagError(`flag needs an argument: --${name}`);
        return words[++i];
      };
      if (name in BOOLEAN_LONG) {
        if (attached === undefined || attached === "true") set(BOOLEAN_LONG[name]);
        continue;
      }
      if (name === "unwrapScalar") options.unwrapScalar = attached === undefined ? true : attached === "true";
      else if (name === "output-format") options.outputFormat = value();
      else if (name === "input-format") options.inputFormat = value();
      else if (name === "indent") options.indent = integer(value(), `--${name}`);
      else if (name === "expression") options.expression = value();
      else if (name === "from-file") options.fromFile = value();
      else if (name === "tojson") options.outputFormat = "json";
      else if (UNAVAILABLE_LONG.has(name)) {
        options.unavailable = `--${name}`;
        if (attached === undefined && name !== "nul-output" && name !== "debug-node-info" && name !== "string-interpolation") i++;
      } else throw new YqFlagError(`unknown flag: --${name}`);
      continue;
    }
    // Short flags, grouped: booleans until one that takes a value, which takes the rest.
    for (let j = 1; j < word.length; j++) {
      const letter = word[j];
      if (letter in BOOLEAN_SHORT) {
        set(BOOLEAN_SHORT[letter]);
        continue;
      }
      if (letter === "j") {
        options.outputFormat = "json";
        continue;
      }
      if (letter === "r") {
        // NoOptDefVal: only an attached `=value` is its value.
        const rest = word.slice(j + 1);
        options.unwrapScalar = rest.startsWith("=") ? rest.slice(1) === "true" : true;
        if (rest.startsWith("=")) break;
        continue;
      }
      if (letter === "o" || letter === "p" || letter === "I") {
        let value = word.slice(j + 1);
        if (value.startsWith("=")) value = value.slice(1);
        else if (value === "") {
          if (i + 1 >= words.length) throw new YqFlagError(`flag needs an argument: '${letter}' in -${letter}`);
          value = words[++i];
        }
        if (letter === "o") options.outputFormat = value;
        else if (letter === "p") options.inputFormat = value;
        else options.indent = integer(value, `-${letter}`);
        break;
      }
      if (letter in UNAVAILABLE_SHORT) {
        options.unavailable = `--${UNAVAILABLE_SHORT[letter]}`;
        if (letter !== "0" && j === word.length - 1) i++;
        break;
      }
      throw new YqFlagError(`unknown shorthand flag: '${letter}' in ${word}`);
    }
  }
  return options;
}

function splitOnce(text: string): [string, string | undefined] {
  const at = text.indexOf("=");
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function integer(value: string, flag: string): number {
  if (!/^-?\d+$/.test(value)) throw new YqFlagError(`invalid argument "${value}" for "${flag}" flag: strconv.ParseInt: parsing "${value}": invalid syntax`);
  return Number(value);
}
