// Reading update-many's input — a CSV with a header row, JSON Lines, or a JSON array; a file or
// stdin (`-`) — into rows: the ids, the patch body built from the writable fields (columns and
// issues are patch.ts's), and the line each row starts on. Rows stream: a file is read a chunk at a
// time, as often as the run needs it (it reads it twice: once to check it all before anything is
// sent, once to send), so memory does not grow with its length. Text that might be mis-read stops
// the run before anything is sent: bytes that are not UTF-8 (an Excel "CSV" in Windows-1252), a
// broken quote. UTF-16 (Excel's "Unicode text") is read by its byte-order mark; a `;`- or
// tab-separated CSV by its header. A problem with one row becomes that row's issue.
import { parse } from "csv-parse";
import { closeSync, createReadStream, openSync, readSync } from "node:fs";
import { extname } from "node:path";
import { pipeline, Readable } from "node:stream";
import { isGuid, withoutBraces } from "../ids.js";
import { fileProblem } from "./messages.js";
import { bulkColumns, idIssues, passwordIn, patchIssues, setField, type Issue } from "./patch.js";
import type { UserState } from "./plan/changes.js";
import { UsageError } from "./run-end.js";
import { readStdinBytes } from "./stdin.js";

export type RowFormat = "csv" | "jsonl" | "json";

export interface Row {
  /** The line the row starts on, 1-based, counting the CSV header; in a JSON array, the item's number. */
  readonly line: number;
  readonly customerId?: string;
  /** The user's object id: the `userId` column's, or the `user` column's once resolved. */
  readonly userId?: string;
  /** The `user` column as given: an object id or a sign-in name (UPN), resolved before sending. */
  readonly user?: string;
  /** The body to send: only the fields the row sets. */
  readonly patch: Record<string, unknown>;
  /** Why the row cannot be sent; empty when it can. */
  readonly issues: readonly Issue[];
  /** The row's password, if it sets one: scrubbed from anything printed about the row. */
  readonly secret?: string;
  /** The user as the run's listing found them, when it looked the row's user up (find.ts). */
  readonly current?: UserState;
  /** What the fields it changes held when its change was planned (an applied plan, an undo): a user changed since is refused. */
  readonly expected?: UserState;
}

/** How a report entry names its row: the line it starts on and whichever ids it has. */
export function rowIds(row: Row) {
  return {
    line: row.line,
    ...(row.customerId !== undefined && { customerId: row.customerId }),
    ...(row.user !== undefined && { userGiven: row.user }),
    ...(row.userId !== undefined && { userId: row.userId }),
  };
}

export interface InputOptions {
  readonly format?: RowFormat | undefined;
  /** A CSV's separator; default: the one its header line uses most of `,` `;` and tab. */
  readonly delimiter?: string | undefined;
  /** --strict-columns: a column update-many does not know stops the run (default: ignored, with a note). */
  readonly strictColumns?: boolean | undefined;
}

/** An input ready to be read, as often as needed. */
export interface RowInput {
  readonly format: RowFormat;
  /**
   * What was worked out about the file that the person should know (its encoding, its separator);
   * reading the rows adds what it met (columns ignored, blank rows and repeated headers skipped),
   * each once however often the rows are read.
   */
  readonly notes: readonly string[];
  rows(): AsyncGenerator<Row>;
  /** How it is written, for a copy written back the same way (--status-out): its encoding, a CSV's separator, and its text. */
  readonly encoding?: Encoding;
  readonly delimiter?: string;
  text?(): AsyncGenerator<string>;
}

/** `userId` holds an object id; `user`, either that or a sign-in name (UPN). A row has one of them. */
const idColumns = ["customerId", "userId", "user"] as const;
type Ids = { customerId?: unknown; userId?: unknown; user?: unknown };

const saveAsUtf8 = 'in Excel, "Save As" → "CSV UTF-8 (Comma delimited)"';

/** Where the bytes come from: a file read in chunks, or stdin read once and kept. */
type Bytes = () => AsyncIterable<Buffer>;

