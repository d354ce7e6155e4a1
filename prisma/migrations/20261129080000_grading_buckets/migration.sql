-- CreateTable
CREATE TABLE "GradingBucket" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "tokens" REAL NOT NULL,
    "updatedAt" BIGINT NOT NULL
);

-- CreateIndex
CREATE INDEX "GradingBucket_updatedAt_idx" ON "GradingBucket"("updatedAt");
