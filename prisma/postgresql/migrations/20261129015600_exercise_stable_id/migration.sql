-- AlterTable
ALTER TABLE "Exercise" ADD COLUMN     "stableId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Exercise_stableId_key" ON "Exercise"("stableId");

