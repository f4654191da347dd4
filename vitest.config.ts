import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["engine/**/*.test.ts", "lib/**/*.test.ts", "test/**/*.test.ts", "scenarios/**/*.test.ts", "cli/**/*.test.ts"],
    exclude: ["node_modules", "e2e/**"],
    environment: "node",
    testTimeout: 30_000,
    // Many suites build an Environment in beforeAll; on a loaded 2-core machine that can pass 10 s.
    hookTimeout: 60_000,
    pool: "forks",
  },
});
