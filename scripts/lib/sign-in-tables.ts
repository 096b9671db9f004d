// The docs' two tables of what a refused user should do — the GDAP roles per operation and the
// hint per refusal — written from the data the CLI's error line uses (src/cli/auth/hints.ts, its
// roles from the spec's x-gdap-roles). Import it after generated/ is written: it reads it.
import { refusalHints, roleRows } from "../../src/cli/auth/hints.ts";
import { errorLine } from "../../src/cli/messages.ts";
import { programName } from "../../src/cli/run-end.ts";
import type { DocBlock } from "./doc-blocks.ts";

const table = (header: readonly string[], rows: readonly (readonly string[])[]) =>
  [header, header.map(() => "---"), ...rows].map((cells) => `| ${cells.join(" | ")} |`).join("\n");

export const signInBlocks: readonly DocBlock[] = [
  {
    name: "gdap-roles",
    source: "the spec's x-gdap-roles",
    render: () => table(["operation", "commands", "GDAP roles (any one)"], roleRows.map((row) => [row.operation, row.commands, row.roles.join(", ")])),
  },
  {
    name: "refusal-hints",
    source: "src/cli/auth/hints.ts",
    render: () => {
      const example = errorLine({ status: 401, code: 900421, description: "Multi-factor authentication is required for this request.", requestId: "…", correlationId: "…" });
      return [
        "The error line ends with `— <meaning>: <what to do>`:",
        "",
        table(
          ["answer", "meaning", "what to do"],
          refusalHints.map((hint) => [`${hint.status}, ${hint.code === undefined ? "any other code" : `code ${hint.code}`}`, hint.meaning, hint.todo]),
        ),
        "",
        `For example: \`${programName}: ${example}\`.`,
      ].join("\n");
    },
  },
];
