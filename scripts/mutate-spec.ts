// `npm run test:mutations`: shows the contract suite can fail. It makes broken copies of the spec
// (one mistake each), runs the contract tests against each copy (PARTNER_CENTER_SPEC points the
// mock and the tests at it, while generated/ and src/ stay as committed: the point is to catch a
// spec that no longer matches the client), and fails if any broken copy passes. The unbroken spec,
// copied the same way, must pass first — otherwise every copy would "fail" for nothing.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { defaultSpecPath, projectRoot } from "./lib/spec.ts";

/**
 * One text edit of the spec: in the YAML block that starts at the line `within` (which must occur
 * once; the block ends at the next line indented no deeper), the first `from` becomes `to`. Text
 * edits keep the copy's formatting, which the spec tests' own text edits rely on.
 */
interface Edit {
  readonly within: string;
  readonly from: string;
  readonly to: string;
  /** The path item to look in, when `within` occurs under more than one (every operation has a `    post:` or `    patch:`). */
  readonly path?: string;
}

interface Mutation {
  readonly name: string;
  readonly edits?: readonly Edit[];
  /** For a mistake that is no text replacement (an operation moved): the whole text, changed. */
  readonly transform?: (spec: string, misfit: (why: string) => Error) => string;
}

const q = (text: string) => JSON.stringify(text);
const usersPath = "/v1/customers/{customer-tenant-id}/users";
const userPath = `${usersPath}/{user-id}`;
const rolePath = "/v1/customers/{customer-tenant-id}/directoryroles/{role-id}/usermembers";

/** PAGE's request-syntax table: the PATCH on …/users, without /{user-id} — the operation moved there whole. */
function patchOnUsersPath(spec: string, misfit: (why: string) => Error): string {
  const start = spec.lastIndexOf("\n    patch:\n") + 1;
  const end = spec.indexOf("\ncomponents:\n") + 1;
  const userPathLine = `  ${userPath}:\n`;
  if (start < 1 || end <= start || spec.lastIndexOf(userPathLine) > start) throw misfit("the PATCH is not the last operation before components, under the user path");
  const without = spec.slice(0, start) + spec.slice(end);
  // The end of the users path item: the next path after it.
  const usersAt = without.indexOf(`\n  ${usersPath}:\n`);
  const next = without.indexOf("\n  /", usersAt + 1) + 1;
  if (usersAt < 0 || next < 1) throw misfit("the users path item is not followed by another path");
  return without.slice(0, next) + spec.slice(start, end) + without.slice(next);
}