function sourceOf(file: string, stdin: Buffer | undefined): Bytes {
  if (stdin) return async function* () {
    yield stdin;
  };
  return () => createReadStream(file, { highWaterMark: 256 * 1024 });
}

export interface Encoding {
  readonly name: "utf-8" | "utf-16le" | "utf-16be";
  /** Bytes of byte-order mark to skip. */
  readonly bom: number;
}

function encodingOf(head: Buffer): Encoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { name: "utf-8", bom: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { name: "utf-16le", bom: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { name: "utf-16be", bom: 2 };
  return { name: "utf-8", bom: 0 };
}

/**
 * The text of the input, chunk by chunk, decoded strictly: a byte sequence that is not valid in
 * the encoding stops the run, naming the line, rather than reach the server as U+FFFD.
 */
async function* textOf(source: Bytes, encoding: Encoding, name: string): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding.name, { fatal: true });
  let lines = 1;
  let first = true;
  for await (const chunk of source()) {
    let text: string;
    const bytes = first ? chunk.subarray(encoding.bom) : chunk;
    try {
      text = decoder.decode(bytes, { stream: true });
    } catch {
      // The line of the first byte that is not valid: where a lenient decoder put its U+FFFD.
      const lenient = new TextDecoder(encoding.name).decode(bytes);
      const before = lenient.slice(0, Math.max(0, lenient.indexOf("\uFFFD")));
      for (let at = before.indexOf("\n"); at >= 0; at = before.indexOf("\n", at + 1)) lines++;
      throw new UsageError(
        encoding.name === "utf-8"
          ? `${name} is not UTF-8 (at line ${lines}; Excel's plain "CSV" is Windows-1252): save it as UTF-8 — ${saveAsUtf8}; nothing was sent`
          : `${name} is not valid ${encoding.name.toUpperCase()} (at line ${lines}): nothing was sent`,
      );
    }
    first = false;
    for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", at + 1)) lines++;
    if (text !== "") yield text;
  }
  const rest = decoder.decode();
  if (rest !== "") yield rest;
}

async function firstText(bytes: Bytes, encoding: Encoding, name: string, wanted: number): Promise<string> {
  let text = "";
  for await (const chunk of textOf(bytes, encoding, name)) {
    text += chunk;
    if (text.length >= wanted || text.includes("\n")) break;
  }
  return text;
}

export function formatOf(file: string, head: string): RowFormat {
  const extension = extname(file).toLowerCase();
  if (extension === ".csv") return "csv";
  if (extension === ".jsonl" || extension === ".ndjson") return "jsonl";
  const start = head.trimStart()[0];
  // A .json file, or text that opens like JSON: an array of rows, or one object per line.
  if (start === "[") return "json";
  if (start === "{") return "jsonl";
  return extension === ".json" ? "json" : "csv";
}

export function delimiterOf(headerLine: string): string {
  const counts = [",", ";", "\t"].map((candidate) => [candidate, headerLine.split(candidate).length - 1] as const);
  const [best] = [...counts].sort((a, b) => b[1] - a[1]);
  return best && best[1] > 0 ? best[0] : ",";
}

const separatorName = (delimiter: string) => (delimiter === "\t" ? "tab" : `"${delimiter}"`);

