-- CreateTable
CREATE TABLE "EnvironmentSnapshotBase" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scenarioAttemptId" TEXT,
    "examAttemptId" TEXT,
    "encoding" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "rawBytes" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EnvironmentSnapshotBase_scenarioAttemptId_fkey" FOREIGN KEY ("scenarioAttemptId") REFERENCES "ScenarioAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EnvironmentSnapshotBase_examAttemptId_fkey" FOREIGN KEY ("examAttemptId") REFERENCES "ExamAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EnvironmentSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scenarioAttemptId" TEXT,
    "examAttemptId" TEXT,
    "formatVersion" INTEGER NOT NULL,
    "encoding" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "rawBytes" INTEGER NOT NULL,
    "baseId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "EnvironmentSnapshot_scenarioAttemptId_fkey" FOREIGN KEY ("scenarioAttemptId") REFERENCES "ScenarioAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EnvironmentSnapshot_examAttemptId_fkey" FOREIGN KEY ("examAttemptId") REFERENCES "ExamAttempt" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EnvironmentSnapshot_baseId_fkey" FOREIGN KEY ("baseId") REFERENCES "EnvironmentSnapshotBase" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_EnvironmentSnapshot" ("createdAt", "data", "encoding", "examAttemptId", "formatVersion", "id", "rawBytes", "scenarioAttemptId", "updatedAt") SELECT "createdAt", "data", "encoding", "examAttemptId", "formatVersion", "id", "rawBytes", "scenarioAttemptId", "updatedAt" FROM "EnvironmentSnapshot";
DROP TABLE "EnvironmentSnapshot";
ALTER TABLE "new_EnvironmentSnapshot" RENAME TO "EnvironmentSnapshot";
CREATE UNIQUE INDEX "EnvironmentSnapshot_scenarioAttemptId_key" ON "EnvironmentSnapshot"("scenarioAttemptId");
CREATE UNIQUE INDEX "EnvironmentSnapshot_examAttemptId_key" ON "EnvironmentSnapshot"("examAttemptId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "EnvironmentSnapshotBase_scenarioAttemptId_idx" ON "EnvironmentSnapshotBase"("scenarioAttemptId");

-- CreateIndex
CREATE INDEX "EnvironmentSnapshotBase_examAttemptId_idx" ON "EnvironmentSnapshotBase"("examAttemptId");