const mutations: Mutation[] = [
  {
    name: "renamed property (CustomerUserPatch usageLocation → usageLocale)",
    edits: [{ within: "    CustomerUserPatch:", from: "\n        usageLocation:\n", to: "\n        usageLocale:\n" }],
  },
  {
    name: "changed type (PersonName string → integer)",
    edits: [{ within: "    PersonName:", from: "type: string", to: "type: integer" }],
  },
  {
    name: "PATCH without its user-id path parameter (on …/users, as PAGE's request-syntax table has it)",
    transform: patchOnUsersPath,
  },
  {
    name: "changed status code (PATCH 404 → 410)",
    edits: [{ path: userPath, within: "    patch:", from: `\n        "404":\n`, to: `\n        "410":\n` }],
  },
  {
    name: "removed security requirement (document and PATCH)",
    edits: [
      { within: "security:", from: "security:\n  - appPlusUser:\n      - https://api.partnercenter.microsoft.com/user_impersonation\n", to: "security: []\n" },
      { path: userPath, within: "    patch:", from: "      security:\n        - appPlusUser:\n            - https://api.partnercenter.microsoft.com/user_impersonation\n", to: "" },
    ],
  },
  {
    name: "changed example value (PAGE's 200 example: firstName)",
    edits: [{ path: userPath, within: "    patch:", from: "\n                    firstName: FirstNameChange\n", to: "\n                    firstName: FirstNameChanged\n" }],
  },
  {
    name: "changed example value (PAGE's request example: usageLocation US → GB)",
    edits: [{ path: userPath, within: "      requestBody:", from: "usageLocation: US\n", to: "usageLocation: GB\n" }],
  },
  {
    name: "changed limit (displayName maxLength 256 → 255)",
    edits: [{ within: "    DisplayName:", from: "maxLength: 256", to: "maxLength: 255" }],
  },
  {
    name: "loosened pattern (usageLocation accepts lower case)",
    edits: [{ within: "    UsageLocation:", from: q("^[A-Z]{2}$"), to: q("^[A-Za-z]{2}$") }],
  },
  {
    name: "unknown properties allowed (CustomerUserPatch additionalProperties: true)",
    edits: [{ within: "    CustomerUserPatch:", from: "\n      additionalProperties: false\n", to: "\n      additionalProperties: true\n" }],
  },
  {
    name: "Retry-After no longer documented on 429",
    edits: [{ within: "    TooManyRequests:", from: `      headers:\n        Retry-After:\n          $ref: ${q("#/components/headers/RetryAfter")}\n`, to: "" }],
  },
  {
    name: "dropped optional header (PATCH's MS-CorrelationId)",
    edits: [{ path: userPath, within: "    patch:", from: `        - $ref: ${q("#/components/parameters/MSCorrelationId")}\n`, to: "" }],
  },
  {
    name: "renamed page field (CustomerUserCollection items → users)",
    edits: [{ within: "    CustomerUserCollection:", from: "\n        items:\n          type: array\n", to: "\n        users:\n          type: array\n" }],
  },
  {
    name: "renamed paging header (x-paging continuationTokenHeader MS-ContinuationToken → MS-Continuation-Token)",
    edits: [{ within: "      x-paging: &seekPaging", from: "continuationTokenHeader: MS-ContinuationToken\n", to: "continuationTokenHeader: MS-Continuation-Token\n" }],
  },
  {
    name: "changed seekOperation value (Next → next)",
    edits: [{ path: usersPath, within: "        - name: seekOperation", from: "              - Next\n", to: "              - next\n" }],
  },
  {
    name: "renamed query parameter (filter → filtre)",
    edits: [{ within: "        - name: filter", from: "- name: filter\n", to: "- name: filtre\n" }],
  },
  {
    name: "changed example value (GET's 200 example: displayName)",
    edits: [{ within: "                get:", from: "displayName: Daniel Tsai\n", to: "displayName: Daniel T.\n" }],
  },
  // Issue 20's operations: one mistake each, on its status, route, parameter or answer.
  {
    name: "create answers 201, not CREATE's 200",
    edits: [{ path: usersPath, within: "    post:", from: `\n        "200":\n`, to: `\n        "201":\n` }],
  },
  {
    name: "create no longer requires a password (CustomerUserCreate required: passwordProfile dropped)",
    edits: [{ within: "    CustomerUserCreate:", from: "        - passwordProfile\n", to: "" }],
  },
  {
    name: "delete answers 200, not DELETE's 204",
    edits: [{ path: userPath, within: "    delete:", from: `\n        "204":\n`, to: `\n        "200":\n` }],
  },
  {
    name: "reset password on …/reset-password, not …/resetpassword",
    edits: [{ within: `  ${userPath}/resetpassword:`, from: "/resetpassword:", to: "/reset-password:" }],
  },
  {
    name: "licence group query value in lower case (licenseGroupIds Group1 → group1)",
    edits: [{ within: "    LicenseGroupIds:", from: "            - Group1\n", to: "            - group1\n" }],
  },
  {
    name: "licence update answers 200, not ASSIGN's 201",
    edits: [{ path: `${userPath}/licenseupdates`, within: "    post:", from: `\n        "201":\n`, to: `\n        "200":\n` }],
  },
  {
    name: "renamed SKU count (SubscribedSku availableUnits → available)",
    edits: [{ within: "    SubscribedSku:", from: "\n        availableUnits:\n", to: "\n        available:\n" }],
  },
  {
    name: "renamed role field (DirectoryRole name → displayName)",
    edits: [{ within: "    DirectoryRole:", from: "\n        name:\n", to: "\n        displayName:\n" }],
  },
  {
    name: "customer's roles on …/directoryRoles, not …/directoryroles",
    edits: [{ within: "  /v1/customers/{customer-tenant-id}/directoryroles:", from: "/directoryroles:", to: "/directoryRoles:" }],
  },
  {
    name: "renamed members page field (UserMemberCollection items → members)",
    edits: [{ within: "    UserMemberCollection:", from: "\n        items:\n", to: "\n        members:\n" }],
  },
  {
    name: "add role member answers 200, not ADD ROLE's 201",
    edits: [{ path: rolePath, within: "    post:", from: `\n        "201":\n`, to: `\n        "200":\n` }],
  },
  {
    name: "remove role member answers 200, not REMOVE ROLE's 204",
    edits: [{ path: `${rolePath}/{user-id}`, within: "    delete:", from: `\n        "204":\n`, to: `\n        "200":\n` }],
  },
];

