import { z } from "zod";
import { EXPECTATION_OPERATORS } from "./expectation";

/**
 * The checks an author can write in checks.yaml, as a schema: it both validates files (with
 * precise paths for error messages) and gives the grader its types.
 */
const id = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "must be lower-case letters, digits and dashes (like a Kubernetes name)");
const nonEmpty = z.string().trim().min(1, "must not be empty");
const quantityLike = z.union([z.number(), z.string()]);

const expectationFields = {
  equals: z.unknown().optional(),
  notEquals: z.unknown().optional(),
  matches: z.string().optional(),
  contains: z.unknown().optional(),
  notContains: z.unknown().optional(),
  oneOf: z.array(z.unknown()).optional(),
  greaterThan: quantityLike.optional(),
  atLeast: quantityLike.optional(),
  lessThan: quantityLike.optional(),
  atMost: quantityLike.optional(),
  present: z.boolean().optional(),
  match: z.enum(["all", "any"]).optional(),
};

function exactlyOneOperator(value: Record<string, unknown>, ctx: z.RefinementCtx, where: string[] = []): void {
  const ops = EXPECTATION_OPERATORS.filter((op) => value[op] !== undefined);
  if (ops.length !== 1) {
    ctx.addIssue({
      code: "custom",
      path: where,
      message: ops.length === 0 ? `needs one of: ${EXPECTATION_OPERATORS.join(", ")}` : `has several operators (${ops.join(", ")}); use one per check`,
    });
  }
  if (typeof value.matches === "string") {
    try {
      new RegExp(value.matches);
    } catch (e) {
      ctx.addIssue({ code: "custom", path: [...where, "matches"], message: `is not a valid regular expression: ${(e as Error).message}` });
    }
  }
}

export const expectationSchema = z.strictObject(expectationFields).superRefine((v, ctx) => exactlyOneOperator(v, ctx));

const common = {
  id,
  points: z.number().int("must be a whole number").min(1, "must be at least 1"),
  description: nonEmpty,
  hint: nonEmpty,
  /** Shown with a failed check, after the grader's own reason: why this matters, what to look at. */
  explanation: nonEmpty.optional(),
  /** Which cluster to read; the scenario's first cluster by default. */
  cluster: z.string().optional(),
};

const objectRef = {
  resource: nonEmpty,
  namespace: z.string().optional(),
  name: nonEmpty,
};

const podTarget = z.string().regex(/^[a-z0-9-]+\/[a-z0-9.-]+$/, 'must be "namespace/pod"');

export const reachabilityFromSchema = z.union([
  z.strictObject({ pod: podTarget, container: z.string().optional() }),
  z.strictObject({ host: nonEmpty }),
]);

