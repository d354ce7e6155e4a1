import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(__dirname) } },
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    environment: "node",
    // Grader tests start worker processes and run hostile code against real time limits.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
