import { z } from "zod";
import { DIFFICULTIES, DOMAIN_IDS, EXAMS, LESSON_SECTION_IDS } from "./curriculum";

/** scenario.yaml, exam.yaml and lesson front matter, as schemas that give authors precise errors. */
const slug = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "must be lower-case letters, digits and dashes");
const hostName = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "must be a host name (lower-case letters, digits, dashes)");
const kubeVersion = z.string().regex(/^v1\.\d+\.\d+$/, 'must look like "v1.33.2"');
const text = z.string().trim().min(1, "must not be empty");

export const nodeSchema = z.strictObject({
  name: hostName,
  role: z.enum(["control-plane", "worker"]).default("worker"),
  /** Assigned from the cluster's address plan when omitted. */
  ip: z.ipv4().optional(),
  /** The kubelet's version on this node (a node left behind in an upgrade). */
  version: kubeVersion.optional(),
});

export const clusterSchema = z
  .strictObject({
    name: slug,
    version: kubeVersion.optional(),
    /** Whether the CNI enforces NetworkPolicy (Calico-like, the default) or ignores it (Flannel-like). */
    networkPolicy: z.boolean().optional(),
    podSubnet: z.string().optional(),
    serviceSubnet: z.string().optional(),
    nodes: z.array(nodeSchema).min(1, "needs at least one node"),
  })
  .superRefine((c, ctx) => {
    if (!c.nodes.some((n) => n.role === "control-plane")) ctx.addIssue({ code: "custom", path: ["nodes"], message: "needs a node with role control-plane" });
  });

export const environmentSchema = z
  .strictObject({
    clusters: z.array(clusterSchema).min(1, "needs at least one cluster"),
    /** A separate workstation (exam style): the terminal starts there and reaches nodes with ssh. */
    workstation: hostName.optional(),
  })
  .superRefine((e, ctx) => {
    const seen = new Map<string, string>();
    e.clusters.forEach((c, ci) =>
      c.nodes.forEach((n, ni) => {
        if (seen.has(n.name)) ctx.addIssue({ code: "custom", path: ["clusters", ci, "nodes", ni, "name"], message: `"${n.name}" is already a node of cluster ${seen.get(n.name)}; host names must be unique` });
        seen.set(n.name, c.name);
      }),
    );
    if (e.workstation && seen.has(e.workstation)) ctx.addIssue({ code: "custom", path: ["workstation"], message: `"${e.workstation}" is also a node name` });
    const names = e.clusters.map((c) => c.name);
    names.forEach((n, i) => {
      if (names.indexOf(n) !== i) ctx.addIssue({ code: "custom", path: ["clusters", i, "name"], message: `cluster "${n}" is declared twice` });
    });
  });

export const scenarioMetaSchema = z.strictObject({
  id: slug,
  /** Bumped by the author when the task changes meaning; attempts store it with a content hash. */
  version: z.union([z.string(), z.number()]).transform(String),
  title: text,
  exam: z.enum(EXAMS),
  domain: z.enum(DOMAIN_IDS),
  topics: z.array(slug).min(1, "name at least one topic"),
  difficulty: z.enum(DIFFICULTIES),
  /** Time a prepared candidate needs, as the exam would budget it. */
  minutes: z.number().int().min(1).max(120),
  /** Sum of the checks' points (stated here so the catalogue can show it without reading checks). */
  points: z.number().int().min(1),
  tags: z.array(slug).default([]),
  lessons: z.array(z.enum(LESSON_SECTION_IDS)).min(1, "link at least one lesson section"),
  /** Omitted: the default lab (cluster "kubernetes" with controlplane, node01, node02). */
  environment: environmentSchema.optional(),
  hints: z.array(text).default([]),
  timing: z
    .strictObject({
      /** Seconds of cluster time between setup and the learner's start (pods come up, nodes go NotReady). */
      afterSetup: z.number().int().min(1).max(3600).default(30),
      /** Seconds of cluster time after the learner's last command before grading (rollouts finish). */
      beforeGrading: z.number().int().min(0).max(3600).default(30),
    })
    .default({ afterSetup: 30, beforeGrading: 30 }),
});

export type ScenarioMeta = z.infer<typeof scenarioMetaSchema>;
export type EnvironmentDecl = z.infer<typeof environmentSchema>;

export const examTaskSchema = z
  .strictObject({
    scenario: slug,
    weight: z.number().int().min(1).max(100),
    /** The exam cluster the scenario's (single) cluster becomes. */
    cluster: slug.optional(),
    /** For multi-cluster scenarios: scenario cluster → exam cluster. */
    clusters: z.record(slug, slug).optional(),
  })
  .superRefine((t, ctx) => {
    if (!t.cluster === !t.clusters) ctx.addIssue({ code: "custom", message: "needs exactly one of cluster or clusters" });
  });

export const examSchema = z.strictObject({
  id: slug,
  version: z.union([z.string(), z.number()]).transform(String),
  title: text,
  exam: z.enum(EXAMS),
  description: text,
  minutes: z.number().int().min(1),
  passPercent: z.number().min(1).max(100),
  environment: environmentSchema.refine((e) => e.workstation !== undefined, { message: "an exam needs a workstation to start from", path: ["workstation"] }),
  tasks: z.array(examTaskSchema).min(1),
});

export type ExamMeta = z.infer<typeof examSchema>;

export const quizQuestionSchema = z
  .strictObject({
    question: text,
    options: z.array(text).min(2).max(6),
    /** Index (from 0) of the correct option. */
    answer: z.number().int().min(0),
    explanation: text,
  })
  .superRefine((q, ctx) => {
    if (q.answer >= q.options.length) ctx.addIssue({ code: "custom", path: ["answer"], message: `is ${q.answer} but there are only ${q.options.length} options (counted from 0)` });
  });

export const lessonMetaSchema = z.strictObject({
  id: slug,
  title: text,
  section: z.enum(LESSON_SECTION_IDS),
  /** Position in the course. */
  order: z.number().int().min(1),
  summary: text,
  /** Scenarios that practise this lesson, in a sensible order. */
  scenarios: z.array(slug).min(1),
  quiz: z.array(quizQuestionSchema).min(3, "give at least three knowledge-check questions"),
});

export type LessonMeta = z.infer<typeof lessonMetaSchema>;