/** The lines [first, end) of a path item (all lines when no path is given). */
function pathLines(lines: readonly string[], path: string | undefined, misfit: (why: string) => Error): [number, number] {
  if (path === undefined) return [0, lines.length];
  const first = lines.indexOf(`  ${path}:`);
  if (first < 0) throw misfit(`the path ${q(path)} is not in the spec`);
  let end = first + 1;
  while (end < lines.length && !/^ {0,2}\S/.test(lines[end] ?? "")) end++;
  return [first, end];
}

function applyEdit(text: string, { within, from, to, path }: Edit, mutation: string): string {
  const misfit = (why: string) => new Error(`mutation "${mutation}" no longer fits the spec: ${why}`);
  const lines = text.split("\n");
  const [first, last] = pathLines(lines, path, misfit);
  const starts = lines.flatMap((line, i) => (line === within && i >= first && i < last ? [i] : []));
  if (starts.length !== 1) throw misfit(`the line ${q(within)} occurs ${starts.length} times (expected once)`);
  const start = starts[0] as number;
  const indent = within.length - within.trimStart().length;
  let end = start + 1;
  while (end < lines.length && (lines[end]?.trim() === "" || (lines[end]?.length ?? 0) - (lines[end]?.trimStart().length ?? 0) > indent)) end++;
  const before = lines.slice(0, start).join("\n");
  const block = lines.slice(start, end).join("\n") + (end < lines.length ? "\n" : "");
  const after = lines.slice(end).join("\n");
  if (!block.includes(from)) throw misfit(`${q(from)} is not in the block ${q(within)}`);
  return `${before}${start > 0 ? "\n" : ""}${block.replace(from, to)}${after}`;
}

function mutate(spec: string, mutation: Mutation): string {
  const edited = (mutation.edits ?? []).reduce((text, edit) => applyEdit(text, edit, mutation.name), spec);
  return mutation.transform ? mutation.transform(edited, (why) => new Error(`mutation "${mutation.name}" no longer fits the spec: ${why}`)) : edited;
}

const vitestBin = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");

interface RunResult {
  readonly passed: boolean;
  /**
   * The tests that failed on the spec's content (or the file that refused to load it). Empty when the
   * run failed for another reason — Prism not starting, a timeout, a crash — which proves nothing
   * about the spec: such a run is inconclusive, never a kill.
   */
  readonly failures: string[];
  /** Why a failed run is inconclusive, when it is. */
  readonly inconclusive?: string;
  readonly seconds: number;
}

interface JsonReport {
  testResults?: {
    name: string;
    message?: string;
    assertionResults?: { fullName: string; status: string; failureMessages?: string[] }[];
  }[];
}

// Failures that say the machinery broke, not that the contract did.
const infrastructure = /timed out|ECONNREFUSED|ECONNRESET|Prism|mock exited/i;

