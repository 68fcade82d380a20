-- CreateEnum
CREATE TYPE "RevokeMethod" AS ENUM ('POST', 'DELETE');

-- CreateEnum
CREATE TYPE "RevokeBodyFormat" AS ENUM ('form', 'json');

-- CreateEnum
CREATE TYPE "RevocationStatus" AS ENUM ('PENDING', 'REVOKED', 'GAVE_UP');

-- AlterEnum
ALTER TYPE "RevokeAuth" ADD VALUE 'bearer';

-- AlterTable
ALTER TABLE "Connector" ADD COLUMN     "defaultTokenLifetime" INTEGER,
ADD COLUMN     "idleRefreshDays" INTEGER,
ADD COLUMN     "revokeBodyFormat" "RevokeBodyFormat" NOT NULL DEFAULT 'form',
ADD COLUMN     "revokeExtraData" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "revokeMethod" "RevokeMethod" NOT NULL DEFAULT 'POST';

-- AlterTable
ALTER TABLE "Connection" ADD COLUMN     "lastUsedAt" TIMESTAMP(3),
ADD COLUMN     "reauthReason" TEXT;

-- CreateTable
CREATE TABLE "PendingRevocation" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "accessTokenEnc" TEXT,
    "refreshTokenEnc" TEXT,
    "status" "RevocationStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "PendingRevocation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PendingRevocation_status_nextAttemptAt_idx" ON "PendingRevocation"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "PendingRevocation_userId_idx" ON "PendingRevocation"("userId");

-- AddForeignKey
ALTER TABLE "PendingRevocation" ADD CONSTRAINT "PendingRevocation_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
