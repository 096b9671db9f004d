import { describe, expect, it } from "vitest";
import { anchorsOf, linkProblems, projectLinkProblems, readDocPages } from "./lib/doc-links.ts";
import { projectRoot } from "./lib/spec.ts";

const pages = await readDocPages(projectRoot);
const readme = pages.get("README.md") ?? "";
const noOtherFiles = () => false;

describe("the README and docs/*.md", () => {
  it("have every relative link and anchor resolving", async () => {
    expect(await projectLinkProblems(projectRoot)).toEqual([]);
  });

  it("are all linked from the README", () => {
    const unlinked = [...pages.keys()].filter((page) => page !== "README.md" && !readme.includes(`](${page})`));
    expect(unlinked).toEqual([]);
  });

  it("keep the README a front door: at most 300 lines", () => {
    expect(readme.split("\n").length).toBeLessThanOrEqual(300);
  });
});

describe("the link check", () => {
  const page = (text: string) => new Map([["README.md", text], ["docs/a.md", "# A\n\n## One user: `update <customer-id> <user>`\n\nSee [back](../README.md#top).\n"]]);

  it("takes GitHub's anchors: punctuation and code marks dropped, a repeated heading numbered", () => {
    expect([...anchorsOf("# Top\n## One user: `update <customer-id> <user>`\n## Errors\n## Errors\n```sh\n# not a heading\n```\n")]).toEqual([
      "top",
      "one-user-update-customer-id-user",
      "errors",
      "errors-1",
    ]);
  });

  it("passes links that resolve, and ignores links in code and to other sites", () => {
    expect(linkProblems(page("# Top\n[a](docs/a.md#one-user-update-customer-id-user) [b](#top) `[c](nowhere.md)` [d](https://example.com/x.md)\n"), noOtherFiles)).toEqual([]);
  });

  it("names a link to a missing file", () => {
    expect(linkProblems(page("# Top\n[a](docs/b.md)\n"), noOtherFiles)).toEqual(["README.md: docs/b.md: no file docs/b.md"]);
  });

  it("names an anchor no heading has, on the same page or another", () => {
    expect(linkProblems(page("# Top\n[a](#signing-in) [b](docs/a.md#one-user-update-customer-id-user-id)\n"), noOtherFiles)).toEqual([
      "README.md: #signing-in: README.md has no heading whose anchor is #signing-in",
      "README.md: docs/a.md#one-user-update-customer-id-user-id: docs/a.md has no heading whose anchor is #one-user-update-customer-id-user-id",
    ]);
  });

  it("names a link out of the project", () => {
    expect(linkProblems(page("# Top\n[a](../elsewhere.md)\n"), noOtherFiles)).toEqual(["README.md: ../elsewhere.md points outside the project"]);
  });
});
