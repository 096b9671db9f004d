// The relative links of the README and docs/*.md, and whether each resolves: to a file of the
// project and, for a page#anchor, to a heading of that page as GitHub renders its anchor.
import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, normalize } from "node:path";
import GithubSlugger from "github-slugger";
import { Lexer, type Token, type Tokens } from "marked";

/** The project's documentation pages, by path from the root: README.md and docs/*.md. */
export async function readDocPages(root: string): Promise<Map<string, string>> {
  const docs = (await readdir(join(root, "docs"))).filter((name) => name.endsWith(".md")).sort();
  const paths = ["README.md", ...docs.map((name) => `docs/${name}`)];
  return new Map(await Promise.all(paths.map(async (path) => [path, await readFile(join(root, path), "utf8")] as const)));
}

function* walk(tokens: readonly Token[]): Generator<Token> {
  for (const token of tokens) {
    yield token;
    const nested = token as { tokens?: Token[]; items?: Token[]; header?: { tokens: Token[] }[]; rows?: { tokens: Token[] }[][] };
    if (nested.tokens) yield* walk(nested.tokens);
    if (nested.items) yield* walk(nested.items);
    for (const cell of [...(nested.header ?? []), ...(nested.rows ?? []).flat()]) yield* walk(cell.tokens);
  }
}

/** A heading's text as rendered (code spans without their backticks, links by their text). */
function plain(tokens: readonly Token[]): string {
  return tokens.map((token) => ("tokens" in token && token.tokens ? plain(token.tokens) : "text" in token ? token.text : "")).join("");
}

/** The anchors GitHub gives a page's headings (a repeated heading gets -1, -2 …). */
export function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const token of walk(Lexer.lex(markdown))) {
    if (token.type === "heading") anchors.add(slugger.slug(plain((token as Tokens.Heading).tokens)));
  }
  return anchors;
}

/** Every link and image target of a page, outside code. */
export function linksOf(markdown: string): string[] {
  const links: string[] = [];
  for (const token of walk(Lexer.lex(markdown))) {
    if (token.type === "link" || token.type === "image") links.push((token as Tokens.Link).href);
  }
  return links;
}

const external = /^[a-z][a-z0-9+.-]*:|^\/\//i;

/**
 * One line per relative link that does not resolve, naming the page, the link and why. `exists`
 * answers for files that are not among the pages (LICENSE, examples/…).
 */
export function linkProblems(pages: ReadonlyMap<string, string>, exists: (path: string) => boolean): string[] {
  const anchors = new Map([...pages].map(([path, text]) => [path, anchorsOf(text)]));
  const problems: string[] = [];
  for (const [page, text] of pages) {
    for (const link of linksOf(text)) {
      if (external.test(link)) continue;
      const [file = "", anchor] = link.split("#", 2);
      const target = file === "" ? page : normalize(join(dirname(page), decodeURIComponent(file)));
      if (target.startsWith("..")) problems.push(`${page}: ${link} points outside the project`);
      else if (!pages.has(target) && !exists(target)) problems.push(`${page}: ${link}: no file ${target}`);
      else if (anchor !== undefined && !target.endsWith(".md")) problems.push(`${page}: ${link}: an anchor into ${target}, which is not a page`);
      else if (anchor !== undefined && !anchors.get(target)?.has(anchor)) {
        problems.push(`${page}: ${link}: ${target} has no heading whose anchor is #${anchor}`);
      }
    }
  }
  return problems;
}

/** The same, for the project on disk. */
export async function projectLinkProblems(root: string): Promise<string[]> {
  return linkProblems(await readDocPages(root), (path) => existsSync(join(root, path)));
}
