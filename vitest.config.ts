import { defineConfig } from "vitest/config";

// Two projects: "unit" (pure rules and helpers, no database) and "api" (Fastify inject and
// services against a real PostgreSQL: the embedded server, or TEST_DATABASE_URL).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "src/**/*.test.tsx", "bench/**/*.test.ts"],
          exclude: ["src/**/*.api.test.ts", "node_modules/**"],
          environment: "node",
        },
      },
      {
        test: {
          name: "api",
          include: ["src/**/*.api.test.ts"],
          environment: "node",
          globalSetup: ["src/server/testing/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: "forks",
        },
      },
    ],
  },
});
