// The score report of a mock exam: per task (weight, points, every check), per exam domain, and
// the total against the pass line. Tasks the simulation could not set up are left out, and the
// other tasks' weights are scaled so the total is still out of 100.
import type { CheckResult } from "../../engine/grading/grader";
import { DOMAINS, type Domain } from "../scenarios/curriculum";
import type { Exam, ExamGrade } from "../scenarios";
import type { UnavailableTasks } from "./start";

export type TaskReport = {
  number: number;
  scenarioId: string;
  title: string;
  domain: Domain;
  weight: number;
  earned: number;
  total: number;
  /** Points towards the exam's 100 (weight × earned / total, rescaled for unavailable tasks). */
  contribution: number;
  checks: CheckResult[];
  unavailable?: string;
};

export type DomainReport = { domain: Domain; title: string; weight: number; earned: number; percent: number };

export type ExamReport = {
  examId: string;
  title: string;
  percent: number;
  passPercent: number;
  passed: boolean;
  /** Sum of the weights of the tasks that count (100 unless some could not be set up). */
  countedWeight: number;
  tasks: TaskReport[];
  domains: DomainReport[];
};

const round1 = (n: number) => Math.round(n * 10) / 10;

export function examReport(exam: Exam, grade: ExamGrade, unavailable: UnavailableTasks): ExamReport {
  const byNumber = new Map(grade.tasks.map((t) => [t.task, t]));
  const counted = exam.tasks.filter((t) => !unavailable[String(t.number)]);
  const countedWeight = counted.reduce((s, t) => s + t.weight, 0);
  const scale = countedWeight > 0 ? 100 / countedWeight : 0;
  const tasks: TaskReport[] = exam.tasks.map((task) => {
    const graded = byNumber.get(task.number);
    const reason = unavailable[String(task.number)];
    const earned = graded?.earned ?? 0;
    const total = graded?.total ?? task.scenario.meta.points;
    return {
      number: task.number,
      scenarioId: task.scenario.id,
      title: task.scenario.meta.title,
      domain: task.scenario.meta.domain,
      weight: task.weight,
      earned,
      total,
      contribution: reason || total === 0 ? 0 : round1(((task.weight * earned) / total) * scale),
      checks: graded?.checks ?? [],
      ...(reason ? { unavailable: reason } : {}),
    };
  });
  const percent = round1(counted.reduce((s, task) => {
    const t = byNumber.get(task.number);
    return s + (t && t.total > 0 ? (task.weight * t.earned) / t.total : 0);
  }, 0) * scale);
  const domainIds = [...new Set(tasks.map((t) => t.domain))];
  const domains = domainIds.map((domain) => {
    const inDomain = tasks.filter((t) => t.domain === domain && !t.unavailable);
    const weight = round1(inDomain.reduce((s, t) => s + t.weight * scale, 0));
    const earned = round1(inDomain.reduce((s, t) => s + t.contribution, 0));
    return { domain, title: DOMAINS[domain].title, weight, earned, percent: weight > 0 ? round1((earned / weight) * 100) : 0 };
  });
  return { examId: exam.meta.id, title: exam.meta.title, percent, passPercent: exam.meta.passPercent, passed: percent >= exam.meta.passPercent, countedWeight, tasks, domains };
}
