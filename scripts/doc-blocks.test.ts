import { describe, expect, it } from "vitest";
import { blockProblems, readDocs, withBlocks } from "./lib/doc-blocks.ts";
import { signInBlocks } from "./lib/sign-in-tables.ts";

const docs = await readDocs();
const holder = Object.keys(docs).find((name) => docs[name]!.includes("<!-- gdap-roles:"))!;

describe("the docs' tables of roles and refusal hints", () => {
  it("are the code's: the roles from the spec's x-gdap-roles, the hints the error line adds", () => {
    expect(blockProblems(docs, signInBlocks)).toEqual([]);
  });

  it("fail naming the table and the line when a role is spelt otherwise in the doc", () => {
    const respelt = { ...docs, [holder]: docs[holder]!.replace("| Directory Readers, Global Reader", "| Directory Reader, Global Reader") };
    expect(blockProblems(respelt, signInBlocks)).toEqual([expect.stringMatching(/^gdap-roles in .* has drifted: line 4 is .*Directory Reader, Global Reader/)]);
  });

  it("fail when a hint in the doc differs from the code's", () => {
    const drifted = { ...docs, [holder]: docs[holder]!.replace("auth status shows mfa yes)", "auth status shows mfa: yes)") };
    expect(blockProblems(drifted, signInBlocks)).toEqual([expect.stringMatching(/^refusal-hints in .* has drifted: line \d+ is .*mfa: yes/)]);
  });

  it("fail when no doc holds a table's markers, or two do", () => {
    const without = Object.fromEntries(Object.entries(docs).map(([name, text]) => [name, text.replace("<!-- /gdap-roles -->", "")]));
    expect(blockProblems(without, signInBlocks)).toEqual(["gdap-roles: no doc holds its markers"]);
    const twice = { ...docs, "docs/copy.md": docs[holder]! };
    expect(blockProblems(twice, signInBlocks)).toEqual([`gdap-roles: held by ${holder} and docs/copy.md`, `refusal-hints: held by ${holder} and docs/copy.md`]);
  });

  it("are written back as the code has them by npm run generate (withBlocks)", () => {
    const respelt = docs[holder]!.replace("| Directory Readers, Global Reader", "| Directory Reader, Global Reader");
    expect(withBlocks(respelt, signInBlocks)).toBe(docs[holder]);
  });
});
