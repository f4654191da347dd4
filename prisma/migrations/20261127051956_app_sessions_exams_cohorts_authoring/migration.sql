/*
  Warnings:

  - A unique constraint covering the columns `[joinCode]` on the table `Cohort` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Cohort" ADD COLUMN "joinCode" TEXT;

-- AlterTable
ALTER TABLE "TerminalCommand" ADD COLUMN "location" TEXT;

-- CreateTable
CREATE TABLE "Assignment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "cohortId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "dueAt" DATETIME,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Assignment_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Assignment_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "QuizAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "lessonId" TEXT NOT NULL,
    "question" INTEGER NOT NULL,
    "choice" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "answeredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "QuizAnswer_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ClusterAccessToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tokenHash" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "scenarioAttemptId" TEXT,
    "examAttemptId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME,
    CONSTRAINT "ClusterAccessToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClusterAccessToken_scenarioAttemptId_fkey" FOREIGN KEY ("scenarioAttemptId") REFERENCES "ScenarioAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClusterAccessToken_examAttemptId_fkey" FOREIGN KEY ("examAttemptId") REFERENCES "ExamAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuthoredScenario" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "authorId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "files" JSONB NOT NULL,
    "cohortId" TEXT,
    "selfTest" JSONB,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    CONSTRAINT "AuthoredScenario_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "AuthoredScenario_cohortId_fkey" FOREIGN KEY ("cohortId") REFERENCES "Cohort" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ExamAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "examId" TEXT NOT NULL,
    "examVersion" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "timeLimitSeconds" INTEGER NOT NULL,
    "timeUsedSeconds" INTEGER,
    "score" INTEGER,
    "maxScore" INTEGER,
    "passed" BOOLEAN,
    "deadlineAt" DATETIME,
    "notes" TEXT NOT NULL DEFAULT '',
    "flaggedTasks" JSONB,
    "report" JSONB,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ExamAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ExamAttempt" ("examId", "examVersion", "finishedAt", "id", "maxScore", "passed", "score", "startedAt", "status", "timeLimitSeconds", "timeUsedSeconds", "updatedAt", "userId") SELECT "examId", "examVersion", "finishedAt", "id", "maxScore", "passed", "score", "startedAt", "status", "timeLimitSeconds", "timeUsedSeconds", "updatedAt", "userId" FROM "ExamAttempt";
DROP TABLE "ExamAttempt";
ALTER TABLE "new_ExamAttempt" RENAME TO "ExamAttempt";
CREATE INDEX "ExamAttempt_userId_startedAt_idx" ON "ExamAttempt"("userId", "startedAt");
CREATE INDEX "ExamAttempt_examId_idx" ON "ExamAttempt"("examId");
CREATE TABLE "new_ScenarioAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "scenarioId" TEXT NOT NULL,
    "scenarioVersion" TEXT NOT NULL,
    "examAttemptId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "timeUsedSeconds" INTEGER,
    "score" INTEGER,
    "maxScore" INTEGER,
    "checkResults" JSONB,
    "checkCount" INTEGER NOT NULL DEFAULT 0,
    "lastCheckedAt" DATETIME,
    "hintsShown" INTEGER NOT NULL DEFAULT 0,
    "solutionShown" BOOLEAN NOT NULL DEFAULT false,
    "authoredScenarioId" TEXT,
    "preview" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ScenarioAttempt_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScenarioAttempt_examAttemptId_fkey" FOREIGN KEY ("examAttemptId") REFERENCES "ExamAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScenarioAttempt_authoredScenarioId_fkey" FOREIGN KEY ("authoredScenarioId") REFERENCES "AuthoredScenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ScenarioAttempt" ("checkResults", "examAttemptId", "finishedAt", "id", "maxScore", "scenarioId", "scenarioVersion", "score", "startedAt", "status", "timeUsedSeconds", "updatedAt", "userId") SELECT "checkResults", "examAttemptId", "finishedAt", "id", "maxScore", "scenarioId", "scenarioVersion", "score", "startedAt", "status", "timeUsedSeconds", "updatedAt", "userId" FROM "ScenarioAttempt";
DROP TABLE "ScenarioAttempt";
ALTER TABLE "new_ScenarioAttempt" RENAME TO "ScenarioAttempt";
CREATE INDEX "ScenarioAttempt_userId_startedAt_idx" ON "ScenarioAttempt"("userId", "startedAt");
CREATE INDEX "ScenarioAttempt_scenarioId_idx" ON "ScenarioAttempt"("scenarioId");
CREATE INDEX "ScenarioAttempt_examAttemptId_idx" ON "ScenarioAttempt"("examAttemptId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

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
