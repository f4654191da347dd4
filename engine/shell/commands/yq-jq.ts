import { parseYq, YqSyntaxError, YqUnavailableError, type YqNode } from "./yq-expression";

export { YqUnavailableError };

/**
 * Turns a yq v4 expression into a jq program, so that jq's own engine (jq-runner.ts) evaluates it:
 * its path expressions and updates (`(.a[] | select(...)) = x`, `|=`) are the ones yq documents.
 * Where yq means something else than jq's operator of the same name, the program calls a
 * definition of YQ_LIBRARY written from yq's documentation: `*` deep-merges (and its `*+ *d *? *n`
 * variants), `+` appends a value to an array, `keys` keeps the document's order, `unique` keeps the
 * first of each, `sub` replaces every match with Go's `${1}` references, `==` matches `*` globs,
 * and a traversal of a scalar, or `[]` of null, gives nothing instead of an error.
 *
 * The jq input is the array of documents; `$__yq_meta[$__i]` is `[fileIndex, documentIndex,
 * filename]` of document `$__i`. `eval` runs the expression once per document; `eval-all` runs it
 * once over all of them, every term that reads the context reading each document in turn (yq's
 * context is the list of documents: `select(fi == 0) * select(fi == 1)` multiplies across files).
 */
export interface YqProgram {
  /** The jq expression producing yq's results, one document after another (tried as paths first). */
  results: string;
  /** The same results as `{i: document index (-1 across documents), v: value}`. */
  values: string;
  /** The expression reads the environment (env(), strenv()): `$__yq_env` must be given. */
  usesEnv: boolean;
  /** Files named by load("…") / load_str("…"), read by the command before the run. */
  loads: { path: string; asString: boolean }[];
  /** explode() is used: aliases and merge keys are printed expanded, anchors dropped. */
  explodes: boolean;
  /** line, column, anchor, alias or style is read: `$__yq_nodes` (nodeFacts) must be given. */
  usesNodes: boolean;
}

/** Words yq knows that Kubecoach does not evaluate yet: each says so instead of guessing. */
const UNAVAILABLE = new Set([
  "is_key", "isKey", "parents", "root", "comments",
  "head_comment", "headComment", "line_comment", "lineComment", "foot_comment", "footComment", "eval", "split_doc", "splitDoc",
  "now", "tz", "format_datetime", "with_dtf", "from_unix", "to_unix", "fromunix", "tounix", "shuffle", "pivot", "system",
  "to_yaml", "toyaml", "@yaml", "from_yaml", "fromyaml", "@yamld", "to_xml", "toxml", "@xml", "from_xml", "fromxml", "@xmld",
  "to_props", "toprops", "@props", "from_props", "fromprops", "@propsd", "from_csv", "fromcsv", "@csvd", "from_tsv", "fromtsv",
  "@tsvd", "@urid", "load_xml", "xml_load", "load_props", "load_base64", "to_json", "ref",
]);

/** yq words whose jq spelling is a fixed text (no arguments). */
const SIMPLE: Record<string, string> = {
  length: "length",
  keys: "keys_unsorted",
  not: "not",
  any: "any",
  all: "all",
  // Of an empty array, nothing (jq: null); a map sorts by its values.
  min: "(if length == 0 then empty else min end)",
  max: "(if length == 0 then empty else max end)",
  sort: "(if type == \"object\" then to_entries | sort_by(.value) | from_entries else sort end)",
  reverse: "reverse",
  flatten: "flatten",
  unique: "__yq_unique",
  to_entries: "__yq_to_entries",
  toEntries: "__yq_to_entries",
  from_entries: "from_entries",
  fromEntries: "from_entries",
  to_string: "tostring",
  tostring: "tostring",
  to_number: "tonumber",
  tonumber: "tonumber",
  upcase: "__yq_upcase",
  ascii_upcase: "__yq_upcase",
  asciiupcase: "__yq_upcase",
  downcase: "__yq_downcase",
  ascii_downcase: "__yq_downcase",
  asciidowncase: "__yq_downcase",
  trim: "__yq_trim",
  tag: "__yq_tag",
  type: "__yq_tag",
  kind: "__yq_kind",
  first: "first(.[]?)",
  array_to_map: "__yq_array_to_map",
  arraytomap: "__yq_array_to_map",
  "@base64": "@base64",
  "@base64d": "@base64d",
  "@uri": "@uri",
  "@sh": "@sh",
  "@csv": "@csv",
  to_csv: "@csv",
  tocsv: "@csv",
  "@tsv": "@tsv",
  to_tsv: "@tsv",
  totsv: "@tsv",
  "@json": "tojson",
  from_json: "fromjson",
  fromjson: "fromjson",
  "@jsond": "fromjson",
  fi: "$__yq_meta[$__i][0]",
  file_index: "$__yq_meta[$__i][0]",
  fileindex: "$__yq_meta[$__i][0]",
  fileIndex: "$__yq_meta[$__i][0]",
  di: "$__yq_meta[$__i][1]",
  document_index: "$__yq_meta[$__i][1]",
  documentindex: "$__yq_meta[$__i][1]",
  documentIndex: "$__yq_meta[$__i][1]",
  filename: "$__yq_meta[$__i][2]",
  file_name: "$__yq_meta[$__i][2]",
  fileName: "$__yq_meta[$__i][2]",
};

