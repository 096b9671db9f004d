// --status-out <file>: the input written back with a status per row, as the Partner Center portal's
// bulk import hands back its file — the same format, encoding (byte-order mark included), separator
// and line ends, the rows in their order, each with a `status` column (a CSV) or key (JSON). A
// password is never written back: its cell shows "(set)". Written beside its place and renamed
// into it when whole; never the input (refused by any name, before anything is sent).
import { stringify } from "csv-stringify/sync";
import { closeSync, openSync, renameSync, rmSync, writeSync } from "node:fs";
import { secretShown } from "./plan/changes.js";
import { csvRecords, type Encoding, type RowInput } from "./rows.js";

const passwordColumn = "passwordProfile.password";
const statusColumn = "status";

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
async function* withStatus(input: RowInput, statusOf: StatusOf): AsyncGenerator<string> {
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
    let password = -1;
    for await (const { line, cells } of csvRecords(tee(), input.delimiter ?? ",")) {
      const header = password === -1 && line === 1;
      if (header) password = cells.findIndex((cell) => cell.trim().toLowerCase() === passwordColumn.toLowerCase());
      const shown = cells.map((cell, index) => (index === password && !header && cell !== "" ? secretShown : cell));
      yield stringify([[...shown, header ? statusColumn : (statusOf(line) ?? notReached)]], { delimiter: input.delimiter ?? ",", record_delimiter: ending === "\r\n" ? "windows" : "unix" });
    }
    return;
  }
  let whole = "";
  for await (const chunk of text) whole += chunk;
  const hidden = (value: unknown, status: string): unknown => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return { [statusColumn]: status };
    const row = { ...(value as Record<string, unknown>) };
    const profile = row["passwordProfile"];
    if (profile !== null && typeof profile === "object" && "password" in profile) row["passwordProfile"] = { ...profile, password: secretShown };
    return { ...row, [statusColumn]: status };
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

/** Writes the input with its rows' statuses to `path`, in the input's encoding. */
export async function writeStatusCopy(input: RowInput, statusOf: StatusOf, path: string): Promise<void> {
  const partial = `${path}.partial`;
  const fd = openSync(partial, "w", 0o600);
  try {
    let first = true;
    for await (const text of withStatus(input, statusOf)) {
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
