/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "pg",
    "@prisma/adapter-pg",
    "oidc-provider",
  ],
  agentRules: false,
  experimental: { agentUpgrade: false, authInterrupts: true },
};

export default nextConfig;