/** yq calls with arguments: the jq text built from the arguments' jq texts. */
const WITH_ARGS: Record<string, (a: string[]) => string> = {
  select: (a) => `select(${a[0]})`,
  has: (a) => `__yq_has(${a[0]})`,
  map: (a) => `map(${a[0]})`,
  map_values: (a) => `map_values(${a[0]})`,
  mapValues: (a) => `map_values(${a[0]})`,
  filter: (a) => `map(select(${a[0]}))`,
  with_entries: (a) => `with_entries(${a[0]})`,
  withEntries: (a) => `with_entries(${a[0]})`,
  test: (a) => `test(${regexArgs(a)})`,
  match: (a) => `__yq_match(${regexArgs(a)})`,
  capture: (a) => `capture(${regexArgs(a)})`,
  sub: (a) => `__yq_sub(((${a[0]}) | __yq_re); ${a[1] ?? '""'}; ${a[2] ?? '""'})`,
  split: (a) => `split(${a[0]})`,
  join: (a) => `join(${a[0]})`,
  contains: (a) => `contains(${a[0]})`,
  sort_by: (a) => `sort_by(${a[0]})`,
  sortBy: (a) => `sort_by(${a[0]})`,
  group_by: (a) => `group_by(${a[0]})`,
  groupBy: (a) => `group_by(${a[0]})`,
  unique_by: (a) => `__yq_unique_by(${a[0]})`,
  uniqueBy: (a) => `__yq_unique_by(${a[0]})`,
  min_by: (a) => `min_by(${a[0]})`,
  max_by: (a) => `max_by(${a[0]})`,
  any_c: (a) => `any(.[]?; ${a[0]})`,
  all_c: (a) => `all(.[]?; ${a[0]})`,
  del: (a) => `del(${a[0]})`,
  with: (a) => `((${a[0]}) |= (${a[1] ?? "."}))`,
  collect: (a) => `[${a[0]}]`,
  first: (a) => `first(.[]? | select(${a[0]}))`,
  error: (a) => `error(${a[0]})`,
  setpath: (a) => `setpath(${a[0]}; ${a[1] ?? "null"})`,
  set_path: (a) => `setpath(${a[0]}; ${a[1] ?? "null"})`,
  delpaths: (a) => `delpaths(${a[0]})`,
  del_paths: (a) => `delpaths(${a[0]})`,
  flatten: (a) => `flatten(${a[0]})`,
  pick: (a) => `__yq_pick(${a[0]})`,
  omit: (a) => `__yq_omit(${a[0]})`,
  tojson: (a) => `tojson(${a[0]})`,
  // Values reach jq with aliases and merge keys already resolved; explode only changes the printing.
  explode: (a) => `((${a[0]}) |= .)`,
  sort_keys: (a) => `((${a[0]}) |= (if type == "object" then to_entries | sort_by(.key) | from_entries else . end))`,
  sortKeys: (a) => `((${a[0]}) |= (if type == "object" then to_entries | sort_by(.key) | from_entries else . end))`,
};

/**
 * Definitions the translated programs call (loaded as jq's ~/.jq), each following yq's
 * documented behaviour (mikefarah.gitbook.io/yq/operators/…).
 */
