-- AlterTable
ALTER TABLE "Submission" ADD COLUMN "overrideReason" TEXT;
ALTER TABLE "Submission" ADD COLUMN "scoreOverride" REAL;

-- CreateTable
CREATE TABLE "ScoreOverride" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "submissionId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "score" REAL,
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ScoreOverride_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ScoreOverride_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ScoreOverride_submissionId_createdAt_idx" ON "ScoreOverride"("submissionId", "createdAt");
