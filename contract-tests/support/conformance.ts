// Every response the mock gave in a test file conforms to the spec (response-violations.ts).
import { describe, expect, it } from "vitest";
import { loadDereferencedSpec } from "../../scripts/lib/spec.ts";
import { exchanges } from "./mock.ts";
import { responseViolations } from "./response-violations.ts";

export { responseViolations };

/**
 * Registers, at the end of a test file, the check that every response the mock returned in that
 * file conforms to the spec. Call it last: vitest runs a file's tests in order.
 */
export function checkEveryResponseConforms(): void {
  describe("every response the mock returned in this file", () => {
    it("conforms to the spec's schema for its status", async () => {
      expect(exchanges.length, "responses recorded in this file").toBeGreaterThan(0);
      const spec = await loadDereferencedSpec();
      const violations = exchanges.flatMap(({ request, response }) =>
        responseViolations(spec, request, response).map((violation) => `${request.method} ${request.url}: ${violation}`),
      );
      expect(violations).toEqual([]);
    });
  });
}
