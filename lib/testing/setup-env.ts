// Vitest setup: a complete, valid environment so lib code can call env() in tests.
import { randomBytes } from "node:crypto";

process.env.NEXTAUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.LATCHKEY_ENCRYPTION_KEYS ??= `test1:${randomBytes(32).toString("base64")}`;
process.env.SSO_ISSUER ??= "http://127.0.0.1:4999";
process.env.SSO_CLIENT_ID ??= "latchkey-test";
process.env.SSO_CLIENT_SECRET ??= "test-secret-not-used";
process.env.PUBLIC_BASE_URL ??= "http://localhost:3000";
