-- CreateEnum
CREATE TYPE "ConsentStatus" AS ENUM ('PENDING', 'READY', 'RESUMED', 'EXPIRED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'DELIVERED', 'GAVE_UP');

-- CreateTable
CREATE TABLE "ApiClient" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "scopes" TEXT[],
    "connectorNames" TEXT[],
    "webhookSecretEnc" TEXT NOT NULL,
    "createdById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "ApiClient_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsentSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "apiClientId" TEXT NOT NULL,
    "plugin" TEXT NOT NULL,
    "connectorIds" TEXT[],
    "message" TEXT NOT NULL,
    "status" "ConsentStatus" NOT NULL DEFAULT 'PENDING',
    "resumeUrl" TEXT,
    "resumePayload" JSONB,
    "idempotencyKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "readyAt" TIMESTAMP(3),
    "resumedAt" TIMESTAMP(3),
    "endedAt" TIMESTAMP(3),

    CONSTRAINT "ConsentSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ResumeDelivery" (
    "id" TEXT NOT NULL,
    "consentSessionId" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "lastStatus" INTEGER,
    "deliveredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ResumeDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApiClient_keyPrefix_key" ON "ApiClient"("keyPrefix");

-- CreateIndex
CREATE INDEX "ConsentSession_userId_status_idx" ON "ConsentSession"("userId", "status");

-- CreateIndex
CREATE INDEX "ConsentSession_status_expiresAt_idx" ON "ConsentSession"("status", "expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ConsentSession_apiClientId_idempotencyKey_key" ON "ConsentSession"("apiClientId", "idempotencyKey");

-- CreateIndex
CREATE UNIQUE INDEX "ResumeDelivery_consentSessionId_key" ON "ResumeDelivery"("consentSessionId");

-- CreateIndex
CREATE INDEX "ResumeDelivery_status_nextAttemptAt_idx" ON "ResumeDelivery"("status", "nextAttemptAt");

-- AddForeignKey
ALTER TABLE "ConsentSession" ADD CONSTRAINT "ConsentSession_apiClientId_fkey" FOREIGN KEY ("apiClientId") REFERENCES "ApiClient"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ResumeDelivery" ADD CONSTRAINT "ResumeDelivery_consentSessionId_fkey" FOREIGN KEY ("consentSessionId") REFERENCES "ConsentSession"("id") ON DELETE CASCADE ON UPDATE CASCADE;
