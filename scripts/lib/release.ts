// The last release, as the repository itself records it: a copy of the spec as released plus its
// version (openapi/released/release.json). Not a git tag: CI clones may be shallow or tagless, and
// a file is there in every checkout, reviewed in the same diff as the release that changes it.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { projectRoot } from "./spec.ts";

export const releasedDir = join(projectRoot, "openapi/released");

export interface Release {
  readonly version: string;
  /** The released spec, an absolute path. */
  readonly specPath: string;
}

export async function readRelease(dir = releasedDir): Promise<Release> {
  const note = JSON.parse(await readFile(join(dir, "release.json"), "utf8")) as { version?: unknown; spec?: unknown };
  if (typeof note.version !== "string" || typeof note.spec !== "string") {
    throw new Error(`${join(dir, "release.json")} needs "version" and "spec" (the released spec's file name)`);
  }
  parseVersion(note.version);
  return { version: note.version, specPath: join(dir, note.spec) };
}

export async function packageVersion(): Promise<string> {
  const manifest = JSON.parse(await readFile(join(projectRoot, "package.json"), "utf8")) as { version?: unknown };
  if (typeof manifest.version !== "string") throw new Error("package.json has no version");
  return manifest.version;
}

type Triple = readonly [major: number, minor: number, patch: number];

/** `1.2.3` (a pre-release or build suffix is ignored: it sorts with its version here). */
export function parseVersion(version: string): Triple {
  const match = /^(\d+)\.(\d+)\.(\d+)(?:[-+].*)?$/.exec(version);
  if (!match) throw new Error(`"${version}" is not a semantic version`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

function compare(a: Triple, b: Triple): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * The rule this gate follows, said once for the output and docs/regenerating.md: npm's caret range, which is
 * what a consumer's `npm install partner-center-users` writes (`^0.1.0`). A version the caret range
 * of the release does not reach may break; one it reaches may not.
 */
export const versionRule =
  "npm's caret (^) rule: from 1.0.0 a breaking change needs a new major (^1.2.3 stops before 2.0.0); " +
  "below 1.0.0 the minor is the major (^0.1.0 stops before 0.2.0), and below 0.1.0 every release is (^0.0.3 is 0.0.3 only)";

/** The first version the released version's caret range does not reach: the smallest breaking bump. */
export function breakingBump(released: string): string {
  const [major, minor, patch] = parseVersion(released);
  if (major > 0) return `${major + 1}.0.0`;
  if (minor > 0) return `0.${minor + 1}.0`;
  return `0.0.${patch + 1}`;
}

/** The `npm version` word for that bump. */
export function bumpCommand(released: string): string {
  const [major, minor] = parseVersion(released);
  return `npm version ${major > 0 ? "major" : minor > 0 ? "minor" : "patch"} --no-git-tag-version`;
}

export function allowsBreaking(released: string, current: string): boolean {
  return compare(parseVersion(current), parseVersion(breakingBump(released))) >= 0;
}

export function isOlder(current: string, released: string): boolean {
  return compare(parseVersion(current), parseVersion(released)) < 0;
}
