/**
 * kubernetes-types stops at Kubernetes 1.30, but the simulated cluster is 1.33 and its kubelet and
 * defaulting write fields added since (a container status's `user`, a pod's `observedGeneration`, …).
 * Without them strict field validation would refuse `kubectl apply` of what `kubectl get -o yaml`
 * printed. The `kubernetes-models` package is generated from a newer OpenAPI spec; this reads its
 * declarations and adds every property and type the 1.30 data lacks. Used only by
 * generate-definitions.ts (the output is committed).
 */
import { readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import type { Definitions, PropertySchema } from "./definitions";
import { definitionName } from "./definitions";
import { typeNodeSchema } from "./type-schema";


/** The OpenAPI prefix of a kubernetes-models folder ("v1" is the core group, "apps/v1", …). */
function prefixOfFolder(folder: string): string | undefined {
  const parts = folder.split("/");
  if (parts.length === 1 && parts[0] === "v1") return definitionName("", "v1", "").slice(0, -1);
  if (parts.length !== 2) return undefined;
  return definitionName(parts[0], parts[1], "").slice(0, -1);
}

/** OpenAPI name for a module specifier seen from a kubernetes-models file (relative or apimachinery). */
function targetOf(specifier: string, fromFile: string, root: string): string | undefined {
  const apimachinery = /^@kubernetes-models\/apimachinery\/(.+)$/.exec(specifier);
  if (apimachinery) {
    const path = apimachinery[1].replace(/\.js$/, "");
    const kind = path.slice(path.lastIndexOf("/") + 1);
    const pkg = path.slice(0, path.lastIndexOf("/")).replace(/\//g, ".");
    return `io.k8s.apimachinery.pkg.${pkg}.${kind}`;
  }
  if (!specifier.startsWith(".")) return undefined;
  const target = relative(root, resolve(dirname(fromFile), specifier)).replace(/\.js$/, "");
  const folder = dirname(target);
  const prefix = prefixOfFolder(folder);
  return prefix ? `${prefix}.${target.slice(folder.length + 1)}` : undefined;
}

function declarationFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith("_") || entry === "node_modules") continue;
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) out.push(...declarationFiles(path));
    else if (entry.endsWith(".d.ts") && entry !== "index.d.ts" && !entry.endsWith("List.d.ts")) out.push(path);
  }
  return out;
}

function docOf(node: ts.Node, source: ts.SourceFile): string | undefined {
  const ranges = ts.getLeadingCommentRanges(source.text, node.getFullStart()) ?? [];
  const last = ranges[ranges.length - 1];
  if (!last) return undefined;
  const text = source.text.slice(last.pos, last.end);
  if (!text.startsWith("/**")) return undefined;
  return text
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((line) => line.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

/** Adds what the newer models declare and `definitions` lacks; returns how many properties were added. */
export function supplementFromModels(definitions: Definitions, root: string): { properties: number; types: number } {
  let properties = 0;
  let types = 0;
  // Only group/versions the cluster serves (those the 1.30 data already knows) are supplemented.
  const known = new Set(Object.keys(definitions).map((n) => n.slice(0, n.lastIndexOf("."))));
  for (const file of declarationFiles(root)) {
    const folder = dirname(relative(root, file));
    const prefix = prefixOfFolder(folder);
    if (!prefix || !known.has(prefix)) continue;
    const kind = file.slice(file.lastIndexOf("/") + 1, -".d.ts".length);
    const name = `${prefix}.${kind}`;
    const source = ts.createSourceFile(file, ts.sys.readFile(file)!, ts.ScriptTarget.Latest, true);
    const imported = new Map<string, string>();
    for (const statement of source.statements) {
      if (!ts.isImportDeclaration(statement) || !statement.importClause?.namedBindings || !ts.isNamedImports(statement.importClause.namedBindings)) continue;
      const target = targetOf((statement.moduleSpecifier as ts.StringLiteral).text, file, root);
      if (!target) continue;
      for (const el of statement.importClause.namedBindings.elements) imported.set(el.name.text, target);
    }
    const typeSchema = (type: ts.TypeNode): PropertySchema =>
      typeNodeSchema(type, source, (ref) => {
        const target = imported.get(ref);
        return target ? { $ref: target } : { type: "object" };
      });

    for (const statement of source.statements) {
      if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== `I${kind}`) continue;
      const existing = definitions[name];
      const target = existing ?? { type: "object" };
      const props = { ...(target.properties ?? {}) };
      const required = new Set(target.required ?? []);
      for (const member of statement.members) {
        if (!ts.isPropertySignature(member) || !member.type) continue;
        const field = member.name.getText(source).replace(/^["']|["']$/g, "");
        // apiVersion/kind are declared as literals in the models; the 1.30 data already has them.
        if (props[field]) continue;
        const description = docOf(member, source);
        props[field] = description ? { ...typeSchema(member.type), description } : typeSchema(member.type);
        if (!member.questionToken && !existing) required.add(field);
        properties++;
      }
      if (!existing) {
        const description = docOf(statement, source);
        definitions[name] = {
          ...(description ? { description } : {}),
          type: "object",
          ...(required.size > 0 ? { required: [...required].sort() } : {}),
          ...(Object.keys(props).length > 0 ? { properties: props } : {}),
        };
        types++;
      } else if (Object.keys(props).length > Object.keys(existing.properties ?? {}).length) {
        existing.properties = props;
      }
    }
  }
  return { properties, types };
}