/** Opens the input: reads just enough of it to know its encoding, format and separator. */
export async function openInput(file: string, options: InputOptions = {}): Promise<RowInput> {
  const name = file === "-" ? "stdin" : file;
  let stdin: Buffer | undefined;
  let head: Buffer;
  try {
    stdin = file === "-" ? await readStdinBytes("update-many -") : undefined;
    head = stdin ?? readHead(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`cannot read ${file}: ${fileProblem(error)}`);
  }
  const bytes = sourceOf(file, stdin);
  const encoding = encodingOf(head);
  const notes = encoding.name === "utf-8" ? [] : [`${name} is ${encoding.name.toUpperCase()} (it starts with that byte-order mark): read as such`];
  const text = await firstText(bytes, encoding, name, 64 * 1024);
  const format = options.format ?? formatOf(file, text);
  const source = { encoding, text: () => textOf(bytes, encoding, name) };
  if (format === "json") return { format, notes, ...source, rows: () => jsonArrayRows(source.text(), name) };
  if (format === "jsonl") return { format, notes, ...source, rows: () => jsonLineRows(source.text()) };
  const delimiter = options.delimiter ?? delimiterOf(text.split("\n")[0] ?? "");
  if (options.delimiter === undefined && delimiter !== ",") {
    notes.push(`${name} is separated by ${separatorName(delimiter)}, not commas (as Excel saves CSV in many locales): read as such; --delimiter sets it`);
  }
  const note = (text: string) => {
    if (!notes.includes(text)) notes.push(text);
  };
  return { format, notes, ...source, delimiter, rows: () => csvRows(source.text(), delimiter, options.strictColumns === true, note) };
}

/** The first bytes: enough to see a byte-order mark (the rest is streamed). */
function readHead(file: string): Buffer {
  const fd = openSync(file, "r");
  try {
    const head = Buffer.alloc(4);
    return head.subarray(0, readSync(fd, head, 0, 4, 0));
  } finally {
    closeSync(fd);
  }
}

/**
 * No field of a user takes more than a few hundred characters (a password at most 256): a cell far
 * beyond that is a mistake, refused for its row at once — never hashed, scrubbed or validated at
 * the cost of its size (10 MB took 20 s and 1.6 GB).
 */
const maxCell = 64 * 1024;
const oversized = (field: string, text: string): Issue => ({ field, message: `is ${Math.round(text.length / 1024)} KiB long: a cell holds at most ${maxCell / 1024} KiB` });

/** Fields (and their nested fields) of a JSON row too long to be anything but a mistake: each becomes an issue and is dropped. */
function dropOversized(fields: Record<string, unknown>, issues: Issue[], prefix = ""): void {
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string" && value.length > maxCell) {
      issues.push(oversized(`${prefix}${name}`, value));
      delete fields[name];
    } else if (value !== null && typeof value === "object" && !Array.isArray(value)) dropOversized(value as Record<string, unknown>, issues, `${prefix}${name}.`);
  }
}

function finish(line: number, given: Ids, patch: Record<string, unknown>, early: readonly Issue[] = []): Row {
  // A GUID in braces is the same id without them: sent bare, and keyed bare in the journal.
  const bare = (value: unknown) => (typeof value === "string" ? withoutBraces(value) : value);
  const ids: Ids = { customerId: bare(given.customerId), userId: bare(given.userId), user: bare(given.user) };
  const issues = [...early, ...idIssues(ids), ...patchIssues(patch)];
  const password = passwordIn(patch);
  return {
    line,
    ...(typeof ids.customerId === "string" && { customerId: ids.customerId }),
    ...(typeof ids.userId === "string" && { userId: ids.userId }),
    ...(typeof ids.user === "string" && { user: ids.user }),
    // A `user` that is an object id needs no resolving.
    ...(typeof ids.user === "string" && isGuid(ids.user) && { userId: ids.user }),
    patch,
    issues,
    ...(password !== undefined && { secret: password }),
  };
}

/** No user field nests deeper than a few levels; a row nested far deeper would only exhaust the stack of whatever walks it. */
const maxDepth = 16;
function deeperThan(value: unknown, limit: number): boolean {
  let level: unknown[] = [value];
  for (let depth = 0; level.length > 0; depth++) {
    if (depth > limit) return true;
    level = level.flatMap((node) => (node !== null && typeof node === "object" ? Object.values(node) : []));
  }
  return false;
}

function rowOf(line: number, value: unknown): Row {
  // Not the parser's message where there is one: it quotes the text, which may hold a password.
  if (typeof value !== "object" || value === null || Array.isArray(value)) return { line, patch: {}, issues: [{ message: "must be a JSON object" }] };
  if (deeperThan(value, maxDepth)) return { line, patch: {}, issues: [{ message: `is nested more than ${maxDepth} levels deep` }] };
  const { customerId, userId, user, ...patch } = value as Record<string, unknown>;
  const ids = { customerId, userId, user };
  const early: Issue[] = [];
  dropOversized(ids, early);
  dropOversized(patch, early);
  return finish(line, ids, patch, early);
}

