-- CreateTable
CREATE TABLE "Regrade" (
    "id" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "exerciseId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "total" INTEGER NOT NULL,
    "done" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "gradedAt" TIMESTAMP(3),
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "Regrade_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RegradeResult" (
    "id" TEXT NOT NULL,
    "regradeId" TEXT NOT NULL,
    "submissionId" TEXT NOT NULL,
    "verdict" TEXT NOT NULL,
    "passed" INTEGER NOT NULL,
    "total" INTEGER NOT NULL,
    "errorKind" TEXT,
    "errorMessage" TEXT,
    "errorLine" INTEGER,
    "results" TEXT NOT NULL,
    "seed" BIGINT NOT NULL,
    "original" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RegradeResult_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Regrade_classroomId_exerciseId_createdAt_idx" ON "Regrade"("classroomId", "exerciseId", "createdAt");

-- CreateIndex
CREATE INDEX "RegradeResult_submissionId_idx" ON "RegradeResult"("submissionId");

-- CreateIndex
CREATE UNIQUE INDEX "RegradeResult_regradeId_submissionId_key" ON "RegradeResult"("regradeId", "submissionId");

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_exerciseId_fkey" FOREIGN KEY ("exerciseId") REFERENCES "Exercise"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regrade" ADD CONSTRAINT "Regrade_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegradeResult" ADD CONSTRAINT "RegradeResult_submissionId_fkey" FOREIGN KEY ("submissionId") REFERENCES "Submission"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RegradeResult" ADD CONSTRAINT "RegradeResult_regradeId_fkey" FOREIGN KEY ("regradeId") REFERENCES "Regrade"("id") ON DELETE CASCADE ON UPDATE CASCADE;

