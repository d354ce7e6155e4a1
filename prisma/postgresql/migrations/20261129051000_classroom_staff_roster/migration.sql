-- AlterTable
ALTER TABLE "Classroom" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "joinCodeEnabled" BOOLEAN NOT NULL DEFAULT true;

-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN     "removedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ClassroomStaff" (
    "id" TEXT NOT NULL,
    "classroomId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClassroomStaff_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ClassroomStaff_userId_idx" ON "ClassroomStaff"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassroomStaff_classroomId_userId_key" ON "ClassroomStaff"("classroomId", "userId");

-- AddForeignKey
ALTER TABLE "ClassroomStaff" ADD CONSTRAINT "ClassroomStaff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClassroomStaff" ADD CONSTRAINT "ClassroomStaff_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom"("id") ON DELETE CASCADE ON UPDATE CASCADE;

