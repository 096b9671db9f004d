// A walkthrough in the docs as the steps a test runs: each ```diff <file>``` block an edit of that
// file, each `$ command` line of a ```console``` block a command that must print what follows it.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { Lexer, type Tokens } from "marked";

export type Step =
  | { readonly kind: "edit"; readonly file: string; readonly before: string; readonly after: string }
  | { readonly kind: "run"; readonly command: string; readonly exits: number; readonly expected: string };

function diffStep(file: string, text: string): Step {
  const before: string[] = [];
  const after: string[] = [];
  for (const line of text.split("\n")) {
    const [mark, rest] = [line.slice(0, 1), line.slice(1)];
    if (mark !== "-") after.push(rest);
    if (mark !== "+") before.push(rest);
    if (mark !== " " && mark !== "-" && mark !== "+") throw new Error(`a diff line for ${file} starts with neither " ", "-" nor "+": ${line}`);
  }
  return { kind: "edit", file, before: `${before.join("\n")}\n`, after: `${after.join("\n")}\n` };
}

function runSteps(text: string): Step[] {
  const steps: { command: string; exits: number; expected: string[] }[] = [];
  for (const line of text.split("\n")) {
    const command = /^\$ (.*?)(?:\s+# exits (\d+))?$/.exec(line);
    if (command?.[1] !== undefined) steps.push({ command: command[1], exits: Number(command[2] ?? 0), expected: [] });
    else if (steps.length === 0) throw new Error(`a console block starts with output, not a $ line: ${line}`);
    else steps.at(-1)?.expected.push(line);
  }
  return steps.map((step) => ({ kind: "run", command: step.command, exits: step.exits, expected: step.expected.join("\n") }));
}

/** The steps of the section under the heading `title`, down to the next heading of its level or above. */
export function walkthroughSteps(markdown: string, title: string): Step[] {
  const tokens = Lexer.lex(markdown);
  const start = tokens.findIndex((token) => token.type === "heading" && (token as Tokens.Heading).text === title);
  if (start === -1) throw new Error(`no heading "${title}"`);
  const depth = (tokens[start] as Tokens.Heading).depth;
  const steps: Step[] = [];
  for (const token of tokens.slice(start + 1)) {
    if (token.type === "heading" && (token as Tokens.Heading).depth <= depth) break;
    if (token.type !== "code") continue;
    const { lang = "", text } = token as Tokens.Code;
    const [kind, file] = lang.split(/\s+/);
    if (kind === "diff" && file) steps.push(diffStep(file, text));
    else if (kind === "console") steps.push(...runSteps(text));
  }
  return steps;
}

/** Applies an edit to the copy at `root`; the text it replaces must stand there exactly once. */
export async function applyEdit(root: string, step: Extract<Step, { kind: "edit" }>): Promise<void> {
  const path = join(root, step.file);
  const text = await readFile(path, "utf8");
  const count = text.split(step.before).length - 1;
  if (count !== 1) throw new Error(`${step.file} holds the diff's lines ${count} times, not once:\n${step.before}`);
  await writeFile(path, text.replace(step.before, () => step.after));
}

/** Runs a command in the copy at `root` with bash; stdout and stderr together, as a terminal shows them. */
export function runCommand(root: string, command: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", `${command} 2>&1`], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? 1, output }));
  });
}

/** Output as the docs show it: no colours, no npm `> script` banners, no runs of blank lines. */
export function shown(output: string): string[] {
  const lines = output
    .replace(/\x1b\[[0-9;]*m/g, "")
    .split("\n")
    .map((line) => line.trimEnd())
    .filter((line) => !line.startsWith("> "));
  const kept = lines.filter((line, i) => line !== "" || (i > 0 && lines[i - 1] !== ""));
  while (kept[0] === "") kept.shift();
  while (kept.at(-1) === "") kept.pop();
  return kept;
}

/** Whether `actual` is what `expected` shows, `…` lines standing for any lines (none included). */
export function showsAs(expected: string, actual: string): boolean {
  const want = shown(expected);
  const got = shown(actual);
  const match = (w: number, g: number): boolean => {
    if (w === want.length) return g === got.length;
    if (want[w] === "…") return match(w + 1, g) || (g < got.length && match(w, g + 1));
    return g < got.length && want[w] === got[g] && match(w + 1, g + 1);
  };
  return match(0, 0);
}
