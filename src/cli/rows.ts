// Reading update-many's input (CSV with a header row, or JSON Lines) into rows: the ids, the patch
// body built from the writable fields (columns and issues are patch.ts's), and the line number each
// row starts on. A problem with one row becomes that row's issue; only a problem with the whole
// file (its header, a broken quote) stops the run. What is done with the rows is update-many.ts's.
import { parse } from "csv-parse/sync";
import { extname } from "node:path";
import { bulkColumns, idIssues, isGuid, passwordIn, patchIssues, setField, type Issue } from "./patch.js";
import { UsageError } from "./terminal.js";

export type RowFormat = "csv" | "jsonl";

/** How a report entry names its row: the line it starts on and whichever ids it has. */
export function rowIds(row: Row) {
  return {
    line: row.line,
    ...(row.customerId !== undefined && { customerId: row.customerId }),
    ...(row.user !== undefined && { userGiven: row.user }),
    ...(row.userId !== undefined && { userId: row.userId }),
  };
}

export interface Row {
  /** The line the row starts on, 1-based, counting the CSV header. */
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
}

/** `userId` holds an object id; `user`, either that or a sign-in name (UPN). A row has one of them. */
const idColumns = ["customerId", "userId", "user"] as const;
type Ids = { customerId?: unknown; userId?: unknown; user?: unknown };

export function detectFormat(path: string, text: string): RowFormat {
  const extension = extname(path).toLowerCase();
  if (extension === ".csv") return "csv";
  if ([".jsonl", ".ndjson", ".json"].includes(extension)) return "jsonl";
  return text.replace(/^\uFEFF/, "").trimStart().startsWith("{") ? "jsonl" : "csv";
}

export function readRows(text: string, format: RowFormat): Row[] {
  return format === "csv" ? readCsv(text) : readJsonLines(text);
}

function finish(line: number, ids: Ids, patch: Record<string, unknown>, early: readonly Issue[] = []): Row {
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

function readJsonLines(text: string): Row[] {
  const rows: Row[] = [];
  text.replace(/^\uFEFF/, "").split("\n").forEach((raw, index) => {
    const source = raw.replace(/\r$/, "");
    if (source.trim() === "") return;
    const line = index + 1;
    let value: unknown;
    try {
      value = JSON.parse(source);
    } catch {
      // Not the parser's message: it quotes the line, which may hold a password.
      rows.push({ line, patch: {}, issues: [{ message: "is not valid JSON" }] });
      return;
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      rows.push({ line, patch: {}, issues: [{ message: "must be a JSON object" }] });
      return;
    }
    const { customerId, userId, user, ...patch } = value as Record<string, unknown>;
    rows.push(finish(line, { customerId, userId, user }, patch));
  });
  return rows;
}

interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

/** Header cells matched to the spec's names without regard to case or surrounding spaces. */
function readHeader(cells: readonly string[]): string[] {
  const known = [...idColumns, ...bulkColumns.keys()];
  const columns = cells.map((cell) => {
    const name = known.find((candidate) => candidate.toLowerCase() === cell.trim().toLowerCase());
    if (!name) throw new UsageError(`unknown column "${cell}" in the header; the columns are ${known.join(", ")}`);
    return name;
  });
  const repeated = columns.find((name, index) => columns.indexOf(name) !== index);
  if (repeated) throw new UsageError(`column "${repeated}" appears twice in the header`);
  if (!columns.includes("customerId")) throw new UsageError(`the header has no "customerId" column`);
  if (!columns.includes("userId") && !columns.includes("user")) throw new UsageError(`the header has no "userId" column (or "user", for an object id or a sign-in name)`);
  return columns;
}

/** A cell's text as the field's type: `true`/`false` for a boolean; anything else stays text, for the validator to judge. */
function cellValue(column: string, text: string): unknown {
  if (bulkColumns.get(column)?.type === "boolean" && /^(true|false)$/i.test(text)) return text.toLowerCase() === "true";
  return text;
}

function readCsv(text: string): Row[] {
  let records: CsvRecord[];
  try {
    records = parse(text, { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as CsvRecord[];
  } catch (error) {
    // A broken quote leaves no way to tell where the following rows start (an unclosed one runs to
    // the end of the file), so skipping the bad record could swallow good rows: stop instead. The
    // parser's message quotes the cell, which may hold a password: keep only its code.
    const { code, bytes_records: readBytes = 0 } = error as { code?: string; bytes_records?: number };
    const line = Buffer.from(text).subarray(0, readBytes).toString().split("\n").length;
    throw new UsageError(`line ${line} is not valid CSV (${code ?? "parse error"}) and the rows after it cannot be read: fix the file; nothing was sent`);
  }
  const [header, ...body] = records;
  if (!header) throw new UsageError("the file is empty: a CSV file needs a header row");
  const columns = readHeader(header.record);
  const rows = body.map(({ record, info }) => {
    // info.lines is where the record ends; a quoted cell may span lines, so count back to its start.
    const line = info.lines - record.reduce((breaks, cell) => breaks + (cell.match(/\n/g)?.length ?? 0), 0);
    const early: Issue[] =
      record.length === columns.length ? [] : [{ message: `has ${record.length} cells, the header has ${columns.length}` }];
    const ids: Record<string, string> = {};
    const patch: Record<string, unknown> = {};
    columns.forEach((column, index) => {
      const text = record[index];
      if (text === undefined || text === "") return; // an empty cell leaves the field unchanged
      if ((idColumns as readonly string[]).includes(column)) ids[column] = text;
      else setField(patch, column, cellValue(column, text));
    });
    return finish(line, ids, patch, early);
  });
  return rows;
}
