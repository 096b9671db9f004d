// The README's list of `update` field options, between markers: written by `npm run generate`
// from the same FieldOption list the CLI's --help prints (src/cli/patch.ts, from the spec), and
// checked by check:generated. Generated rather than hand-kept: the list is --help's own text, so a
// person could only ever copy it; the check still names each option that differs, with its limits.
import type { FieldOption } from "../../src/cli/patch.ts";
import { findBlock, markers } from "./doc-blocks.ts";

const optionsBlock = { name: "update-field-options", source: "the spec" };
export const { begin, end } = markers(optionsBlock);

type Option = Pick<FieldOption, "flags" | "description">;

const width = (options: readonly Option[]) => Math.max(...options.map((option) => option.flags.length)) + 2;

/** The block as it belongs in the README: a fenced copy of those lines of `update --help`. */
export function renderOptions(options: readonly Option[]): string {
  const pad = width(options);
  return [begin, "```text", ...options.map((option) => `${option.flags.padEnd(pad)}${option.description}`), "```", end].join("\n");
}

const block = (readme: string) => findBlock(readme, optionsBlock);

/** The README with its block replaced by the current options. */
export function withOptions(readme: string, options: readonly Option[]): string {
  const found = block(readme);
  if (!found) throw new Error(`README.md has no ${begin} … ${end} block`);
  return readme.slice(0, found.start) + renderOptions(options) + readme.slice(found.stop);
}

/** Every way the README's list differs from the options: one line each, naming the option and its limits. */
export function optionProblems(readme: string, options: readonly Option[]): string[] {
  const found = block(readme);
  if (!found) return [`README.md has no ${begin} … ${end} block`];
  const listed = new Map<string, string>();
  for (const line of readme.slice(found.start, found.stop).split("\n")) {
    const match = /^(--\S+(?: <[^>]+>)?) {2,}(.*)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) listed.set(match[1], match[2]);
  }
  const problems: string[] = [];
  for (const option of options) {
    const described = listed.get(option.flags);
    if (described === undefined) problems.push(`missing ${option.flags}: ${option.description}`);
    else if (described !== option.description) problems.push(`stale ${option.flags}: README says "${described}", the spec gives "${option.description}"`);
  }
  for (const flags of listed.keys()) {
    if (!options.some((option) => option.flags === flags)) problems.push(`${flags} is listed but the spec has no such field any more`);
  }
  if (problems.length === 0 && readme.slice(found.start, found.stop) !== renderOptions(options)) problems.push("the block's layout differs");
  return problems;
}
