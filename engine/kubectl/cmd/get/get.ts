import type { KubeObject, WatchEvent } from "../../../api/types";
import { registerCommand, type CommandContext } from "../../cli/command";
import { AggregateError, StatusError, usageError } from "../../cli/errors";
import { kindPrefix, resourcePath, type ResourceMapping } from "../../client/discovery";
import { check } from "../../client/rest";
import { TABLE_ACCEPT } from "../../client/transport";
import { objectPrinter, printOptionsFrom, type ObjectPrinter } from "../../printers";
import { TablePrinter, type ServerTable } from "../../printers/table";
import { TabWriter } from "../../printers/tabwriter";
import { buildTargets, type Target } from "../../resource/builder";
import { listFailure } from "../../resource/infos";
import { rawRequest } from "../raw";
import { anyHasField, sortBy } from "./sort";

/** One response of the builder: a Table (human output) or objects, with the mapping it came from. */
interface Fetched {
  mapping: ResourceMapping;
  table?: ServerTable;
  objects?: KubeObject[];
  resourceVersion?: string;
}

function isNotFound(e: unknown): boolean {
  return e instanceof StatusError && e.status.code === 404;
}

/** Fetches every target, collecting errors the way kubectl's ContinueOnError builder does. */
function fetchAll(c: CommandContext, targets: Target[], human: boolean, errors: Error[]): Fetched[] {
  const rest = c.factory.rest();
  const chunk = c.flags.string("sort-by") ? 0 : c.flags.int("chunk-size");
  const subresource = c.flags.string("subresource") || undefined;
  const query: Record<string, string | undefined> = {
    labelSelector: c.flags.string("selector") || undefined,
    fieldSelector: c.flags.string("field-selector") || undefined,
    includeObject: human && c.flags.string("sort-by") ? "Object" : undefined,
  };
  const fetched: Fetched[] = [];
  for (const t of targets) {
    try {
      if (t.kind === "list") {
        let token: string | undefined;
        do {
          let body: ServerTable & { items?: KubeObject[]; metadata?: { continue?: string; resourceVersion?: string } };
          try {
            body = check(
              rest.request({
                method: "GET",
                path: resourcePath(t.mapping, t.namespace),
                query: { ...query, limit: chunk > 0 ? String(chunk) : undefined, continue: token },
                headers: human ? { accept: TABLE_ACCEPT } : undefined,
              }),
            ) as typeof body;
          } catch (e) {
            throw listFailure(e, t.mapping, query.labelSelector, query.fieldSelector);
          }
          token = body.metadata?.continue || undefined;
          fetched.push(human ? { mapping: t.mapping, table: body } : { mapping: t.mapping, objects: body.items ?? [], resourceVersion: body.metadata?.resourceVersion });
        } while (token);
      } else {
        const name = t.kind === "object" ? t.name : t.name;
        const body = check(
          rest.request({
            method: "GET",
            path: resourcePath(t.mapping, t.namespace, name, subresource),
            query: { includeObject: query.includeObject },
            headers: human ? { accept: TABLE_ACCEPT } : undefined,
          }),
        );
        fetched.push(human ? { mapping: t.mapping, table: body as ServerTable } : { mapping: t.mapping, objects: [body as KubeObject] });
      }
    } catch (e) {
      if (c.flags.bool("ignore-not-found") && isNotFound(e)) continue;
      if (!(e instanceof StatusError)) throw e;
      errors.push(e);
    }
  }
  return fetched;
}

function targetsFor(c: CommandContext): Target[] {
  return buildTargets(c.factory, {
    args: c.args,
    filenames: c.flags.strings("filename"),
    kustomize: c.flags.string("kustomize"),
    recursive: c.flags.bool("recursive"),
    labelSelector: c.flags.string("selector"),
    fieldSelector: c.flags.string("field-selector"),
    allNamespaces: c.flags.bool("all-namespaces"),
    allowEmptySelector: true,
  });
}