export const YQ_LIBRARY = String.raw`
def __yq_type: if type == "number" then (if (tostring | test("^-?[0-9]+$")) then "int" else "float" end) else type end;
def __yq_tag: {"string": "!!str", "int": "!!int", "float": "!!float", "boolean": "!!bool", "null": "!!null", "object": "!!map", "array": "!!seq"}[__yq_type];
def __yq_kind: if type == "object" then "map" elif type == "array" then "seq" else "scalar" end;
def __yq_add($a; $b):
  if ($a | type) == "array" and ($b | type) != "array" and $b != null then $a + [$b]
  elif ($a | type) == "string" and ($b | type) == "string" and ($a | test("^[0-9]{4}-[0-9]{2}-[0-9]{2}")) and ($b | test("^-?([0-9.]+(ns|us|µs|ms|s|m|h))+$"))
  then error("the yq operator '+' of a date and a duration is not available in Kubecoach yet")
  else $a + $b end;
def __yq_mod($a; $b):
  if ($a | __yq_type) == "int" and ($b | __yq_type) == "int" then (if $b == 0 then error("cannot modulo by 0") else $a % $b end)
  elif ($a | type) == "number" and ($b | type) == "number" then
    (if $b == 0 then error("the yq operator '%' by 0.0 (NaN) is not available in Kubecoach yet") else $a - $b * ($a / $b | if . < 0 then ceil else floor end) end)
  else $a % $b end;
def __yq_merge($l; $r; $flags):
  if ($l | type) == "object" and ($r | type) == "object" then
    reduce ($r | keys_unsorted[]) as $k ($l;
      if has($k) then
        if ($flags | contains("n")) and .[$k] != null then .
        else .[$k] = __yq_merge(.[$k]; $r[$k]; $flags) end
      elif ($flags | contains("?")) then .
      else .[$k] = $r[$k] end)
  elif ($l | type) == "array" and ($r | type) == "array" then
    if ($flags | contains("+")) then $l + $r
    elif ($flags | contains("d")) then
      reduce range(0; $r | length) as $n ($l; .[$n] = __yq_merge(.[$n]; $r[$n]; $flags))
    else $r end
  else $r end;
def __yq_mul($a; $b; $flags):
  if $b == null then $a
  elif ((($a | type) == "object" or $a == null) and ($b | type) == "object") or ((($a | type) == "array" or $a == null) and ($b | type) == "array") then __yq_merge($a // ($b | if type == "object" then {} else [] end); $b; $flags)
  elif ($a | type) == "number" and ($b | type) == "number" then $a * $b
  elif ($a | type) == "string" and ($b | __yq_type) == "int" then ($a * $b) // ""
  elif ($a | __yq_type) == "int" and ($b | type) == "string" then ($b * $a) // ""
  else error("cannot multiply \($a | __yq_tag) with \($b | __yq_tag)") end;
def __yq_unique: reduce .[] as $x ([]; if any(.[]; . == $x) then . else . + [$x] end);
def __yq_unique_by(f): reduce .[] as $x ([]; ($x | [f]) as $k | if any(.[]; [f] == $k) then . else . + [$x] end);
def __yq_pick($ks): . as $o | if type == "object" then reduce ($ks[] | select(. as $k | $o | has($k))) as $k ({}; .[$k] = $o[$k]) elif type == "array" then [$ks[] | select(type == "number") as $n | $o[$n] | select(. != null)] else . end;
def __yq_omit($ks): if type == "object" then with_entries(select(.key as $k | $ks | index([$k]) | not)) elif type == "array" then [to_entries[] | select(.key as $k | $ks | index([$k]) | not) | .value] else . end;
def __yq_array_to_map: reduce (to_entries[] | select(.value != null)) as $e ({}; .[$e.key | tostring] = $e.value);
def __yq_expand($m): gsub("\\$\\{(?<n>[A-Za-z0-9_]+)\\}|\\$(?<d>[0-9]+)"; (.n // .d) as $k | ($k | tonumber? // null) as $num | if $num == 0 then $m.string elif $num != null then ($m.captures[$num - 1].string // "") else ([$m.captures[] | select(.name == $k)][0].string // "") end);
def __yq_re: gsub("\\(\\?P<"; "(?<");
def __yq_match(re): match(re) | {string, offset, length, captures: [.captures[] | {string, offset, length} + (if .name then {name} else {} end)]};
def __yq_match(re; $flags): match(re; $flags) | {string, offset, length, captures: [.captures[] | {string, offset, length} + (if .name then {name} else {} end)]};
def __yq_trim: sub("^\\s+"; "") | sub("\\s+$"; "");
def __yq_upcase: explode | map(if (. >= 97 and . <= 122) or (. >= 224 and . <= 254 and . != 247) then . - 32 else . end) | implode;
def __yq_downcase: explode | map(if (. >= 65 and . <= 90) or (. >= 192 and . <= 222 and . != 215) then . + 32 else . end) | implode;
def __yq_sub($re; $repl; $flags): . as $s | [match($re; "g" + $flags)] as $ms | if ($ms | length) == 0 then $s else (reduce $ms[] as $m ({out: "", at: 0}; .out += $s[.at:$m.offset] + ($repl | __yq_expand($m)) | .at = $m.offset + $m.length) | .out + $s[.at:]) end;
def __yq_or(a; b): . as $in | [a | . != false and . != null] as $l | if $l == [] then ($in | b | . != false and . != null) else ($l[] | if . then true else ($in | b | . != false and . != null) end) end;
def __yq_has(k): . as $in | k as $k | if ($in | type) == "object" then ($k | type) == "string" and ($in | has($k)) elif ($in | type) == "array" then ($k | type) == "number" and ($in | has($k)) else false end;
def __yq_to_entries: if type == "object" or type == "array" then to_entries else empty end;
def __yq_at($k): if type == "object" then .[$k | tostring] elif type == "array" or type == "null" then .[$k]? else empty end;
def __yq_envsubst($nu; $ne; $ff):
  . as $s
  | [match("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-=+])([^}]*))?\\}|\\$([A-Za-z_][A-Za-z0-9_]*)"; "g")] as $ms
  | reduce $ms[] as $m ({out: "", at: 0, errors: []};
      ($m.captures[0].string // $m.captures[3].string) as $name
      | ($m.captures[1].string // "") as $op
      | ($m.captures[2].string // "") as $word
      | ($__yq_env | has("str:" + $name)) as $set
      | ($__yq_env["str:" + $name] // "") as $val
      | (if $op == "-" or $op == "=" then (if $set then [$val, true] else [$word, false] end)
         elif $op == ":-" or $op == ":=" then (if $set and $val != "" then [$val, false] else [$word, false] end)
         elif $op == "+" then [(if $set then $word else "" end), false]
         elif $op == ":+" then [(if $set and $val != "" then $word else "" end), false]
         else [$val, true] end) as $r
      | .errors += (if $r[1] and ($set | not) and $nu then ["variable $" + "{\($name)} not set"]
          elif $r[1] and $set and $val == "" and $ne then ["variable $" + "{\($name)} set but empty"] else [] end)
      | .out += $s[.at:$m.offset] + $r[0]
      | .at = $m.offset + $m.length)
  | if (.errors | length) > 0 then error(if $ff then .errors[0] else .errors | join("\n") end) else .out + $s[.at:] end;
def __yq_glob_field($re): if type == "object" then (keys_unsorted[] | select(test($re))) as $k | .[$k] else empty end;
`;

