// What a run loads before its command needs more: dist/cli.js and every chunk it imports statically
// (esbuild writes the lazy ones as `import("./cli/…")`, which load only when called). MSAL alone
// weighs more than the rest of the CLI: `--help` and `get` must not pay for it. Structural, not
// timed (timings are npm run bench's: "CLI start-up").
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { cliPath } from "./support/run-cli.ts";

// A static `import … from "./x.js"` or `import "./x.js"`; a dynamic `import("./x.js")` has a parenthesis.
const staticImport = /\bimport\s*(?:[\w$*{},\s]*?\bfrom\s*)?"(\.\.?\/[^"]+)"/g;

/** The files a run loads before any lazy import: `entries` and, transitively, what they import statically. */
function staticallyLoaded(entries: readonly string[]): Set<string> {
  const loaded = new Set<string>();
  const visit = (file: string) => {
    if (loaded.has(file)) return;
    loaded.add(file);
    for (const [, target] of readFileSync(file, "utf8").matchAll(staticImport)) visit(resolve(dirname(file), target as string));
  };
  for (const entry of entries) visit(entry);
  return loaded;
}

const chunks = join(dirname(cliPath), "cli");
const chunk = (prefix: string) => join(chunks, readdirSync(chunks).find((name) => name.startsWith(`${prefix}-`)) ?? `${prefix}-missing`);
// esbuild marks the code of each package it bundles with a `// node_modules/<package>/…` comment.
const holds = (packagePath: string) => (file: string) => readFileSync(file, "utf8").includes(`// node_modules/${packagePath}`);
const isMsal = holds("@azure/msal-");

describe("CLI start-up", () => {
  it("ships MSAL in a chunk of its own, loaded by the commands that sign in with it", () => {
    const withMsal = readdirSync(chunks).filter((name) => isMsal(join(chunks, name)));
    expect(withMsal).toEqual([expect.stringMatching(/^entra-/)]);
  });

  it("loads no MSAL for --help (nor any command) before the command runs", () => {
    const loaded = [...staticallyLoaded([cliPath])];
    expect(loaded.length).toBeGreaterThan(1); // the chunks are found, not just the entry
    expect(loaded.filter(isMsal)).toEqual([]);
  });

  it("loads neither the bulk run's CSV reader nor its progress bar for --help", () => {
    const loaded = [...staticallyLoaded([cliPath])];
    expect(loaded.filter(holds("csv-parse/"))).toEqual([]);
    expect(loaded.filter(holds("cli-progress/"))).toEqual([]);
    expect([...staticallyLoaded([chunk("update-many")])].filter(holds("cli-progress/")).length).toBeGreaterThan(0);
  });

  it("loads no MSAL for get, list, update or update-many given a token", () => {
    for (const command of ["find", "update", "update-many"]) {
      expect([...staticallyLoaded([cliPath, chunk(command)])].filter(isMsal), command).toEqual([]);
    }
  });
});
