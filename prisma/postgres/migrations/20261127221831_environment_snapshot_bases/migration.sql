-- AlterTable
ALTER TABLE "EnvironmentSnapshot" ADD COLUMN     "baseId" TEXT;

-- CreateTable
CREATE TABLE "EnvironmentSnapshotBase" (
    "id" TEXT NOT NULL,
    "scenarioAttemptId" TEXT,
    "examAttemptId" TEXT,
    "encoding" "SnapshotEncoding" NOT NULL,
    "data" BYTEA NOT NULL,
    "rawBytes" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EnvironmentSnapshotBase_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EnvironmentSnapshotBase_scenarioAttemptId_idx" ON "EnvironmentSnapshotBase"("scenarioAttemptId");

-- CreateIndex
CREATE INDEX "EnvironmentSnapshotBase_examAttemptId_idx" ON "EnvironmentSnapshotBase"("examAttemptId");

-- AddForeignKey
ALTER TABLE "EnvironmentSnapshot" ADD CONSTRAINT "EnvironmentSnapshot_baseId_fkey" FOREIGN KEY ("baseId") REFERENCES "EnvironmentSnapshotBase"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentSnapshotBase" ADD CONSTRAINT "EnvironmentSnapshotBase_scenarioAttemptId_fkey" FOREIGN KEY ("scenarioAttemptId") REFERENCES "ScenarioAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EnvironmentSnapshotBase" ADD CONSTRAINT "EnvironmentSnapshotBase_examAttemptId_fkey" FOREIGN KEY ("examAttemptId") REFERENCES "ExamAttempt"("id") ON DELETE CASCADE ON UPDATE CASCADE;
