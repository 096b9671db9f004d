// vitest global setup for the contract project: one Prism mock per test run, serving the spec at
// scripts/lib/spec.ts `specPath` (PARTNER_CENTER_SPEC when set, so scripts/mutate-spec.ts can
// swap in a broken copy). Test files read its URL with `inject("mockUrl")`. The teardown stops
// the mock by the pid it started, whether the tests passed or failed; src/cli/mock-server.ts also
// kills it if the run is interrupted.
import type { TestProject } from "vitest/node";
import { isRunning, startPrism } from "../../src/cli/mock-server.ts";
import { specPath } from "../../scripts/lib/spec.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** The Prism mock's base URL, e.g. `http://127.0.0.1:41234`. */
    mockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const prism = await startPrism({ specPath, mode: "mock" });
  project.provide("mockUrl", prism.url);
  return async () => {
    // A mock that died mid-run makes tests fail with "connection refused"; its log says why.
    const diedEarly = !isRunning(prism.pid);
    await prism.stop();
    if (diedEarly) throw new Error(`the Prism mock exited during the test run. The end of its output:\n${prism.log().slice(-4000)}`);
  };
}