/** Runs the contract project against `specPath`; with `bail`, it stops at the first failure (one kills a mutant). */
async function runContractSuite(specPath: string, reportPath: string, bail: boolean): Promise<RunResult> {
  const started = performance.now();
  const args = [vitestBin, "run", "--project", "contract", ...(bail ? ["--bail", "1"] : []), "--reporter", "json", "--outputFile", reportPath];
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, PARTNER_CENTER_SPEC: specPath }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("close", resolve));
  const seconds = (performance.now() - started) / 1000;
  const tail = () => output.trim().split("\n").slice(-5).join(" | ");
  if (code === 0) return { passed: true, failures: [], seconds };
  let report: JsonReport;
  try {
    report = JSON.parse(await readFile(reportPath, "utf8")) as JsonReport;
  } catch {
    return { passed: false, failures: [], inconclusive: `no test report; vitest said: ${tail()}`, seconds };
  }
  const failed = (report.testResults ?? []).flatMap((file) => {
    const tests = (file.assertionResults ?? []).filter((t) => t.status === "failed").map((t) => ({ name: t.fullName, message: t.failureMessages?.join(" ") ?? "" }));
    return tests.length > 0 || !file.message ? tests : [{ name: `${file.name.replace(projectRoot, "")}: ${file.message.split("\n")[0]}`, message: file.message }];
  });
  const failures = failed.filter((f) => !infrastructure.test(f.message)).map((f) => f.name);
  if (failures.length > 0) return { passed: false, failures, seconds };
  const why = failed[0] ? `${failed[0].name}: ${failed[0].message.split("\n")[0]}` : `vitest exited ${code}: ${tail()}`;
  return { passed: false, failures: [], inconclusive: why, seconds };
}

async function main(): Promise<number> {
  const started = performance.now();
  const source = await readFile(defaultSpecPath, "utf8");
  const copies = mutations.map((mutation) => ({ mutation, text: mutate(source, mutation) }));
  if (process.argv.includes("--fit")) {
    // Only that every mutation still fits the spec and changes it, without running the suite.
    for (const { mutation, text } of copies) if (text === source) throw new Error(`mutation "${mutation.name}" changes nothing`);
    console.log(`all ${copies.length} mutations fit the spec`);
    return 0;
  }
  const dir = await mkdtemp(join(tmpdir(), "pcu-mutants-"));
  try {
    const baselinePath = join(dir, "unbroken.yaml");
    await writeFile(baselinePath, source);
    const baseline = await runContractSuite(baselinePath, join(dir, "unbroken.json"), false);
    console.log(`unbroken spec: ${baseline.passed ? "passes" : "FAILS"} (${baseline.seconds.toFixed(1)} s)`);
    if (!baseline.passed) {
      console.error(`The contract suite fails on the unbroken spec, so broken copies prove nothing. Fix this first:\n  ${[...baseline.failures, baseline.inconclusive ?? ""].filter(Boolean).join("\n  ")}`);
      return 1;
    }

    const survivors: string[] = [];
    const inconclusive: string[] = [];
    // Two at a time: each run starts its own Prism and vitest workers; more would only queue on two cores.
    const queue = copies.map((copy, i) => ({ ...copy, i }));
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const specPath = join(dir, `mutant-${next.i}.yaml`);
        await writeFile(specPath, next.text);
        const result = await runContractSuite(specPath, join(dir, `mutant-${next.i}.json`), true);
        const took = `(${result.seconds.toFixed(1)} s)`;
        if (result.passed) {
          survivors.push(next.mutation.name);
          console.log(`SURVIVED  ${next.mutation.name} ${took}: the contract suite passed on it`);
        } else if (result.inconclusive) {
          inconclusive.push(next.mutation.name);
          console.log(`UNSURE    ${next.mutation.name} ${took}: the run failed, but not on the contract: ${result.inconclusive}`);
        } else {
          console.log(`killed    ${next.mutation.name} ${took} by: ${result.failures[0]}`);
        }
      }
    };
    await Promise.all([worker(), worker()]);

    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const killed = copies.length - survivors.length - inconclusive.length;
    console.log(`\nkilled ${killed}/${copies.length} broken copies of the spec in ${seconds} s`);
    if (inconclusive.length > 0) {
      console.error(`These runs failed for a reason other than the contract, so they prove nothing; run again:\n  ${inconclusive.join("\n  ")}`);
      return 1;
    }
    if (survivors.length > 0) {
      console.error(`These broken copies passed the contract suite; add a test that catches them:\n  ${survivors.join("\n  ")}`);
      return 1;
    }
    return 0;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

process.exitCode = await main();
