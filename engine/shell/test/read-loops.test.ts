import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runScript } from "..";
import { bareEnvironment } from "./helpers";

/**
 * `while read` loops, the stdin a loop or group shares with its body, and `read`/`mapfile` options,
 * each script run by the machine's real bash 5.2 (with GNU coreutils, sed, grep) and by the
 * simulated shell: stdout and stderr must be the same. Every script makes its own files in the
 * current directory.
 */
const BASH = "/bin/bash";
const FIVE = `printf 'l1\\nl2 x\\nl3\\nl4 x\\nl5\\n' > f`;

/** A loop body command read from a regular file, a pipe and a here-string (a pipe in bash 5.2). */
function sources(body: string): string {
  return [
    FIVE,
    `while read a; do echo "[$a]"; ${body}; done < f`,
    "echo --",
    `cat f | while read a; do echo "[$a]"; ${body}; done`,
    "echo --",
    `while read a; do echo "[$a]"; ${body}; done <<< "$(cat f)"`,
  ].join("\n");
}

const SCRIPTS: Record<string, string> = {
  "read in the body takes the next line": `${FIVE}\nwhile read a; do read b; echo "$a+$b"; done < f`,
  "head -n1 takes one line of a file, the whole pipe": sources("head -n1"),
  "head -n2": sources("head -n2"),
  "head -c2 takes two bytes": sources("head -c2"),
  "sed q seeks back on a file": sources("sed q"),
  "sed 2q": sources("sed 2q"),
  "sed -n 1p reads to the end": sources("sed -n 1p"),
  "grep reads to the end": sources("grep x"),
  "cat takes the rest": sources("cat"),
  "tr and wc take the rest": sources("tr a-z A-Z | wc -l"),
  "a pipeline's first command reads the loop's input": sources("head -n1 | tr a-z A-Z"),
  "a redirected command reads its own input": sources("cat < /dev/null; cat <<< inner"),
  "a later pipeline stage reads the pipe, not the loop's input": sources("true | cat"),
  "a function's body shares the caller's input": `${FIVE}\nf() { cat; echo "f $1"; }\nwhile read a; do f "$a"; done < f`,
  "a group shares its input": `${FIVE}\n{ read x; cat; echo "x=$x"; } < f\nprintf 'a\\nb\\n' | { cat; cat; echo end; }`,
  "a last line without a newline": `printf 'a b\\nlast' > f\nwhile read l || [ -n "$l" ]; do echo "<$l>"; done < f\nwhile read l; do echo "<$l>"; done < f; echo "l=$l"`,
  "-r keeps backslashes; IFS= keeps blanks": `printf '  x\\\\y \\\\\\nz\\n' > f\nwhile read l; do echo "<$l>"; done < f\nwhile read -r l; do echo "<$l>"; done < f\nwhile IFS= read -r l; do echo "<$l>"; done < f`,
  "IFS splitting and the last variable's rest": [
    `read a b <<< "  lead  mid  rest  of  "; echo "[$a][$b]"`,
    `IFS=: read a b c <<< "x:y:z:w"; echo "[$a][$b][$c]"`,
    `IFS=: read a b c <<< "x::"; echo "[$a][$b][$c]"`,
    `IFS=', ' read a b <<< "1, 2, 3"; echo "[$a][$b]"`,
    `read a b c <<< "one"; echo "[$a][$b][$c]"`,
  ].join("\n"),
  "read -a, -d, -n, -N": [
    `read -a arr <<< "one two  three"; echo "\${#arr[@]} \${arr[2]}"`,
    `read -d , x <<< "ab,cd"; echo "[$x] $?"`,
    `read -n 2 x <<< "abcd"; echo "[$x]"`,
    `read -N 3 x <<< $'a\\nbcd'; echo "[$x]"`,
    `read -n 10 x <<< "ab"; echo "[$x] $?"`,
    `read x < /dev/null; echo "st=$? [$x]"`,
    `echo "a b c" | { read x y; echo "[$x][$y]"; }`,
  ].join("\n"),
  "mapfile and readarray": [
    `printf 'one\\ntwo\\nthree\\nfour\\n' > g`,
    `mapfile -t m < g; echo "\${#m[@]} \${m[1]}"`,
    `mapfile -t -n 2 m < g; echo "\${#m[@]} \${m[@]}"`,
    `mapfile -t -s 1 m < g; echo "\${#m[@]} \${m[0]}"`,
    `readarray m < g; echo "\${#m[@]} [\${m[0]}]"`,
    `{ mapfile -t -n 1 first; cat; } < g`,
    `cat g | { mapfile -t -n 2 two; echo "\${two[*]}"; cat; }`,
  ].join("\n"),
  "a loop's own descriptors, process substitution, lastpipe": [
    `printf 'one 1\\ntwo 2\\nthree 3\\n' > g`,
    `while read -u 3 a b; do echo "$a=$b"; read c; echo "c=$c"; done 3< g <<< "typed"`,
    `while read a <&3; do echo "[$a]"; done 3< g`,
    `while read -r a b; do echo "$b:$a"; done < <(cat g)`,
    `while read a; do echo "[$a]"; cat; done < <(cat g)`,
    `n=0; while read a; do n=$((n+1)); done < g; echo "n=$n"`,
    `n=0; cat g | while read a; do n=$((n+1)); done; echo "n=$n"`,
    `shopt -s lastpipe; n=0; cat g | while read a; do n=$((n+1)); done; echo "lastpipe n=$n"`,
    `IFS=$'\\n' read -d '' -r -a all < g; echo "\${#all[@]} \${all[1]}"`,
    `printf 'a\\tb\\n' | while IFS=$'\\t' read x y; do echo "<$x|$y>"; done`,
    `printf 'k=v\\n' | while IFS== read k v; do echo "$k -> $v"; done`,
    `echo "x y" | read a b; echo "[$a]"`,
  ].join("\n"),
  "exec 3< file and read -u 3 across commands": `printf 'one\\ntwo\\nthree\\n' > g\nexec 3< g\nread -u 3 x; read -u 3 y; echo "$x $y"\nread -u 3 z; echo "$z"\nexec 3<&-`,
};

function realBash(script: string): { stdout: string; stderr: string } {
  const dir = mkdtempSync(join(tmpdir(), "read-loops-"));
  try {
    const r = spawnSync(BASH, ["-c", script], { cwd: dir, env: { ...process.env, PATH: "/usr/bin:/bin", LC_ALL: "C.UTF-8", HOME: dir } });
    return { stdout: r.stdout.toString("utf8"), stderr: r.stderr.toString("utf8") };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.runIf(existsSync(BASH))("while read loops and shared stdin against bash 5.2", () => {
  const env = bareEnvironment();
  let n = 0;
  for (const [name, script] of Object.entries(SCRIPTS)) {
    it(name, async () => {
      const dir = `/tmp/read-loops-${n++}`;
      const ours = await runScript(env, { script: `mkdir -p ${dir} && cd ${dir}\n${script}\n` });
      const real = realBash(script);
      expect({ stdout: ours.stdout, stderr: ours.stderr }).toEqual(real);
    }, 60_000);
  }
});