async function* jsonLineRows(text: AsyncIterable<string>): AsyncGenerator<Row> {
  let line = 0;
  let rest = "";
  const one = (source: string): Row | undefined => {
    line++;
    const trimmed = source.replace(/\r$/, "");
    if (trimmed.trim() === "") return undefined;
    try {
      return rowOf(line, JSON.parse(trimmed));
    } catch {
      return { line, patch: {}, issues: [{ message: "is not valid JSON" }] };
    }
  };
  for await (const chunk of text) {
    const lines = (rest + chunk).split("\n");
    rest = lines.pop() ?? "";
    for (const source of lines) {
      const row = one(source);
      if (row) yield row;
    }
  }
  const last = one(rest);
  if (last) yield last;
}

/** A JSON array of rows, pretty-printed or not: read whole (it cannot be split safely), each item a row. */
async function* jsonArrayRows(text: AsyncIterable<string>, name: string): AsyncGenerator<Row> {
  let whole = "";
  for await (const chunk of text) whole += chunk;
  let items: unknown;
  try {
    items = JSON.parse(whole);
  } catch {
    throw new UsageError(`${name} is not valid JSON (a JSON array of rows, or JSON Lines: one object per line); nothing was sent`);
  }
  if (!Array.isArray(items)) throw new UsageError(`${name} holds JSON that is not an array of rows; nothing was sent`);
  for (const [index, item] of items.entries()) yield rowOf(index + 1, item);
}

/** Edits (insert, delete, change a letter) between two short names: a column one or two away from a known one is a typo. */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * Header cells matched to the spec's names without regard to case or surrounding spaces; a column
 * the CLI does not know (`Notes`) is left out (undefined) and named in one note — unless
 * `strictColumns`, or it is one or two letters from a known name (`usageLocaton`: its values would
 * silently not be sent), which stop the run before anything is sent.
 */
function readHeader(cells: readonly string[], delimiter: string, strictColumns: boolean, note: (text: string) => void): (string | undefined)[] {
  const known = [...idColumns, ...bulkColumns.keys()];
  const unknown: string[] = [];
  const columns = cells.map((cell) => {
    const wanted = cell.trim().toLowerCase();
    const name = known.find((candidate) => candidate.toLowerCase() === wanted);
    if (name) return name;
    const hint = delimiter === "," && /[;\t]/.test(cell) ? ` (is the file separated by ";" or tabs? --delimiter sets it)` : "";
    const near = known.find((candidate) => distance(candidate.toLowerCase(), wanted) <= 2);
    if (strictColumns || hint || near) {
      const because = near ? ` (did you mean "${near}"?)` : strictColumns ? " (--strict-columns)" : hint;
      throw new UsageError(`unknown column "${cell.slice(0, 80)}" in the header${because}; the columns are ${known.join(", ")}; nothing was sent`);
    }
    unknown.push(JSON.stringify(cell.slice(0, 80)));
    return undefined;
  });
  if (unknown.length > 0) note(`ignoring ${unknown.length === 1 ? "the column" : "the columns"} ${unknown.join(", ")}: not a field update-many sends (--strict-columns refuses unknown columns instead)`);
  const named = columns.filter((name): name is string => name !== undefined);
  const repeated = named.find((name, index) => named.indexOf(name) !== index);
  if (repeated) throw new UsageError(`column "${repeated}" appears twice in the header`);
  if (!named.includes("customerId")) throw new UsageError(`the header has no "customerId" column`);
  if (!named.includes("userId") && !named.includes("user")) throw new UsageError(`the header has no "userId" column (or "user", for an object id or a sign-in name)`);
  return columns;
}