function printHuman(c: CommandContext, targets: Target[]): number {
  const errors: Error[] = [];
  const fetched = fetchAll(c, targets, true, errors);
  const sortField = c.flags.string("sort-by");
  if (sortField) {
    for (const f of fetched) {
      if (!f.table) continue;
      // kubectl's table sorter drops the rows when no object has the field (nothing is printed).
      if (!anyHasField(f.table.rows.map((r) => r.object), sortField)) f.table.rows = [];
      else f.table.rows = sortBy(f.table.rows, sortField, (r) => r.object);
    }
  }
  const kinds = new Set(fetched.map((f) => `${f.mapping.group}/${f.mapping.kind}`));
  const withKind = c.flags.bool("show-kind") || kinds.size > 1;
  const allNamespaces = c.flags.bool("all-namespaces");
  let written = 0;
  let separatorReady = false;
  const w = new TabWriter((s) => {
    if (s.length === 0) return;
    if (separatorReady) {
      c.out("\n");
      separatorReady = false;
    }
    written += s.length;
    c.out(s);
  });
  let printer: TablePrinter | undefined;
  let lastResource: string | undefined;
  let allNamespaced = !allNamespaces;
  const noHeaders = c.flags.bool("no-headers");
  for (const f of fetched) {
    allNamespaced = allNamespaced && f.mapping.namespaced;
    const resourceKey = `${f.mapping.group}/${f.mapping.resource}`;
    if (!printer || resourceKey !== lastResource) {
      w.flush();
      w.resetWidths();
      if (lastResource !== undefined && !noHeaders && written > 0) separatorReady = true;
      printer = new TablePrinter({
        wide: c.flags.string("output") === "wide",
        noHeaders,
        withNamespace: allNamespaces && f.mapping.namespaced,
        kindPrefix: withKind ? kindPrefix(f.mapping) : undefined,
        showLabels: c.flags.bool("show-labels"),
        labelColumns: c.flags.strings("label-columns"),
      });
      lastResource = resourceKey;
    }
    printer.print(f.table!, w);
  }
  w.flush();
  if (written === 0 && !c.flags.bool("ignore-not-found") && errors.length === 0) {
    c.err(allNamespaced ? `No resources found in ${c.factory.namespace().namespace} namespace.\n` : "No resources found\n");
  }
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
}

function relaxed(field: string): string {
  return field.startsWith("{") ? field : `{${field.startsWith(".") ? field : "." + field}}`;
}

function singleItemImplied(c: CommandContext, targets: Target[]): boolean {
  if (c.flags.strings("filename").length > 0) return targets.length === 1;
  return targets.length === 1 && targets[0].kind === "name";
}

function printGeneric(c: CommandContext, targets: Target[], printer: ObjectPrinter): number {
  const errors: Error[] = [];
  const single = singleItemImplied(c, targets);
  const fetched = fetchAll(c, targets, false, errors);
  if (single && errors.length > 0) throw errors[0];
  let objects = fetched.flatMap((f) => f.objects ?? []);
  const sortField = c.flags.string("sort-by");
  if (sortField) {
    if (!anyHasField(objects, sortField)) throw new Error(`couldn't find any field with path "${relaxed(sortField)}" in the list of objects`);
    objects = sortBy(objects, sortField, (o) => o);
  }
  if (objects.length === 0 && c.flags.bool("ignore-not-found")) {
    if (errors.length > 0) throw new AggregateError(errors);
    return 0;
  }
  // kubectl wraps every printer in its TablePrinter, which notes (at -v=2) that full objects are not a Table.
  if (c.factory.verbosity >= 2 && c.flags.bool("server-print")) {
    c.factory.log("Unable to decode server response into a Table. Falling back to hardcoded types: attempt to decode non-Table object", "table_printer.go:45");
  }
  if (single && objects.length === 1) c.out(printer.print(objects[0]));
  else c.out(printer.print({ apiVersion: "v1", items: objects, kind: "List", metadata: { resourceVersion: "" } }));
  if (errors.length > 0) throw new AggregateError(errors);
  return 0;
}

