-- CreateTable
CREATE TABLE "GradingBucket" (
    "key" TEXT NOT NULL,
    "tokens" DOUBLE PRECISION NOT NULL,
    "updatedAt" BIGINT NOT NULL,

    CONSTRAINT "GradingBucket_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE INDEX "GradingBucket_updatedAt_idx" ON "GradingBucket"("updatedAt");