/** A cell's text as the field's type: `true`/`false` for a boolean; anything else stays text, for the validator to judge. */
function cellValue(column: string, text: string): unknown {
  if (bulkColumns.get(column)?.type === "boolean" && /^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  return text;
}

/** A CSV's records, the header first, each with the line it starts on (a quoted cell may span lines). */
export async function* csvRecords(text: AsyncIterable<string>, delimiter: string): AsyncGenerator<{ readonly line: number; readonly cells: string[] }> {
  let lastEnd = 0; // the line the last whole record ended on
  // pipeline, not .pipe(): a decoding error in the text (a byte that is not UTF-8, read late in a
  // big file) must end the parser's iteration with that error, not crash the process unhandled.
  const parser = pipeline(
    Readable.from(text),
    parse({
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      // The line each record ends on, taken here rather than with `info: true`, which would work
      // out the same context a second time for every record.
      on_record: (record, context) => {
        lastEnd = context.lines;
        return Object.assign(record, { lines: context.lines });
      },
    }),
    () => {}, // its error, if any, reaches the loop below through the parser
  );
  try {
    for await (const record of parser as AsyncIterable<string[] & { lines: number }>) {
      // `lines` is where the record ends; a quoted cell may span lines, so count back to its start.
      const line = record.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0);
      yield { line, cells: record };
    }
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (error instanceof UsageError || typeof code !== "string" || !/^(CSV_|INVALID_)/.test(code)) throw error;
    // A broken quote leaves no way to tell where the following rows start (an unclosed one runs to
    // the end of the file), so skipping the bad record could swallow good rows: stop instead. An
    // unclosed quote is found at the end of the file: the record it broke starts after the last
    // whole one. The parser's message quotes the cell, which may hold a password: keep its code.
    const { lines } = error as { lines?: number };
    const line = code === "CSV_QUOTE_NOT_CLOSED" || lines === undefined ? lastEnd + 1 : lines;
    throw new UsageError(`line ${line} is not valid CSV (${code}) and the rows after it cannot be read: fix the file; nothing was sent`);
  }
}

/** Lines listed for a message: the first ten and a count of the rest. */
export const someLines = (lines: readonly (number | string)[]): string => `${lines.slice(0, 10).join(", ")}${lines.length > 10 ? ` and ${lines.length - 10} more` : ""}`;

async function* csvRows(text: AsyncIterable<string>, delimiter: string, strictColumns: boolean, note: (text: string) => void): AsyncGenerator<Row> {
  let columns: (string | undefined)[] | undefined;
  let header = "";
  const blank: number[] = [];
  const headers: number[] = [];
  for await (const { line, cells: record } of csvRecords(text, delimiter)) {
    if (!columns) {
      columns = readHeader(record, delimiter, strictColumns, note);
      header = JSON.stringify(record);
      continue;
    }
    // Files joined with `cat a.csv b.csv` repeat the header; Excel leaves rows of separators only.
    if (JSON.stringify(record) === header) {
      headers.push(line);
      continue;
    }
    if (record.every((cell) => cell.trim() === "")) {
      blank.push(line);
      continue;
    }
    const early: Issue[] = record.length === columns.length ? [] : [{ message: `has ${record.length} cells, the header has ${columns.length}` }];
    const ids: Record<string, string> = {};
    const patch: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      const cell = record[index];
      if (column === undefined || cell === undefined || cell === "") return; // an ignored column; an empty cell leaves the field unchanged
      if (cell.length > maxCell) {
        early.push(oversized(column, cell));
        return;
      }
      if ((idColumns as readonly string[]).includes(column)) ids[column] = cell;
      else setField(patch, column, cellValue(column, cell));
    });
    yield finish(line, ids, patch, early);
  }
  if (headers.length > 0) note(`line${headers.length === 1 ? "" : "s"} ${someLines(headers)} repeat${headers.length === 1 ? "s" : ""} the header (files joined?): skipped`);
  if (blank.length > 0) note(`${blank.length} blank row${blank.length === 1 ? "" : "s"} (separators only) skipped: line${blank.length === 1 ? "" : "s"} ${someLines(blank)}`);
  if (!columns) throw new UsageError("the file is empty: a CSV file needs a header row");
}
