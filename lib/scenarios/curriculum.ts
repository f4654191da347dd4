/**
 * The CKA curriculum (v1.35) as Kubecoach organises it: the exam's domains with their weights,
 * the difficulties, and the lesson sections of the course. Scenario, exam and lesson files refer
 * to these ids; the catalogue test checks the content against the weights.
 */
export const DOMAINS = {
  troubleshooting: { title: "Troubleshooting", weight: 30 },
  "cluster-architecture": { title: "Cluster Architecture, Installation & Configuration", weight: 25 },
  "services-networking": { title: "Services & Networking", weight: 20 },
  "workloads-scheduling": { title: "Workloads & Scheduling", weight: 15 },
  storage: { title: "Storage", weight: 10 },
} as const;

export type Domain = keyof typeof DOMAINS;
export const DOMAIN_IDS = Object.keys(DOMAINS) as Domain[];

export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export const LESSON_SECTIONS = {
  "core-concepts": "Core concepts",
  scheduling: "Scheduling",
  "logging-monitoring": "Logging and monitoring",
  "application-lifecycle": "Application lifecycle management",
  "cluster-maintenance": "Cluster maintenance",
  security: "Security",
  storage: "Storage",
  networking: "Networking",
  "cluster-design": "Designing and installing a cluster, high availability",
  etcd: "etcd and Raft quorum",
} as const;

export type LessonSection = keyof typeof LESSON_SECTIONS;
export const LESSON_SECTION_IDS = Object.keys(LESSON_SECTIONS) as LessonSection[];

export const EXAMS = ["CKA"] as const;

/** The real exam's shape, which mock exams must follow. */
export const EXAM_FORMAT = { minTasks: 15, maxTasks: 20, minutes: 120, passPercent: 66, totalWeight: 100 } as const;
