// docs/cli.md's list of `update` field options, between markers: written by `npm run generate`
// from the same FieldOption list the CLI's --help prints (src/cli/patch.ts, from the spec), and
// checked by check:generated. Generated rather than hand-kept: the list is --help's own text, so a
// person could only ever copy it; the check still names each option that differs, with its limits.
import type { FieldOption } from "../../src/cli/patch.ts";
import { findBlock, markers } from "./doc-blocks.ts";

/** The page that holds the list, from the project's root. */
export const optionsPage = "docs/cli.md";

const optionsBlock = { name: "update-field-options", source: "the spec" };
export const { begin, end } = markers(optionsBlock);

type Option = Pick<FieldOption, "flags" | "description">;

const width = (options: readonly Option[]) => Math.max(...options.map((option) => option.flags.length)) + 2;

/** The block as it belongs in the page: a fenced copy of those lines of `update --help`. */
export function renderOptions(options: readonly Option[]): string {
  const pad = width(options);
  return [begin, "```text", ...options.map((option) => `${option.flags.padEnd(pad)}${option.description}`), "```", end].join("\n");
}

const block = (page: string) => findBlock(page, optionsBlock);

/** The page with its block replaced by the current options. */
export function withOptions(page: string, options: readonly Option[]): string {
  const found = block(page);
  if (!found) throw new Error(`${optionsPage} has no ${begin} … ${end} block`);
  return page.slice(0, found.start) + renderOptions(options) + page.slice(found.stop);
}

/** Every way the page's list differs from the options: one line each, naming the option and its limits. */
export function optionProblems(page: string, options: readonly Option[]): string[] {
  const found = block(page);
  if (!found) return [`${optionsPage} has no ${begin} … ${end} block`];
  const listed = new Map<string, string>();
  for (const line of page.slice(found.start, found.stop).split("\n")) {
    const match = /^(--\S+(?: <[^>]+>)?) {2,}(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) listed.set(match[1], match[2]);
  }
  const problems: string[] = [];
  for (const option of options) {
    const described = listed.get(option.flags);
    if (described === undefined) problems.push(`missing ${option.flags}: ${option.description}`);
    else if (described !== option.description) problems.push(`stale ${option.flags}: ${optionsPage} says "${described}", the spec gives "${option.description}"`);
  }
  for (const flags of listed.keys()) {
    if (!options.some((option) => option.flags === flags)) problems.push(`${flags} is listed but the spec has no such field any more`);
  }
  if (problems.length === 0 && page.slice(found.start, found.stop) !== renderOptions(options)) problems.push("the block's layout differs");
  return problems;
}