/** A regular expression (Go's syntax: `(?P<name>…)`) and its flags as jq's arguments. */
function regexArgs(a: string[]): string {
  return [`((${a[0]}) | __yq_re)`, ...a.slice(1)].join("; ");
}

/** A glob with yq's `*` (and `?`) as an anchored regular expression. */
function globRegex(glob: string): string {
  return `^${glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`;
}

const jqString = (text: string) => JSON.stringify(text);

/** A jq variable name for yq's `$name` (yq allows `-` in names). */
const variable = (name: string) => `$${/^[A-Za-z_][A-Za-z_0-9]*$/.test(name) ? name : `__v_${name.replace(/[^A-Za-z_0-9]/g, "_")}`}`;

interface Emit {
  allAtOnce: boolean;
  usesEnv: boolean;
  /** The shell's exported variables (env(), strenv(), eval(strenv(…)) read them). */
  environment: Readonly<Record<string, string>>;
  /** Nesting of eval(): a variable holding an eval of itself must not loop. */
  evalDepth: number;
  loads: { path: string; asString: boolean }[];
  explodes: boolean;
  usesNodes: boolean;
  /**
   * The jq expression of the path of `.` in its document, where it is known: a pipe whose right
   * side reads it (path, key, parent, line…) evaluates its left side as paths. Undefined inside
   * what runs on other values than the pipe's (map's argument, the right side of |=, eval-all).
   */
  pathOf?: string;
  pathCount: number;
}