/** `get -w` / `--watch-only`: the list (unless watch-only), then every change until interrupted. */
async function watch(c: CommandContext, targets: Target[], printer: ObjectPrinter | undefined): Promise<number> {
  const mappings = new Set(targets.map((t) => `${t.mapping.group}/${t.mapping.kind}`));
  if (mappings.size > 1) throw new Error("watch is only supported on individual resources and resource collections - more than 1 resource was found");
  const target = targets[0];
  const human = !printer;
  const rest = c.factory.rest();
  const tablePrinter = new TablePrinter({
    wide: c.flags.string("output") === "wide",
    noHeaders: c.flags.bool("no-headers"),
    withNamespace: c.flags.bool("all-namespaces") && target.mapping.namespaced,
    showLabels: c.flags.bool("show-labels"),
    labelColumns: c.flags.strings("label-columns"),
  });
  const w = new TabWriter((s) => c.out(s));
  const events = c.flags.bool("output-watch-events");
  const emit = (obj: unknown, type: string) => {
    if (human) {
      const printerFor = events ? new TablePrinter({ ...tableOptions(c, target), eventType: type }) : tablePrinter;
      printerFor.print(obj as ServerTable, w);
      w.flush();
    } else c.out(printer!.print(events ? { type, object: obj } : (obj as Record<string, unknown>)));
  };
  const isName = target.kind !== "list";
  const name = target.kind === "list" ? undefined : target.name;
  const listQuery: Record<string, string | undefined> = {
    labelSelector: c.flags.string("selector") || undefined,
    fieldSelector: name ? `metadata.name=${name}` : c.flags.string("field-selector") || undefined,
  };
  let rv = "0";
  if (!c.flags.bool("watch-only")) {
    if (isName) {
      const body = check(rest.request({ method: "GET", path: resourcePath(target.mapping, target.namespace, name), headers: human ? { accept: TABLE_ACCEPT } : undefined }));
      emit(body, "ADDED");
    } else {
      const body = check(rest.request({ method: "GET", path: resourcePath(target.mapping, target.namespace), query: { ...listQuery, limit: String(c.flags.int("chunk-size") || 500) }, headers: human ? { accept: TABLE_ACCEPT } : undefined })) as ServerTable & { items?: unknown[]; metadata?: { resourceVersion?: string } };
      rv = body.metadata?.resourceVersion ?? "0";
      if (human) emit(body, "ADDED");
      else for (const item of body.items ?? []) emit(item, "ADDED");
    }
  } else if (!isName) {
    const body = check(rest.request({ method: "GET", path: resourcePath(target.mapping, target.namespace), query: { ...listQuery, limit: "500" } })) as { metadata?: { resourceVersion?: string } };
    rv = body.metadata?.resourceVersion ?? "0";
  }
  const response = rest.request({
    method: "GET",
    path: resourcePath(target.mapping, target.namespace),
    query: { ...listQuery, resourceVersion: rv, watch: "true" },
    headers: human ? { accept: TABLE_ACCEPT } : undefined,
  });
  check(response);
  const stream = response.watch;
  if (!stream) return 0;
  // A watch from one object's resourceVersion 0 starts with a synthetic ADDED event for it.
  let skipFirst = isName && !c.flags.bool("watch-only");
  const timeout = c.factory.globals.string("request-timeout");
  return new Promise<number>((resolve) => {
    const waiting = new AbortController();
    const finish = (code: number) => {
      if (waiting.signal.aborted) return;
      waiting.abort();
      stream.close();
      resolve(code);
    };
    stream.onData((event: WatchEvent) => {
      if (skipFirst) {
        skipFirst = false;
        return;
      }
      if (event.type === "ERROR" || event.type === "BOOKMARK") return;
      emit(event.object, event.type);
    });
    stream.onEnd(() => finish(0));
    if (c.ctx.signal.aborted) finish(1);
    c.ctx.signal.addEventListener("abort", () => finish(1), { once: true });
    const ms = parseTimeout(timeout);
    // With no request timeout the watch waits until interrupted, letting the cluster's time pass.
    void c.ctx.sleep(ms > 0 ? ms : Number.POSITIVE_INFINITY, waiting.signal).then(() => finish(0));
  });
}

function tableOptions(c: CommandContext, target: Target) {
  return {
    wide: c.flags.string("output") === "wide",
    noHeaders: c.flags.bool("no-headers"),
    withNamespace: c.flags.bool("all-namespaces") && target.mapping.namespaced,
    showLabels: c.flags.bool("show-labels"),
    labelColumns: c.flags.strings("label-columns"),
  };
}

function parseTimeout(text: string): number {
  if (!text || text === "0") return 0;
  const m = /^(\d+)(ms|s|m|h)?$/.exec(text);
  if (!m) return 0;
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? "s"] ?? 1000;
  return Number(m[1]) * unit;
}

registerCommand("get", async (c) => {
  const printer = objectPrinter("get", { ...printOptionsFrom(c.flags, (p) => c.ctx.host.fs.readFileSync(p.startsWith("/") ? p : `${c.ctx.cwd}/${p}`)) });
  if (c.flags.string("raw")) return rawRequest(c, "GET", c.flags.string("raw"));
  if (c.args.length === 0 && c.flags.strings("filename").length === 0 && !c.flags.string("kustomize")) {
    c.err('You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\n');
    throw usageError(c.commandPath, 'Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).');
  }
  const targets = targetsFor(c);
  if (c.flags.bool("watch") || c.flags.bool("watch-only")) return watch(c, targets, printer);
  if (!printer) return printHuman(c, targets);
  return printGeneric(c, targets, printer);
});
