-- CreateTable
CREATE TABLE "InstructorInvitation" (
    "id" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" TEXT,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "InstructorInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "InstructorInvitation_tokenHash_key" ON "InstructorInvitation"("tokenHash");

-- CreateIndex
CREATE INDEX "InstructorInvitation_createdById_idx" ON "InstructorInvitation"("createdById");

-- AddForeignKey
ALTER TABLE "InstructorInvitation" ADD CONSTRAINT "InstructorInvitation_usedById_fkey" FOREIGN KEY ("usedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InstructorInvitation" ADD CONSTRAINT "InstructorInvitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

