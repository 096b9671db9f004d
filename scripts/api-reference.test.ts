// `npm run docs` builds the API reference, one static HTML page of the spec (Redocly's build-docs),
// and every operation of the spec renders on it in a real browser: headless Chromium, with the
// network cut off, so the page is shown to stand on its own. Screenshots stay in api-reference/.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, projectRoot } from "./lib/spec.ts";

const page = join(projectRoot, "api-reference/index.html");
const screenshots = join(projectRoot, "api-reference/screenshots");

/** The system's Chromium: $CHROMIUM_PATH, or chromium / chromium-browser on PATH. */
function findChromium(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env["CHROMIUM_PATH"]) return existsSync(env["CHROMIUM_PATH"]) ? env["CHROMIUM_PATH"] : undefined;
  const folders = (env["PATH"] ?? "").split(delimiter).filter(Boolean);
  return ["chromium", "chromium-browser"].flatMap((name) => folders.map((folder) => join(folder, name))).find((path) => existsSync(path));
}

const noChromium =
  "headless Chromium is needed to check the API reference page, and none was found (chromium or chromium-browser on PATH, or $CHROMIUM_PATH). " +
  "Install it: apt-get install -y chromium (Debian; sudo if not root), or set CHROMIUM_PATH to a Chromium or Chrome binary";

/** Every operation of the spec, as the page must show it. */
const spec = await loadSpec();
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  (["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const).flatMap((method) => {
    const operation = item?.[method];
    return operation ? [{ method: method.toUpperCase(), path, id: operation.operationId ?? "", summary: operation.summary ?? "" }] : [];
  }),
);

describe("the API reference page", { timeout: 120_000 }, () => {
  let browser: Browser | undefined;
  const blocked: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    await promisify(execFile)("npm", ["run", "docs"], { cwd: projectRoot });
    await mkdir(screenshots, { recursive: true });
    // Without Chromium each check below fails, saying how to install it: never a silent skip.
    const executablePath = findChromium();
    if (executablePath) browser = await chromium.launch({ executablePath, headless: true });
  });
  afterAll(() => browser?.close());

  it("lists the operations of the spec (each with an operationId and a summary)", () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((operation) => !operation.id || !operation.summary)).toEqual([]);
  });

  it.each(operations)("shows $method $path ($id) when its entry in the menu is chosen, with no network", async (operation) => {
    if (!browser) throw new Error(noChromium);
    const tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    tab.setDefaultTimeout(20_000);
    try {
      await tab.route("**/*", (route) => {
        if (route.request().url().startsWith("file:")) return route.continue();
        blocked.push(route.request().url());
        return route.abort();
      });
      tab.on("pageerror", (error) => errors.push(`${operation.id}: ${error.message}`));
      await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
      // The menu holds each operation under its tag, folded: open the tags, then choose the operation.
      for (const tag of spec.tags ?? []) await tab.getByText(tag.name, { exact: true }).first().click();
      const startsWithSummary = new RegExp(`^\\s*${operation.summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`);
      await tab.getByTestId("menu-item-label").filter({ hasText: startsWithSummary }).first().click();
      const section = tab.locator(`[data-section-id$="/${operation.id.toLowerCase()}"]`).first();
      await section.waitFor({ state: "visible" });
      const text = await section.innerText();
      expect(text).toContain(operation.summary);
      expect(text).toContain(operation.method);
      expect(text).toContain(operation.path);
      await section.screenshot({ path: join(screenshots, `${operation.id}.png`) });
    } finally {
      await tab.close();
    }
  });

  it("runs without a script error", () => {
    if (!browser) throw new Error(noChromium);
    expect(errors).toEqual([]);
  });
});
