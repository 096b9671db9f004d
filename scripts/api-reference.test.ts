// `npm run docs` builds the API reference, one static HTML page of the spec (Redocly's build-docs),
// and every operation of the spec renders on it in a real browser: headless Chromium, with the
// network cut off, so the page is shown to stand on its own. Screenshots stay in api-reference/.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
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

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

const noChromium =
  "headless Chromium is needed to check the API reference page, and none was found (chromium or chromium-browser on PATH, or $CHROMIUM_PATH). " +
  "Install it: apt-get install -y chromium (Debian; sudo if not root), or set CHROMIUM_PATH to a Chromium or Chrome binary";

/** Every operation of the spec, as the page must show it. */
const spec = await loadSpec();
const operations = Object.entries(spec.paths).flatMap(([path, item]) =>
  (["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const).flatMap((method) => {
    const operation = item?.[method];
    return operation ? [{ method: method.toUpperCase(), path, id: operation.operationId ?? "", summary: operation.summary ?? "", tag: operation.tags?.[0] ?? "" }] : [];
  }),
);

describe("the API reference page", { timeout: 120_000 }, () => {
  let browser: Browser | undefined;
  let tab: Page | undefined;
  const blocked: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    await promisify(execFile)("npm", ["run", "docs"], { cwd: projectRoot });
    await mkdir(screenshots, { recursive: true });
    // Without Chromium each check below fails, saying how to install it: never a silent skip.
    const executablePath = findChromium();
    if (!executablePath) return;
    browser = await chromium.launch({ executablePath, headless: true });
    // One page for every operation, as a reader uses it: loaded once, then entry after entry of its menu.
    tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    tab.setDefaultTimeout(20_000);
    await tab.route("**/*", (route) => {
      if (route.request().url().startsWith("file:")) return route.continue();
      blocked.push(route.request().url());
      return route.abort();
    });
    tab.on("pageerror", (error) => errors.push(error.message));
    await tab.goto(pathToFileURL(page).href, { waitUntil: "load" });
  }, 120_000);
  afterAll(() => browser?.close());

  it("lists the operations of the spec (each with an operationId, a summary and a tag)", () => {
    expect(operations.length).toBeGreaterThan(0);
    expect(operations.filter((operation) => !operation.id || !operation.summary || !operation.tag)).toEqual([]);
  });

  it.each(operations)("shows $method $path ($id) when its entry in the menu is chosen, with no network", async (operation) => {
    if (!browser || !tab) throw new Error(noChromium);
    // The menu holds each operation under its tag, folded: open the tag when the entry is hidden.
    const menu = tab.getByTestId("menu-item-label");
    const entry = menu.filter({ hasText: new RegExp(`^\\s*${escaped(operation.summary)}`) }).first();
    if (!(await entry.isVisible())) await menu.filter({ hasText: new RegExp(`^\\s*${escaped(operation.tag)}\\s*$`) }).first().click();
    await entry.click();
    const section = tab.locator(`[data-section-id$="/${operation.id.toLowerCase()}"]`).first();
    await section.waitFor({ state: "visible" });
    const text = await section.innerText();
    expect(text).toContain(operation.summary);
    expect(text).toContain(operation.method);
    expect(text).toContain(operation.path);
    await section.screenshot({ path: join(screenshots, `${operation.id}.png`) });
  });

  it("runs without a script error, and asks for nothing off the page but Redoc's badge", () => {
    if (!browser) throw new Error(noChromium);
    expect(errors).toEqual([]);
    // Redoc's "API docs by Redocly" badge loads its logo from its CDN; blocked, the page is whole.
    expect(blocked.filter((url) => url !== "https://cdn.redoc.ly/redoc/logo-mini-full.svg")).toEqual([]);
  });
});