export function translate(expression: string, allAtOnce: boolean, environment: Readonly<Record<string, string>> = {}): YqProgram {
  const tree: YqNode = parseYq(expression) ?? { kind: "self" };
  const state: Emit = { allAtOnce, usesEnv: false, loads: [], environment, evalDepth: 0, explodes: false, usesNodes: false, pathOf: allAtOnce ? undefined : "[]", pathCount: 0 };
  if (allAtOnce) {
    const body = emitContext(tree, state);
    return { results: `0 as $__i | ${body}`, values: `0 as $__i | (${body}) | {i: -1, v: .}`, usesEnv: state.usesEnv, loads: state.loads, explodes: state.explodes, usesNodes: state.usesNodes };
  }
  const each = `0 as $__i | range(0; length) as $__i | .[$__i] | . as $__doc | (${emit(tree, state)})`;
  return { results: each, values: `${each} | {i: $__i, v: .}`, usesEnv: state.usesEnv, loads: state.loads, explodes: state.explodes, usesNodes: state.usesNodes };
}

/** The documents, one at a time, `$__i` naming each (eval-all's initial context). */
const DOCUMENTS = "range(0; length) as $__i | .[$__i]";

/**
 * eval-all: `source` produces the context (the documents, or what a pipe's left side made of
 * them), each element with its `$__i`. A term reads every element; operators that combine two
 * sides evaluate each side over the whole context and cross the results, as yq's crossFunction
 * does; the right side of a pipe reads what the left side produced.
 */
function emitContext(node: YqNode, state: Emit, source = DOCUMENTS): string {
  if (node.kind === "group") return `(${emitContext(node.body, state, source)})`;
  if (node.kind === "collect") return node.body ? `[${emitContext(node.body, state, source)}]` : "[]";
  if (node.kind === "literal" || node.kind === "string" || node.kind === "variable" || node.kind === "env") return emit(node, state);
  if (node.kind === "binary") {
    const { op, left, right } = node;
    if (op === "ireduce") return reduce(left, right, state, (n) => emitContext(n, state, source));
    if (op === "|" && left.kind === "binary" && left.op === "as") {
      return `${emitContext(left.left, state, source)} as ${asTarget(left.right)} | ${emitContext(right, state, source)}`;
    }
    if (op === "|" || /^=c*$/.test(op) || /^\|=c*$/.test(op) || op === "+=" || op === "-=" || /^\*=/.test(op)) return `(${elements(node, state, source)})`;
    return binary(op, emitContext(left, state, source), emitContext(right, state, source), right);
  }
  return `(${source} | ${emit(node, state)})`;
}

/**
 * eval-all: the elements `node` makes of the context, each still with its `$__i` (so that the right
 * side of a pipe can read `fi`/`di` of what the left side produced).
 */
function elements(node: YqNode, state: Emit, source: string): string {
  if (node.kind === "group") return elements(node.body, state, source);
  if (node.kind === "binary") {
    const { op, left, right } = node;
    if (op === "|" && !(left.kind === "binary" && left.op === "as")) return elements(right, state, elements(left, state, source));
    // yq evaluates the right side of `=` once against the whole context, then sets every match.
    if (/^=c*$/.test(op)) return `([${emitContext(right, state, source)}][0]) as $__r | ${source} | ((${emit(left, state)}) = $__r)`;
    if (/^\|=c*$/.test(op) || op === "+=" || op === "-=" || /^\*=/.test(op)) return `${source} | (${emit(node, state)})`;
    return emitContext(node, state, source);
  }
  if (node.kind === "collect" || node.kind === "literal" || node.kind === "string" || node.kind === "variable" || node.kind === "env") return emitContext(node, state, source);
  return `${source} | (${emit(node, state)})`;
}

function asTarget(node: YqNode): string {
  if (node.kind !== "variable") throw new YqSyntaxError("bad expression, 'as' expects a $variable");
  return variable(node.name);
}

