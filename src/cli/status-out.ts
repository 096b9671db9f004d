// --status-out <file>: the input written back with a status per row, as the Partner Center portal's
// bulk import hands back its file — the same format, encoding (byte-order mark included), separator
// and line ends, the rows in their order, each with a `status` column (a CSV) or key (JSON). A
// password is never written back: a cell under any column or key whose name says "password" (a
// nested passwordProfile.password, a flat "passwordProfile.password" key of a row refused as
// invalid) and any cell equal to a password of the run show "(set)". Written beside its place
// under a name of its own and renamed into it when whole. It never replaces a file that holds
// anything (refused before anything is sent): not the input, not a report, not a plan — nothing
// that is not ours can be told apart from a user's file for sure, so none is written over.
import { stringify } from "csv-stringify/sync";
import { randomUUID } from "node:crypto";
import { closeSync, openSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
import { secretShown } from "./plan/changes.js";
import { UsageError } from "./run-end.js";
import { csvRecords, type Encoding, type RowInput } from "./rows.js";

const statusColumn = "status";
const isPasswordName = (name: string): boolean => /password/i.test(name) && !/forcechange/i.test(name);

/** Refuses, before anything is sent, a --status-out that names anything but a missing or empty file. */
export function checkStatusTarget(path: string): void {
  let size: number;
  let isFile: boolean;
  try {
    const stats = statSync(path);
    size = stats.size;
    isFile = stats.isFile();
  } catch {
    return; // not there: made at the end
  }
  if (!isFile || size > 0) {
    throw new UsageError(`--status-out ${path} exists${isFile ? " and holds data" : " and is not a file"}: it is never written over (it may be a report, a plan, or your own file) — give a new name, or remove it first; nothing was sent`);
  }
}

/** A cell as written back: a password (by its column's name, or its value) as "(set)". */
const shownCell = (name: string, value: unknown, secrets: ReadonlySet<string>): unknown =>
  (isPasswordName(name) && value !== "" && value !== null && value !== undefined) || (typeof value === "string" && secrets.has(value)) ? secretShown : value;

/** A JSON row with every password in it, at any depth, shown as "(set)". */
function hiddenJson(value: unknown, secrets: ReadonlySet<string>): unknown {
  if (Array.isArray(value)) return value.map((item) => hiddenJson(item, secrets));
  if (value === null || typeof value !== "object") return shownCell("", value, secrets);
  return Object.fromEntries(Object.entries(value).map(([name, inner]) => [name, inner !== null && typeof inner === "object" ? hiddenJson(inner, secrets) : shownCell(name, inner, secrets)]));
}

/** A row's status by its line; rows the run never reached say so. */
export type StatusOf = (line: number) => string | undefined;
const notReached = "not sent: the run stopped before this row";

function bytesOf(text: string, encoding: Encoding, first: boolean): Buffer {
  const bom = first && encoding.bom > 0;
  if (encoding.name === "utf-8") return Buffer.from(`${bom ? "\uFEFF" : ""}${text}`, "utf8");
  const little = Buffer.from(`${bom ? "\uFEFF" : ""}${text}`, "utf16le");
  return encoding.name === "utf-16le" ? little : little.swap16();
}

/** The input's text, record by record, with its status added. */
async function* withStatus(input: RowInput, statusOf: StatusOf, secrets: ReadonlySet<string>): AsyncGenerator<string> {
  const text = input.text?.() ?? (async function* () {})();
  if (input.format === "csv") {
    // Line ends as the file has them: Excel writes CRLF.
    let ending: string | undefined;
    const tee = async function* () {
      for await (const chunk of text) {
        ending ??= chunk.includes("\r\n") ? "\r\n" : chunk.includes("\n") ? "\n" : undefined;
        yield chunk;
      }
    };
    let names: readonly string[] | undefined;
    for await (const { line, cells } of csvRecords(tee(), input.delimiter ?? ",")) {
      const header = names === undefined;
      names ??= cells.map((cell) => cell.trim());
      const shown = header ? cells : cells.map((cell, index) => shownCell(names?.[index] ?? "", cell, secrets) as string);
      yield stringify([[...shown, header ? statusColumn : (statusOf(line) ?? notReached)]], { delimiter: input.delimiter ?? ",", record_delimiter: ending === "\r\n" ? "windows" : "unix" });
    }
    return;
  }
  let whole = "";
  for await (const chunk of text) whole += chunk;
  const hidden = (value: unknown, status: string): unknown => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { [statusColumn]: status };
    return { ...(hiddenJson(value, secrets) as Record<string, unknown>), [statusColumn]: status };
  };
  const parsed = (source: string): unknown => {
    try {
      return JSON.parse(source);
    } catch {
      return undefined;
    }
  };
  if (input.format === "json") {
    const items = parsed(whole);
    const rows = Array.isArray(items) ? items.map((item, index) => hidden(item, statusOf(index + 1) ?? notReached)) : [];
    yield `${JSON.stringify(rows, null, 2)}\n`;
    return;
  }
  const lines = whole.split("\n");
  for (const [index, source] of lines.entries()) {
    const ending = source.endsWith("\r") ? "\r\n" : "\n";
    if (source.trim() === "") {
      if (index < lines.length - 1) yield ending;
      continue;
    }
    yield `${JSON.stringify(hidden(parsed(source.replace(/\r$/, "")), statusOf(index + 1) ?? notReached))}${ending}`;
  }
}

/** Writes the input with its rows' statuses to `path`, in the input's encoding; `secrets`: the run's passwords, never written. */
export async function writeStatusCopy(input: RowInput, statusOf: StatusOf, path: string, secrets: ReadonlySet<string> = new Set()): Promise<void> {
  const partial = `${path}.${process.pid}.${randomUUID()}.partial`;
  const fd = openSync(partial, "wx", 0o600);
  try {
    let first = true;
    for await (const text of withStatus(input, statusOf, secrets)) {
      writeSync(fd, bytesOf(text, input.encoding ?? { name: "utf-8", bom: 0 }, first));
      first = false;
    }
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(partial, path);
}
