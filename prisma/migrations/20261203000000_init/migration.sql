-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('ADMIN', 'USER');

-- CreateEnum
CREATE TYPE "DataCenter" AS ENUM ('US', 'CA', 'EU', 'AP', 'GOV');

-- CreateEnum
CREATE TYPE "CallbackMode" AS ENUM ('SELF_HOSTED', 'DATA_CENTER', 'CUSTOM_URL');

-- CreateEnum
CREATE TYPE "ClientAuth" AS ENUM ('auto', 'basic', 'post');

-- CreateEnum
CREATE TYPE "RevokeAuth" AS ENUM ('basic', 'post', 'none');

-- CreateEnum
CREATE TYPE "RevokeWhich" AS ENUM ('refresh_token', 'access_token', 'both');

-- CreateEnum
CREATE TYPE "ConnectionStatus" AS ENUM ('ACTIVE', 'NEEDS_REAUTH');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "issuer" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "email" TEXT,
    "name" TEXT,
    "role" "Role" NOT NULL DEFAULT 'USER',
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OrgSettings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "orgName" TEXT NOT NULL,
    "callbackMode" "CallbackMode" NOT NULL DEFAULT 'SELF_HOSTED',
    "dataCenter" "DataCenter" NOT NULL DEFAULT 'US',
    "customBaseUrl" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "OrgSettings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Connector" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "displayDescription" TEXT NOT NULL DEFAULT '',
    "apiBaseUrl" TEXT,
    "authorizationUrl" TEXT NOT NULL,
    "tokenUrl" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "clientSecretEnc" TEXT NOT NULL,
    "clientSecretSetAt" TIMESTAMP(3) NOT NULL,
    "scopes" TEXT NOT NULL DEFAULT '',
    "scopeSeparator" TEXT NOT NULL DEFAULT ' ',
    "clientAuth" "ClientAuth" NOT NULL DEFAULT 'auto',
    "pkce" BOOLEAN NOT NULL DEFAULT true,
    "authorizeParams" JSONB NOT NULL DEFAULT '[]',
    "tokenRequestData" JSONB NOT NULL DEFAULT '[]',
    "revokeUrl" TEXT,
    "instructionsUrl" TEXT,
    "revokeWhich" "RevokeWhich" NOT NULL DEFAULT 'refresh_token',
    "revokeTypeHint" BOOLEAN NOT NULL DEFAULT true,
    "revokeAuth" "RevokeAuth" NOT NULL DEFAULT 'basic',
    "revokeTokenKey" TEXT NOT NULL DEFAULT 'token',
    "version" INTEGER NOT NULL DEFAULT 1,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connector_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConnectorRevision" (
    "id" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "changeDescription" TEXT NOT NULL,
    "changedFields" TEXT[],
    "actorId" TEXT,
    "snapshot" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConnectorRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Connection" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "status" "ConnectionStatus" NOT NULL DEFAULT 'ACTIVE',
    "accessTokenEnc" TEXT NOT NULL,
    "refreshTokenEnc" TEXT,
    "tokenType" TEXT NOT NULL DEFAULT 'Bearer',
    "expiresAt" TIMESTAMP(3),
    "grantedScopes" TEXT NOT NULL DEFAULT '',
    "extras" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 1,
    "leaseUntil" TIMESTAMP(3),
    "leaseOwner" TEXT,
    "lastRefreshAt" TIMESTAMP(3),
    "lastRefreshOk" BOOLEAN,
    "lastError" TEXT,
    "failureCount" INTEGER NOT NULL DEFAULT 0,
    "connectedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuthorizationRequest" (
    "id" TEXT NOT NULL,
    "stateHash" TEXT NOT NULL,
    "verifierEnc" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "sessionHash" TEXT NOT NULL,
    "connectorId" TEXT NOT NULL,
    "connectorVersion" INTEGER NOT NULL,
    "redirectUri" TEXT NOT NULL,
    "returnTo" TEXT NOT NULL DEFAULT '/connections',
    "consentSessionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),

    CONSTRAINT "AuthorizationRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" TEXT NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "outcome" TEXT NOT NULL,
    "details" JSONB NOT NULL DEFAULT '{}',
    "requestId" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "User_email_idx" ON "User"("email");

-- CreateIndex
CREATE UNIQUE INDEX "User_issuer_subject_key" ON "User"("issuer", "subject");

-- CreateIndex
CREATE UNIQUE INDEX "Connector_name_key" ON "Connector"("name");

-- CreateIndex
CREATE UNIQUE INDEX "ConnectorRevision_connectorId_version_key" ON "ConnectorRevision"("connectorId", "version");

-- CreateIndex
CREATE INDEX "Connection_connectorId_status_idx" ON "Connection"("connectorId", "status");

-- CreateIndex
CREATE INDEX "Connection_expiresAt_idx" ON "Connection"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "Connection_userId_connectorId_key" ON "Connection"("userId", "connectorId");

-- CreateIndex
CREATE UNIQUE INDEX "AuthorizationRequest_stateHash_key" ON "AuthorizationRequest"("stateHash");

-- CreateIndex
CREATE INDEX "AuthorizationRequest_expiresAt_idx" ON "AuthorizationRequest"("expiresAt");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_at_idx" ON "AuditEvent"("action", "at");

-- AddForeignKey
ALTER TABLE "ConnectorRevision" ADD CONSTRAINT "ConnectorRevision_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Connection" ADD CONSTRAINT "Connection_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthorizationRequest" ADD CONSTRAINT "AuthorizationRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuthorizationRequest" ADD CONSTRAINT "AuthorizationRequest_connectorId_fkey" FOREIGN KEY ("connectorId") REFERENCES "Connector"("id") ON DELETE CASCADE ON UPDATE CASCADE;