function reduce(left: YqNode, right: YqNode, state: Emit, source: (n: YqNode) => string): string {
  if (left.kind !== "binary" || left.op !== "as") throw new YqSyntaxError("bad expression, ireduce expects '... as $variable ireduce (init; update)'");
  const block = right.kind === "group" ? right.body : right;
  if (block.kind !== "binary" || block.op !== ";") throw new YqSyntaxError("bad expression, ireduce expects (init; update)");
  return `reduce (${source(left.left)}) as ${asTarget(left.right)} (${emit(block.left, state)}; ${emit(block.right, state)})`;
}

function binary(op: string, l: string, r: string, rightNode: YqNode): string {
  if (/^\*[+?cdn]*$/.test(op)) return `__yq_mul(${l}; ${r}; ${jqString(op.slice(1))})`;
  if (op === "+") return `__yq_add(${l}; ${r})`;
  if ((op === "==" || op === "!=") && rightNode.kind === "string" && rightNode.parts.length === 1 && typeof rightNode.parts[0] === "string" && rightNode.parts[0].includes("*")) {
    // yq compares strings against a `*` glob.
    const match = `((${l}) | type == "string" and test(${jqString(globRegex(rightNode.parts[0]))}))`;
    return op === "==" ? match : `(${match} | not)`;
  }
  switch (op) {
    case ",":
      return `(${l}), (${r})`;
    case "|":
      return `(${l}) | (${r})`;
    case "or":
      // yq's `or` evaluates its right side when the left one gives nothing (`select(…) or error(…)`).
      return `__yq_or(${l}; ${r})`;
    case "and":
    case "//":
    case "==":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
    case "-":
    case "/":
      return `(${l}) ${op} (${r})`;
    case "%":
      // Floats keep their fraction (Go's math.Mod); jq's % works on integers.
      return `__yq_mod(${l}; ${r})`;
    default:
      throw new YqSyntaxError(`bad expression, '${op}' is not expected here`);
  }
}

function emit(node: YqNode, state: Emit): string {
  switch (node.kind) {
    case "self":
      return ".";
    case "recurse":
      if (node.keys) throw new YqUnavailableError("...");
      return "..";
    case "field": {
      const step = node.name.includes("*") ? `__yq_glob_field(${jqString(globRegex(node.name))})` : `.[${jqString(node.name)}]?`;
      return node.on ? `(${emit(node.on, state)}) | ${step}` : step;
    }
    case "index": {
      const on = node.on.kind === "self" ? "." : `(${emit(node.on, state)})`;
      if (node.slice) {
        const [from, to] = node.slice;
        return `${on}[${from ? `(${emit(from, state)})` : ""}:${to ? `(${emit(to, state)})` : ""}]?`;
      }
      // `[]` of null or of a scalar is empty in yq.
      // A number indexes a map by its key's text (`.[2]` of `2: cat`); the index reads the outer input.
      return node.index ? `((${emit(node.index, state)}) as $__k | ${on} | __yq_at($__k))` : `${on}[]?`;
    }
    case "optional":
      return emit(node.on, state);
    case "literal":
      return node.json;
    case "string":
      return `"${node.parts.map((p) => (typeof p === "string" ? jqString(p).slice(1, -1) : `\\(${emit(p, state)})`)).join("")}"`;
    case "variable":
      return variable(node.name);
    case "env":
      state.usesEnv = true;
      // strenv() is the text ("" when unset); env() the text read as YAML (yq.ts reads it).
      return node.asString ? `($__yq_env[${jqString(`str:${node.name}`)}] // "")` : `$__yq_env[${jqString(`yaml:${node.name}`)}]`;
    case "collect":
      return node.body ? `[${emit(node.body, state)}]` : "[]";
    case "object":
      return `{${node.entries.map((e) => `(${emit(e.key, state)}): (${emit(e.value, state)})`).join(", ")}}`;
    case "group":
      return `(${emit(node.body, state)})`;
    case "call":
      return call(node.name, node.args, state);
    case "binary":
      return emitBinary(node, state);
  }
}

