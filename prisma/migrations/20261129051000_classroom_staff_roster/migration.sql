-- AlterTable
ALTER TABLE "Enrollment" ADD COLUMN "removedAt" DATETIME;

-- CreateTable
CREATE TABLE "ClassroomStaff" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "classroomId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ClassroomStaff_classroomId_fkey" FOREIGN KEY ("classroomId") REFERENCES "Classroom" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ClassroomStaff_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (added columns only: no table is rebuilt)
ALTER TABLE "Classroom" ADD COLUMN "joinCodeEnabled" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Classroom" ADD COLUMN "archivedAt" DATETIME;

-- CreateIndex
CREATE INDEX "ClassroomStaff_userId_idx" ON "ClassroomStaff"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "ClassroomStaff_classroomId_userId_key" ON "ClassroomStaff"("classroomId", "userId");
