/*
  Warnings:

  - A unique constraint covering the columns `[joinCode]` on the table `Cohort` will be added. If there are existing duplicate values, this will fail.

*/
-- CreateEnum
CREATE TYPE "AssignmentKind" AS ENUM ('scenario', 'exam');

-- CreateEnum
CREATE TYPE "AuthoredStatus" AS ENUM ('draft', 'published');

-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN     "joinCode" TEXT;

-- AlterTable
ALTER TABLE "ExamAttempt" ADD COLUMN     "deadlineAt" TIMESTAMP(3),
ADD COLUMN     "flaggedTasks" JSONB,
ADD COLUMN     "notes" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "report" JSONB;

-- AlterTable
ALTER TABLE "ScenarioAttempt" ADD COLUMN     "authoredScenarioId" TEXT,
ADD COLUMN     "checkCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "hintsShown" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "lastCheckedAt" TIMESTAMP(3),
ADD COLUMN     "preview" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "solutionShown" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "TerminalCommand" ADD COLUMN     "location" TEXT;

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL,
    "cohortId" TEXT NOT NULL,
    "kind" "AssignmentKind" NOT NULL,
    "targetId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3),
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Assignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "QuizAnswer" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "question" INTEGER NOT NULL,
    "choice" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "QuizAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClusterAccessToken" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "scenarioAttemptId" TEXT,
    "examAttemptId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),

    CONSTRAINT "ClusterAccessToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthoredScenario" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "authorId" TEXT,
    "status" "AuthoredStatus" NOT NULL DEFAULT 'draft',
    "files" JSONB NOT NULL,
    "cohortId" TEXT,
    "selfTest" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "publishedAt" TIMESTAMP(3),

    CONSTRAINT "AuthoredScenario_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Assignment_cohortId_kind_targetId_key" ON "Assignment"("cohortId", "kind", "targetId");

-- CreateIndex
CREATE UNIQUE INDEX "QuizAnswer_userId_lessonId_question_key" ON "QuizAnswer"("userId", "lessonId", "question");

-- CreateIndex
CREATE UNIQUE INDEX "ClusterAccessToken_tokenHash_key" ON "ClusterAccessToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ClusterAccessToken_scenarioAttemptId_idx" ON "ClusterAccessToken"("scenarioAttemptId");

-- CreateIndex
CREATE INDEX "ClusterAccessToken_examAttemptId_idx" ON "ClusterAccessToken"("examAttemptId");

-- CreateIndex
CREATE UNIQUE INDEX "AuthoredScenario_slug_key" ON "AuthoredScenario"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Cohort_joinCode_key" ON "Cohort"("joinCode");

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assignment" ADD CONSTRAINT "Assignment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioAttempt" ADD CONSTRAINT "ScenarioAttempt_authoredScenarioId_fkey" FOREIGN KEY ("authoredScenarioId") REFERENCES "AuthoredScenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuizAnswer" ADD CONSTRAINT "QuizAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterAccessToken" ADD CONSTRAINT "ClusterAccessToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterAccessToken" ADD CONSTRAINT "ClusterAccessToken_scenarioAttemptId_fkey" FOREIGN KEY ("scenarioAttemptId") REFERENCES "ScenarioAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClusterAccessToken" ADD CONSTRAINT "ClusterAccessToken_examAttemptId_fkey" FOREIGN KEY ("examAttemptId") REFERENCES "ExamAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthoredScenario" ADD CONSTRAINT "AuthoredScenario_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthoredScenario" ADD CONSTRAINT "AuthoredScenario_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort"("id") ON DELETE SET NULL ON UPDATE CASCADE;
