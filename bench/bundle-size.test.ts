import { describe, expect, it } from "vitest";
import { bundleBudgetBytes, measureBundleSize } from "./bundle-size.ts";

describe("bundle size budget", () => {
  it(`keeps the whole public API (all of src/index.ts), bundled with openapi-fetch, minified and gzipped, within ${bundleBudgetBytes} bytes`, async () => {
    const { library, openapiFetchAlone } = await measureBundleSize();
    // The measurement itself must see the whole dependency: the library bundle contains openapi-fetch.
    expect(library.gzipped).toBeGreaterThan(openapiFetchAlone.gzipped);
    expect(library.gzipped).toBeLessThanOrEqual(bundleBudgetBytes);
  });
});