function emitBinary(node: Extract<YqNode, { kind: "binary" }>, state: Emit): string {
  const { op, left, right } = node;
  if (op === "ireduce") return reduce(left, right, state, (n) => emit(n, state));
  if (op === "|" && left.kind === "binary" && left.op === "as") return `${emit(left.left, state)} as ${asTarget(left.right)} | ${emit(right, state)}`;
  if (op === "|" && readsPlace(right) && state.pathOf !== undefined) return placedPipe(left, right, state);
  if (op === "as") return `${emit(left, state)} as ${asTarget(right)} | .`;
  if (op === ";") throw new YqSyntaxError("bad expression, ';' is only expected between a function's arguments");
  if (op === ":") throw new YqSyntaxError("bad expression, ':' is only expected in '{key: value}' or a slice");
  const l = emit(left, state);
  // The right side of |= (and += …) runs on each match, whose place is not tracked.
  const r = /^\|=|^[-+*]=/.test(op) ? withoutPlace(state, () => emit(right, state)) : emit(right, state);
  // `=c`, `|=c`: yq's flag for custom tags, which JSON values do not carry.
  if (/^=c*$/.test(op)) return `(${l}) = (${r})`;
  if (/^\|=c*$/.test(op)) return `(${l}) |= (${r})`;
  if (op === "+=") return `(${r}) as $__r | (${l}) |= __yq_add(.; $__r)`;
  if (op === "-=") return `(${r}) as $__r | (${l}) |= (. - $__r)`;
  if (/^\*=/.test(op)) return `(${r}) as $__r | (${l}) |= __yq_mul(.; $__r; ${jqString(op.slice(2))})`;
  return binary(op, l, r, right);
}

function call(name: string, args: YqNode[], state: Emit): string {
  if (name === "eval" && args.length === 1) return evalCall(args[0], state);
  if (name === "load" || name === "load_str" || name === "loadStr" || name === "str_load") {
    const arg = args[0];
    if (!arg || arg.kind !== "string" || arg.parts.length !== 1 || typeof arg.parts[0] !== "string") {
      throw new YqUnavailableError(`${name} with a computed file name`);
    }
    const asString = name !== "load";
    let index = state.loads.findIndex((l) => l.path === arg.parts[0] && l.asString === asString);
    if (index < 0) index = state.loads.push({ path: arg.parts[0] as string, asString }) - 1;
    return `$__yq_loads[${index}]`;
  }
  if (name === "explode") state.explodes = true;
  if (name === "envsubst") return envsubst(args, state);
  if (args.length === 0 && PLACE_OPERATORS.has(name)) return placeCall(name, state);
  if (name === "parent") throw new YqUnavailableError("parent(n)");
  if (args.length > 0) {
    const build = WITH_ARGS[name];
    // Arguments that run on other values than `.` (map's elements, with_entries' entries…) lose its place.
    if (build && !SAME_INPUT.has(name)) return withoutPlace(state, () => build(args.map((a) => emit(a, state))));
    if (!build) {
      if (UNAVAILABLE.has(name)) throw new YqUnavailableError(name);
      throw new YqSyntaxError(`unknown operator '${name}'`);
    }
    return build(args.map((a) => emit(a, state)));
  }
  const simple = SIMPLE[name];
  if (simple) return simple;
  if (UNAVAILABLE.has(name)) throw new YqUnavailableError(name);
  if (WITH_ARGS[name]) throw new YqSyntaxError(`'${name}' expects 1 arg but received none`);
  throw new YqSyntaxError(`unknown operator '${name}'`);
}

/**
 * envsubst (a8m/envsubst as yq uses it): `${NAME}`, `$NAME` and the `-`, `:-`, `=`, `:=`, `+`, `:+`
 * forms replaced from the shell's exported variables; flags nu (an unset variable is an error), ne
 * (an empty one is), ff (stop at the first error).
 */
function envsubst(args: YqNode[], state: Emit): string {
  const flags: string[] = [];
  const collect = (node: YqNode) => {
    if (node.kind === "call" && node.args.length === 0) flags.push(node.name);
    else if (node.kind === "binary" && (node.op === "," || node.op === ";")) [node.left, node.right].forEach(collect);
    else throw new YqSyntaxError("envsubst expects flags among nu, ne, ff");
  };
  args.forEach(collect);
  const unknown = flags.find((f) => !["nu", "ne", "ff"].includes(f));
  if (unknown) throw new YqSyntaxError(`unknown envsubst flag '${unknown}'`);
  state.usesEnv = true;
  return `__yq_envsubst(${flags.includes("nu")}; ${flags.includes("ne")}; ${flags.includes("ff")})`;
}

