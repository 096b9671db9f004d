// Blocks of the docs written from the data the code uses, between markers: `npm run generate`
// writes them (withBlocks) and check:generated fails when one has drifted (blockProblems). Each
// block is found in whichever doc holds its markers (README.md, docs/*.md), exactly once.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "./spec.ts";

export interface DocBlock {
  readonly name: string;
  /** What it is written from, for the marker. */
  readonly source: string;
  /** The text between the markers. */
  readonly render: () => string;
}

export function markers(block: Pick<DocBlock, "name" | "source">): { begin: string; end: string } {
  return { begin: `<!-- ${block.name}: written by \`npm run generate\` from ${block.source}; do not edit -->`, end: `<!-- /${block.name} -->` };
}

/** Where the block is in `text` (the markers included), if it is there. */
export function findBlock(text: string, block: Pick<DocBlock, "name" | "source">): { start: number; stop: number } | undefined {
  const { begin, end } = markers(block);
  const start = text.indexOf(begin);
  const stop = text.indexOf(end, start);
  return start === -1 || stop === -1 ? undefined : { start, stop: stop + end.length };
}

export function renderBlock(block: DocBlock): string {
  const { begin, end } = markers(block);
  return `${begin}\n${block.render()}\n${end}`;
}

/** `text` with each of the blocks it holds written anew. */
export function withBlocks(text: string, blocks: readonly DocBlock[]): string {
  for (const block of blocks) {
    const found = findBlock(text, block);
    if (found) text = text.slice(0, found.start) + renderBlock(block) + text.slice(found.stop);
  }
  return text;
}

/** Every way the docs differ from the blocks: a block missing, held twice, or drifted (with its first differing line). */
export function blockProblems(docs: Readonly<Record<string, string>>, blocks: readonly DocBlock[]): string[] {
  const problems: string[] = [];
  for (const block of blocks) {
    const holders = Object.entries(docs).filter(([, text]) => findBlock(text, block) !== undefined);
    if (holders.length !== 1) {
      problems.push(`${block.name}: ${holders.length === 0 ? "no doc holds its markers" : `held by ${holders.map(([name]) => name).join(" and ")}`}`);
      continue;
    }
    const [name, text] = holders[0]!;
    const found = findBlock(text, block)!;
    const actual = text.slice(found.start, found.stop).split("\n");
    const expected = renderBlock(block).split("\n");
    const line = expected.findIndex((wanted, i) => actual[i] !== wanted);
    if (line !== -1 || actual.length !== expected.length) {
      const at = line === -1 ? expected.length : line;
      problems.push(`${block.name} in ${name} has drifted: line ${at + 1} is ${JSON.stringify(actual[at] ?? "(none)")}, the code gives ${JSON.stringify(expected[at] ?? "(none)")}`);
    }
  }
  return problems;
}

/** README.md and every docs/*.md, by their path in the project. */
export async function readDocs(root = projectRoot): Promise<Record<string, string>> {
  const names = ["README.md", ...(await readdir(join(root, "docs")).catch(() => [] as string[])).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`)];
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await readFile(join(root, name), "utf8")] as const)));
}
