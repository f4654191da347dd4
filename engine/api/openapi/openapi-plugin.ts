import { AttachedState } from "../../cluster/attached-state";
import type { Cluster, ClusterPlugin } from "../../cluster/cluster";
import { notFoundPath } from "../errors";
import type { ApiResponse } from "../types";
import { groupVersionOf, hashOf, v2Document, v3Document, v3Paths, type ExtraSchemas } from "./documents";

const NO_EXTRA: ExtraSchemas = { schemas: {}, kindSchema: {} };
// Not a WeakMap: V8 keeps a WeakMap's values through young-generation collections, and this one
// reaches the cluster, so dropped attempts would survive each scavenge (engine/cluster/attached-state.ts).
const extraProviders = new AttachedState<Cluster, () => ExtraSchemas>("openapi extra schemas");

/** Lets the CRD area publish its resources' schemas in the OpenAPI documents. */
export function setOpenApiExtraSchemas(cluster: Cluster, provider: () => ExtraSchemas): void {
  extraProviders.set(cluster, provider);
}

interface Rendered {
  text: string;
  hash: string;
}

/**
 * Serves /openapi/v2 and /openapi/v3[/<group-version>] from the built-in definitions and the
 * cluster's registry. Documents are rendered once per registry change (they are large) and
 * cached in memory only: they are derived data, rebuilt after a restore.
 */
export const openApiPlugin: ClusterPlugin = {
  name: "openapi",
  install(cluster) {
    const cache = new Map<string, Rendered | undefined>();
    let cachedAt = -1;
    const render = (key: string, build: () => unknown | undefined): Rendered | undefined => {
      if (cachedAt !== cluster.registry.version) {
        cache.clear();
        cachedAt = cluster.registry.version;
      }
      if (!cache.has(key)) {
        const doc = build();
        cache.set(key, doc === undefined ? undefined : { text: JSON.stringify(doc), hash: hashOf(doc) });
      }
      return cache.get(key);
    };
    const extra = () => extraProviders.get(cluster)?.() ?? NO_EXTRA;
    const json = (text: string): ApiResponse => ({ status: 200, headers: { "content-type": "application/json" }, body: text });
    const v3 = (gvPath: string) => {
      const gv = groupVersionOf(gvPath);
      return gv ? render(`v3:${gvPath}`, () => v3Document(cluster.registry, gv.group, gv.version, extra())) : undefined;
    };

    cluster.apiserver.pathHandlers.push((request) => {
      const path = request.path.replace(/\/+$/, "");
      if (path === "/openapi/v3") {
        const paths: Record<string, { serverRelativeURL: string }> = {};
        // The hash only has to change when the document does; deriving it from what the document is
        // built from avoids rendering every group's schemas for the index.
        const schemas = JSON.stringify(extra());
        for (const gvPath of v3Paths(cluster.registry)) {
          const served = cluster.registry.all().filter((d) => gvPath === (d.group ? `apis/${d.group}/${d.version}` : `api/${d.version}`) || d.otherVersions?.some((v) => gvPath === (d.group ? `apis/${d.group}/${v.version}` : `api/${v.version}`)));
          const identity = { gvPath, resources: served.map((d) => [d.resource, d.kind, d.namespaced, d.verbs]), schemas };
          paths[gvPath] = { serverRelativeURL: `/openapi/v3/${gvPath}?hash=${hashOf(identity)}` };
        }
        return json(JSON.stringify({ paths }));
      }
      if (path.startsWith("/openapi/v3/")) {
        const doc = v3(path.slice("/openapi/v3/".length));
        if (!doc) throw notFoundPath();
        return json(doc.text);
      }
      if (path === "/openapi/v2") {
        const accept = request.headers?.accept ?? "";
        // kubectl asks for protobuf first; it falls back to JSON when the answer is 406.
        if (accept && !accept.includes("json") && !accept.includes("*/*")) {
          return { status: 406, headers: { "content-type": "text/plain; charset=utf-8" }, body: "only application/json is served\n" };
        }
        return json(render("v2", () => v2Document(cluster.registry, extra()))!.text);
      }
      return undefined;
    });
  },
};