/** Operators that read where `.` is in its document (yq keeps each node's place; jq keeps paths). */
const PLACE_OPERATORS = new Set(["path", "key", "parent", "line", "column", "anchor", "alias", "style"]);
/** Facts of the node itself, read from the table yq.ts builds (`$__yq_nodes`): [default, field]. */
const NODE_FACTS: Record<string, [string, string]> = { line: ["0", "line"], column: ["0", "column"], anchor: ['""', "anchor"], alias: ['""', "alias"], style: ['""', "style"] };
/** Functions whose arguments read the same `.` as the call. */
const SAME_INPUT = new Set(["select", "has", "test", "match", "capture", "sub", "split", "join", "contains", "error", "collect", "setpath", "set_path", "delpaths", "del_paths", "tojson"]);
/** The path element `key` adds: what follows reads the key node itself (`key | line`). */
const KEY_STEP = '"\\u0000key"';

function readsPlace(node: YqNode): boolean {
  switch (node.kind) {
    case "call":
      return (node.args.length === 0 && PLACE_OPERATORS.has(node.name)) || node.args.some(readsPlace);
    case "binary":
      return readsPlace(node.left) || readsPlace(node.right);
    case "group":
      return readsPlace(node.body);
    case "collect":
      return node.body ? readsPlace(node.body) : false;
    case "object":
      return node.entries.some((e) => readsPlace(e.key) || readsPlace(e.value));
    case "string":
      return node.parts.some((p) => typeof p !== "string" && readsPlace(p));
    case "field":
      return node.on ? readsPlace(node.on) : false;
    case "index":
      return readsPlace(node.on) || (node.index ? readsPlace(node.index) : false);
    case "optional":
      return readsPlace(node.on);
    default:
      return false;
  }
}

function withoutPlace<T>(state: Emit, body: () => T): T {
  const saved = state.pathOf;
  state.pathOf = undefined;
  try {
    return body();
  } finally {
    state.pathOf = saved;
  }
}

/**
 * `L | R` where R reads its place: L is evaluated as paths, R runs on the value at each path with
 * the path known (`key` and `parent` move the place without a path of their own).
 */
function placedPipe(left: YqNode, right: YqNode, state: Emit): string {
  const outer = state.pathOf!;
  let head: string;
  if (left.kind === "call" && left.args.length === 0 && (left.name === "key" || left.name === "parent")) {
    head = placeCall(left.name, state);
    state.pathOf = left.name === "key" ? `(${outer} + [${KEY_STEP}])` : `(${outer} | .[:-1])`;
  } else {
    const name = `$__p${state.pathCount++}`;
    head = `path(${emit(left, state)}) as ${name} | getpath(${name})`;
    state.pathOf = `(${outer} + ${name})`;
  }
  try {
    return `${head} | (${emit(right, state)})`;
  } finally {
    state.pathOf = outer;
  }
}

function placeCall(name: string, state: Emit): string {
  const place = state.pathOf;
  if (place === undefined) throw new YqUnavailableError(`${name} (inside map, with_entries, sort_by, the right side of |=, or eval-all)`);
  switch (name) {
    case "path":
      return place;
    case "key":
      return `(${place} | if length > 0 then .[-1] else empty end)`;
    case "parent":
      return `(${place} | if length > 0 then .[:-1] as $__up | $__doc | getpath($__up) else empty end)`;
    default: {
      state.usesNodes = true;
      const [fallback, field] = NODE_FACTS[name];
      return `($__yq_nodes[$__i][${place} | tojson].${field} // ${fallback})`;
    }
  }
}

/**
 * eval(EXPR) where the expression's text is known before the run: a string, or a variable read
 * with strenv()/env() (yq's documented dynamic-path idiom `eval(strenv(pathEnv)) = …`).
 */
function evalCall(arg: YqNode, state: Emit): string {
  let text: string | undefined;
  if (arg.kind === "string" && arg.parts.length === 1 && typeof arg.parts[0] === "string") text = arg.parts[0];
  else if (arg.kind === "env") text = state.environment[arg.name] ?? "";
  if (text === undefined) throw new YqUnavailableError("eval of a computed expression");
  if (state.evalDepth >= 8) throw new YqSyntaxError("eval nested too deeply");
  state.evalDepth++;
  try {
    return `(${emit(parseYq(text) ?? { kind: "self" }, state)})`;
  } finally {
    state.evalDepth--;
  }
}