export const reachabilityToSchema = z.union([
  z.strictObject({ url: z.string().regex(/^https?:\/\//, "must start with http:// or https://") }),
  z.strictObject({ address: nonEmpty, port: z.number().int().min(1).max(65535), protocol: z.enum(["TCP", "UDP"]).optional() }),
  z.strictObject({ dns: nonEmpty }),
]);

const auditMatch = z.strictObject({
  verb: z.union([z.string(), z.array(z.string())]).optional(),
  /** One resource, or a list of equivalent ones; an entry may name a subresource: `pods/binding`. */
  resource: z.union([z.string(), z.array(z.string())]).optional(),
  subresource: z.string().optional(),
  namespace: z.string().optional(),
  name: z.string().optional(),
  /** Only requests that succeeded count unless false. */
  succeeded: z.boolean().optional(),
});

const stdoutExpectation = z
  .strictObject({
    equals: z.string().optional(),
    trimmed: z.string().optional(),
    contains: z.string().optional(),
    matches: z.string().optional(),
    notContains: z.string().optional(),
  })
  .superRefine((v, ctx) => {
    const set = Object.values(v).filter((x) => x !== undefined).length;
    if (set !== 1) ctx.addIssue({ code: "custom", message: "needs exactly one of: equals, trimmed, contains, matches, notContains" });
  });

export const checkSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({ ...common, type: z.literal("exists"), ...objectRef }),
    z.strictObject({ ...common, type: z.literal("absent"), ...objectRef }),
    z.strictObject({ ...common, type: z.literal("field"), ...objectRef, path: nonEmpty, aggregate: z.literal("count").optional(), ...expectationFields }).superRefine((v, ctx) => exactlyOneOperator(v, ctx)),
    z
      .strictObject({
        ...common,
        type: z.literal("count"),
        resource: nonEmpty,
        /** Omitted: across all namespaces (or a cluster-scoped resource). */
        namespace: z.string().optional(),
        selector: z.string().optional(),
        fieldSelector: z.string().optional(),
        /** Only objects whose field satisfies this count. */
        where: z.strictObject({ path: nonEmpty, ...expectationFields }).superRefine((v, ctx) => exactlyOneOperator(v, ctx)).optional(),
        ...expectationFields,
      })
      .superRefine((v, ctx) => exactlyOneOperator(v, ctx)),
    z
      .strictObject({
        ...common,
        type: z.literal("podReady"),
        namespace: z.string().default("default"),
        name: z.string().optional(),
        selector: z.string().optional(),
        /** How many matching pods must be Running and Ready; all of them (and at least one) by default. */
        minimum: z.number().int().min(1).optional(),
      })
      .superRefine((v, ctx) => {
        if (!v.name === !v.selector) ctx.addIssue({ code: "custom", message: "needs exactly one of name or selector" });
      }),
    z
      .strictObject({
        ...common,
        type: z.literal("file"),
        host: nonEmpty,
        path: z.string().startsWith("/", "must be an absolute path"),
        exists: z.boolean().optional(),
        exact: z.string().optional(),
        trimmed: z.string().optional(),
        contains: z.string().optional(),
        regex: z.string().optional(),
        /**
         * The file's trimmed content equals the trimmed output of this command, run on the same host
         * when grading ("write the CIDR of node01 to /opt/x"): answers that depend on the cluster.
         */
        sameAs: z.string().trim().min(1).optional(),
        /** The file parses as YAML (or JSON) equal to this value. */
        yaml: z.unknown().optional(),
        /**
         * The file is one YAML (or JSON) document whose paths meet these expectations: a kubeconfig's
         * `.current-context`, a config file's settings, read without running a program for it.
         */
        fields: z.array(z.strictObject({ path: nonEmpty, ...expectationFields }).superRefine((v, ctx) => exactlyOneOperator(v, ctx))).min(1).optional(),
        /** The file is a manifest the API server accepts (server dry-run), of this kind. */
        manifest: z
          .strictObject({
            kind: nonEmpty,
            apiVersion: z.string().optional(),
            name: z.string().optional(),
            namespace: z.string().optional(),
            /** Field expectations on the parsed manifest. */
            fields: z.array(z.strictObject({ path: nonEmpty, ...expectationFields }).superRefine((v, ctx) => exactlyOneOperator(v, ctx))).optional(),
          })
          .optional(),
      })
      .superRefine((v, ctx) => {
        const set = ["exists", "exact", "trimmed", "contains", "regex", "sameAs", "yaml", "fields", "manifest"].filter((k) => (v as Record<string, unknown>)[k] !== undefined);
        if (set.length !== 1) ctx.addIssue({ code: "custom", message: "needs exactly one of: exists, exact, trimmed, contains, regex, sameAs, yaml, fields, manifest" });
      }),
    z.strictObject({
      ...common,
      type: z.literal("command"),
      /** Where to run it; the scenario's home host by default. */
      host: z.string().optional(),
      user: z.string().optional(),
      run: nonEmpty,
      exitCode: z.number().int().min(0).max(255).optional(),
      stdout: stdoutExpectation.optional(),
      stderr: stdoutExpectation.optional(),
    }),
    z.strictObject({
      ...common,
      type: z.literal("program"),
      /** Where to run it (as root); the scenario's home host by default. */
      host: z.string().optional(),
      /** The program and its arguments, e.g. [ip, addr, show, br0]: one program, no shell. */
      argv: z.array(z.string()).min(1, "needs the program name"),
      exitCode: z.number().int().min(0).max(255).optional(),
      stdout: stdoutExpectation.optional(),
      stderr: stdoutExpectation.optional(),
    }),
    z.strictObject({
      ...common,
      type: z.literal("access"),
      /** What `kubectl auth can-i VERB RESOURCE --as AS [--as-group G]…` answers. */
      verb: nonEmpty,
      /** As kubectl's argument: `pods`, `deployments.apps`, `secrets/NAME`, or a URL path `/healthz`. */
      resource: nonEmpty,
      subresource: z.string().optional(),
      /** kubectl's `-n`; the admin context's namespace (default) when omitted, as kubectl sends it. */
      namespace: z.string().optional(),
      as: nonEmpty,
      asGroups: z.array(nonEmpty).optional(),
      expect: z.enum(["allowed", "denied"]),
    }),
    z.strictObject({
      ...common,
      type: z.literal("reachable"),
      from: reachabilityFromSchema,
      to: reachabilityToSchema,
      expect: z.enum(["allowed", "blocked"]),
    }),
    z.strictObject({
      ...common,
      type: z.literal("audit"),
      /** present: the learner made at least `minimum` such requests; absent: none. */
      expect: z.enum(["present", "absent"]),
      request: auditMatch,
      minimum: z.number().int().min(1).optional(),
    }),
    z.strictObject({
      ...common,
      type: z.literal("history"),
      expect: z.enum(["present", "absent"]),
      /** A regular expression a command line the learner typed must (not) match. */
      command: nonEmpty,
    }),
    z.strictObject({
      ...common,
      type: z.literal("untouchedOutside"),
      namespaces: z.array(nonEmpty).min(1),
      /** Cluster-scoped resources the task legitimately writes (e.g. persistentvolumes). */
      allowClusterScoped: z.array(nonEmpty).optional(),
    }),
    z.strictObject({
      ...common,
      type: z.literal("custom"),
      check: nonEmpty,
      params: z.record(z.string(), z.unknown()).optional(),
    }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? `unknown check type; use one of: ${CHECK_TYPES.join(", ")}` : undefined) },
);

export const CHECK_TYPES = ["exists", "absent", "field", "count", "podReady", "file", "command", "reachable", "audit", "history", "untouchedOutside", "custom", "access", "program"] as const;

export const checksFileSchema = z.strictObject({
  checks: z.array(checkSchema).min(1, "needs at least one check"),
});

export type CheckSpec = z.infer<typeof checkSchema>;
export type CheckType = CheckSpec["type"];
export type CheckOf<T extends CheckType> = Extract<CheckSpec, { type: T }>;
