// Next.js configuration. The app runs behind the custom server in server.ts.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(fileURLToPath(import.meta.url));

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  turbopack: { root },
  // Native or worker-based packages are loaded by Node at run time instead of being bundled.
  serverExternalPackages: ["better-sqlite3", "@prisma/adapter-better-sqlite3", "@prisma/adapter-pg", "pg", "pino", "bcryptjs"],
  // `npm run lint` type-checks the whole repository (tsc), including files the build never
  // sees; doing it again inside every build would only make `npm start` slower.
  typescript: { ignoreBuildErrors: true },
  // forbidden() renders app/forbidden.tsx with a 403 for signed-in users without the role.
  experimental: { authInterrupts: true },
};

export default nextConfig;
