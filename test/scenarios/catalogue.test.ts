import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../lib/scenarios/catalogue";
import { DIFFICULTIES, DOMAIN_IDS, DOMAINS, EXAM_FORMAT, LESSON_SECTION_IDS } from "../../lib/scenarios/curriculum";
import { formatIssue } from "../../lib/scenarios/issues";

/**
 * The content promise of issue #8, checked against the catalogue itself: enough scenarios, spread
 * over the CKA domains like the exam weights and over three difficulties, every hands-on topic of
 * the course practised, four real-format mock exams and a lesson per course section.
 */
const cat = loadCatalogue();
const scenarios = [...cat.scenarios.values()];

/** The course's hands-on topics, as scenario topic tags. */
const COURSE_TOPICS = [
  "cluster-components", "etcd", "pods", "replicasets", "deployments", "namespaces", "services", "nodename", "binding",
  "labels-selectors", "taints-tolerations", "nodeselector", "node-affinity", "requests-limits", "daemonsets", "static-pods",
  "multiple-schedulers", "metrics", "kubectl-top", "logs", "rolling-update", "rollback", "deployment-strategies",
  "commands-args", "env-vars", "configmaps", "secrets", "scaling", "multi-container", "init-containers", "probes",
  "self-healing", "drain", "cordon", "kubeadm", "upgrade", "backup", "restore", "authentication", "tls",
  "certificates-api", "kubeconfig", "api-groups", "rbac", "roles", "clusterroles", "image-pull-secrets",
  "security-contexts", "network-policies", "volumes", "persistent-volumes", "pvc", "linux-networking",
  "network-namespaces", "veth", "bridges", "nat", "routes", "dns", "cni", "service-networking", "kube-proxy", "coredns",
  "ingress", "helm", "kustomize", "crds", "operators", "gateway-api", "hpa", "priorityclass", "sidecars",
  "kube-apiserver", "kube-scheduler", "kubelet", "node-notready", "pending-pods", "crashloopbackoff", "imagepullbackoff",
];

describe("the scenario catalogue", () => {
  it("is valid", () => {
    expect(cat.issues.map(formatIssue)).toEqual([]);
  });

  it("has at least 80 scenarios, each timed and explained", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(80);
    expect(scenarios.filter((s) => !s.explanation).map((s) => s.id)).toEqual([]);
    expect(scenarios.every((s) => s.meta.minutes > 0)).toBe(true);
  });

  it("spreads scenarios over the domains like the exam weights (within 3 points)", () => {
    const share = Object.fromEntries(DOMAIN_IDS.map((d) => [d, (100 * scenarios.filter((s) => s.meta.domain === d).length) / scenarios.length]));
    for (const domain of DOMAIN_IDS) {
      expect(Math.abs(share[domain] - DOMAINS[domain].weight), `${domain}: ${share[domain].toFixed(1)}% of scenarios, exam weight ${DOMAINS[domain].weight}%`).toBeLessThanOrEqual(3);
    }
  });

  it("has every difficulty well represented (at least a fifth each)", () => {
    for (const difficulty of DIFFICULTIES) {
      expect(scenarios.filter((s) => s.meta.difficulty === difficulty).length, difficulty).toBeGreaterThanOrEqual(scenarios.length / 5);
    }
  });

  it("practises every hands-on topic of the course", () => {
    const topics = new Set(scenarios.flatMap((s) => s.meta.topics));
    expect(COURSE_TOPICS.filter((t) => !topics.has(t))).toEqual([]);
  });

  it("has at least four mock exams in the real format, with no scenario used twice", () => {
    const exams = [...cat.exams.values()];
    expect(exams.length).toBeGreaterThanOrEqual(4);
    const used = new Map<string, string>();
    for (const exam of exams) {
      const { meta, tasks } = exam;
      expect(tasks.length).toBeGreaterThanOrEqual(EXAM_FORMAT.minTasks);
      expect(tasks.length).toBeLessThanOrEqual(EXAM_FORMAT.maxTasks);
      expect(tasks.reduce((s, t) => s + t.weight, 0)).toBe(100);
      expect([meta.minutes, meta.passPercent]).toEqual([120, 66]);
      expect(meta.environment.workstation).toBeDefined();
      expect(new Set(tasks.map((t) => t.cluster)).size).toBeGreaterThanOrEqual(3);
      for (const task of tasks) {
        expect(task.scenario.task).toContain(`kubectl config use-context ${task.context}`);
        expect(task.scenario.task).toContain("ssh <node>");
        expect(used.get(task.scenario.id), `${task.scenario.id} in ${meta.id}`).toBeUndefined();
        used.set(task.scenario.id, meta.id);
      }
    }
  });

  it("has one lesson per course section, each with knowledge checks and scenarios to practise", () => {
    const lessons = [...cat.lessons.values()];
    expect(LESSON_SECTION_IDS.filter((section) => !lessons.some((l) => l.meta.section === section))).toEqual([]);
    for (const lesson of lessons) {
      expect(lesson.meta.quiz.length, lesson.meta.id).toBeGreaterThanOrEqual(3);
      expect(lesson.meta.scenarios.every((id) => cat.scenarios.has(id)), lesson.meta.id).toBe(true);
      expect(lesson.links.filter((l) => l.kind === "scenario").length, lesson.meta.id).toBeGreaterThanOrEqual(3);
      expect(lesson.body, lesson.meta.id).toContain("```bash");
    }
    expect(lessons.filter((l) => l.body.includes("```mermaid")).length).toBeGreaterThanOrEqual(8);
  });

  it("links every scenario from some lesson", () => {
    const linked = new Set([...cat.lessons.values()].flatMap((l) => [...l.meta.scenarios, ...l.links.filter((k) => k.kind === "scenario").map((k) => k.id)]));
    expect(scenarios.filter((s) => !linked.has(s.id)).map((s) => s.id)).toEqual([]);
  });
});

describe("catalogue summaries for pages", () => {
  it("list scenarios, exams and lessons without scripts or checks", async () => {
    const { scenarioSummaries, examSummaries, lessonSummaries } = await import("../../lib/scenarios/summary");
    const s = scenarioSummaries(cat).find((x) => x.id === "scale-deployment")!;
    expect(s).toMatchObject({ domain: "workloads-scheduling", domainTitle: "Workloads & Scheduling", difficulty: "easy", clusters: 1 });
    expect(Object.keys(s)).not.toContain("setup");
    const exam = examSummaries(cat).find((e) => e.id === "cka-mock-1")!;
    expect(exam.tasks.reduce((sum, t) => sum + t.weight, 0)).toBe(100);
    expect(exam.tasks[0].context).toMatch(/^kubernetes-admin@k8s-c\d$/);
    expect(lessonSummaries(cat).map((l) => l.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});
