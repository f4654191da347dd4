import { deepEqual } from "../../util/json";
/**
 * A compact rendering of the go-cmp diff the apiserver appends to "pod updates may not change
 * fields other than …": the changed fields of the internal core.PodSpec in Go syntax, with
 * unchanged runs elided as `... // N identical fields`. It follows go-cmp's layout (two-space
 * gutter, `-`/`+` markers, tab indents) but, unlike go-cmp, prints only the changed leaves.
 */

type Json = Record<string, unknown>;

const goName = (k: string) => k.charAt(0).toUpperCase() + k.slice(1);

function goValue(v: unknown): string {
  if (v === undefined || v === null) return "nil";
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `{${v.map(goValue).join(", ")}}`;
  const entries = Object.entries(v as Json);
  return `{${entries.map(([k, val]) => `${goName(k)}: ${goValue(val)}`).join(", ")}}`;
}

function same(a: unknown, b: unknown): boolean {
  return deepEqual(a, b);
}

function isStruct(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function diffLines(oldV: unknown, newV: unknown, indent: string, label: string): string[] {
  if (isStruct(oldV) && isStruct(newV)) {
    const keys = [...new Set([...Object.keys(oldV), ...Object.keys(newV)])];
    const lines = [`  ${indent}${label}{`];
    let identical = 0;
    const flush = () => {
      if (identical > 0) lines.push(`  ${indent}\t... // ${identical} identical ${identical === 1 ? "field" : "fields"}`);
      identical = 0;
    };
    for (const k of keys) {
      if (same(oldV[k], newV[k])) {
        identical++;
        continue;
      }
      flush();
      lines.push(...diffLines(oldV[k], newV[k], `${indent}\t`, `${goName(k)}: `));
    }
    flush();
    lines.push(`  ${indent}},`);
    return lines;
  }
  if (Array.isArray(oldV) && Array.isArray(newV) && oldV.length === newV.length) {
    const lines = [`  ${indent}${label}{`];
    oldV.forEach((o, i) => {
      if (same(o, newV[i])) lines.push(`  ${indent}\t{...},`);
      else lines.push(...diffLines(o, newV[i], `${indent}\t`, ""));
    });
    lines.push(`  ${indent}},`);
    return lines;
  }
  return [`- ${indent}${label}${goValue(oldV)},`, `+ ${indent}${label}${goValue(newV)},`];
}

export function podSpecDiff(oldSpec: Json, newSpec: Json): string {
  const lines = diffLines(oldSpec, newSpec, "", "core.PodSpec");
  lines[lines.length - 1] = "  }";
  return lines.join("\n") + "\n";
}
