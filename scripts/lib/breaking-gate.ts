// The breaking-change gate: the spec against the last release, judged by the version in
// package.json. Returns its whole report, so tests can read exactly what a person sees.
import { relative } from "node:path";
import { diffSpecs, type SpecChange } from "./spec-diff.ts";
import { allowsBreaking, breakingBump, bumpCommand, isOlder, versionRule, type Release } from "./release.ts";
import { projectRoot } from "./spec.ts";

export interface GateInput {
  readonly release: Release;
  /** The spec as it is now. */
  readonly specPath: string;
  /** package.json's version. */
  readonly version: string;
}

export interface GateResult {
  readonly passed: boolean;
  readonly output: string;
}

const shown = (path: string) => (path.startsWith(projectRoot) ? relative(projectRoot, path) : path);

/** One breaking change: what changed, then whom it breaks and how. */
function breakingLines(change: SpecChange): string[] {
  return [`  ✗ ${change.operation}: ${change.change}`, `      breaks ${change.breaks.join(" and ")}: ${change.why}`];
}

/** The non-breaking changes as a changelog-ready Markdown list. */
export function changelog(changes: readonly SpecChange[]): string[] {
  return changes.map((change) => `- ${change.operation}: ${change.change}`);
}

export async function runGate({ release, specPath, version }: GateInput): Promise<GateResult> {
  const lines = [
    `check:breaking: ${shown(specPath)} against release ${release.version} (${shown(release.specPath)}); package.json is ${version}`,
    `Rule: ${versionRule}.`,
  ];
  if (isOlder(version, release.version)) {
    lines.push("", `package.json's version ${version} is older than the recorded release ${release.version} (openapi/released/release.json).`);
    return { passed: false, output: lines.join("\n") };
  }
  const { breaking, nonBreaking } = await diffSpecs(release.specPath, specPath);
  const allowed = allowsBreaking(release.version, version);
  if (breaking.length > 0) {
    lines.push(
      "",
      allowed
        ? `Breaking changes (${breaking.length}), allowed: ${release.version} → ${version} is a breaking bump under that rule. Put ${breaking.length === 1 ? "it" : "them"} in the release notes:`
        : `Breaking changes (${breaking.length}), not allowed: ${release.version} → ${version} is not a breaking bump (a break needs ${breakingBump(release.version)} or later):`,
      ...breaking.flatMap(breakingLines),
    );
  }
  if (nonBreaking.length > 0) lines.push("", `Not breaking (${nonBreaking.length}), for the changelog:`, ...changelog(nonBreaking));
  if (breaking.length === 0 && nonBreaking.length === 0) lines.push("", `No change to the contract since ${release.version}.`);
  const passed = breaking.length === 0 || allowed;
  lines.push(
    "",
    passed
      ? "check:breaking passed."
      : `check:breaking failed: ${breaking.length} breaking change${breaking.length === 1 ? "" : "s"} since ${release.version}. ` +
          `Undo ${breaking.length === 1 ? "it" : "them"}, or release ${breaking.length === 1 ? "it" : "them"} as ${breakingBump(release.version)}: ${bumpCommand(release.version)}`,
  );
  return { passed, output: lines.join("\n") };
}
