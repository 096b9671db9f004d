import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts"],
          typecheck: { enabled: true, include: ["src/**/*.test-d.ts"], tsconfig: "./tsconfig.json" },
        },
      },
      {
        test: { name: "scripts", include: ["scripts/**/*.test.ts", "bench/**/*.test.ts"] },
      },
      {
        test: { name: "cli", include: ["cli-tests/**/*.test.ts"] },
      },
      {
        test: {
          name: "contract",
          include: ["contract-tests/**/*.test.ts"],
          globalSetup: ["contract-tests/setup/mock-server.ts"],
        },
      },
    ],
  },
});
