// `update-many <file>`: one PATCH per row with bounded concurrency. Every input row ends up in
// the report exactly once: invalid and repeated rows are reported before anything is sent, the
// rest as each finishes, and on Ctrl-C whatever did not finish as "cancelled".
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import pLimit from "p-limit";
import type { CustomerUserPatch } from "../index.js";
import { connect, type Client } from "./connect.js";
import { errorLine, summarizeError } from "./describe-error.js";
import { abortOnInterrupt, interruptedExitCode } from "./interrupt.js";
import { formatIssue, isGuid } from "./issues.js";
import { say } from "./output.js";
import { planRows } from "./plan.js";
import { createProgress } from "./progress.js";
import { ReportWriter, readReport, type ReportEntry, type ReportResult } from "./report.js";
import { detectFormat, readRows, rowIds, type Row, type RowFormat } from "./rows.js";
import { checkOneStdinReader } from "./stdin.js";
import { checkTarget, openTarget, type Target, type TargetOptions } from "./target.js";
import { resolveToken } from "./token.js";
import { UsageError } from "./usage-error.js";

export interface UpdateManyOptions extends TargetOptions {
  readonly concurrency: number;
  readonly report?: string;
  readonly dryRun?: boolean;
  readonly onlyFailed?: string;
  readonly format?: RowFormat;
  readonly correlationId?: string;
  readonly tokenStdin?: boolean;
  readonly verbose?: boolean;
}

/** What a row's report entry says, in a few words for the progress line. */
function describeEntry(entry: ReportEntry): string {
  switch (entry.result) {
    case "ok":
      return `ok (request id ${entry.requestId})`;
    case "failed":
      return `failed: ${errorLine(entry.error)}`;
    case "invalid":
      return `invalid: ${entry.issues.map((issue) => formatIssue(issue)).join("; ")}`;
    case "skipped":
      return `skipped: the same update as line ${entry.duplicateOf}`;
    case "valid":
      return "valid";
    case "cancelled":
      return `cancelled${entry.requestId ? ` (request id ${entry.requestId}: sent, outcome unknown)` : " (not sent)"}`;
  }
}

const successes: ReadonlySet<ReportResult> = new Set(["ok", "skipped", "valid"]);

function readInput(file: string, format: RowFormat | undefined): Row[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return readRows(text, format ?? detectFormat(file, text));
}

export async function runUpdateMany(file: string, options: UpdateManyOptions): Promise<number> {
  checkTarget(options);
  checkOneStdinReader({ "--token-stdin": options.tokenStdin });
  if (options.correlationId !== undefined && !isGuid(options.correlationId)) {
    throw new UsageError(`--correlation-id must be a GUID`);
  }
  if (options.report !== undefined && resolve(options.report) === resolve(file)) {
    throw new UsageError("--report would overwrite the input file: give another file name");
  }
  if (options.report !== undefined && options.onlyFailed !== undefined && resolve(options.report) === resolve(options.onlyFailed)) {
    throw new UsageError("--report would overwrite the --only-failed report: give another file name");
  }
  const rows = readInput(file, options.format);
  if (rows.length === 0) throw new UsageError(`${file} has no rows`);
  const previous = options.onlyFailed === undefined ? undefined : readReport(options.onlyFailed);
  const steps = planRows(rows, previous);
  const toSend = steps.filter((step) => step.action === "send");

  // Usage problems (token, report path) stop the run before any report line is written.
  const sending = !options.dryRun && toSend.length > 0;
  const token = sending ? await resolveToken(options) : undefined;
  // Made now when the target is known, so a base URL the client refuses stops the run before the report.
  let client = token !== undefined && !options.mock ? connect({ token, baseUrl: options.baseUrl, verbose: options.verbose === true }) : undefined;
  const report = new ReportWriter(options.report);
  const counts = new Map<ReportResult, number>();
  const progress = createProgress(rows.length);
  const record = (entry: ReportEntry, row: Row) => {
    const secrets = row.secret === undefined ? [] : [row.secret];
    report.write(entry, secrets);
    counts.set(entry.result, (counts.get(entry.result) ?? 0) + 1);
    progress.rowDone(row.line, successes.has(entry.result), describeEntry(entry), secrets);
  };
  const correlationId = options.correlationId ?? randomUUID();
  const controller = new AbortController();
  const stopListening = abortOnInterrupt(controller, () =>
    progress.note("interrupted: stopping; rows not finished are reported as cancelled (Ctrl-C again to quit at once)"),
  );
  let target: Target | undefined;
  try {
    target = sending ? await openTarget(options, (line) => progress.note(line)) : undefined;
    for (const step of steps) if (step.action === "report") record(step.entry, step.row);
    if (options.dryRun) {
      for (const { row } of toSend) record({ ...rowIds(row), result: "valid", patch: row.patch }, row);
    } else if (target && token !== undefined) {
      client ??= connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true });
      const limit = pLimit(options.concurrency);
      const context = { client, signal: controller.signal, correlationId, record };
      const send = (row: Row) => sendRow(row, context);
      await Promise.all(toSend.map(({ row }) => limit(send, row)));
    }
  } finally {
    stopListening();
    progress.stop();
    report.close();
    await target?.close();
  }

  const summary = [...counts].map(([result, count]) => `${count} ${result}`).join(", ");
  const carried = previous ? steps.filter((step) => step.action === "report" && previous.get(step.row.line) === step.entry).length : 0;
  say(
    `${rows.length} rows: ${summary}` +
      (carried ? ` (${carried} carried over from ${options.onlyFailed})` : "") +
      (options.dryRun ? "; dry run, nothing sent" : `; correlation id ${correlationId}`) +
      (options.report === undefined ? "" : `; report: ${options.report}`),
  );
  if (controller.signal.aborted) return interruptedExitCode;
  return [...counts.keys()].every((result) => successes.has(result)) ? 0 : 1;
}

interface SendContext {
  readonly client: Client;
  readonly signal: AbortSignal;
  readonly correlationId: string;
  readonly record: (entry: ReportEntry, row: Row) => void;
}

async function sendRow(row: Row, context: SendContext): Promise<void> {
  const { client, signal } = context;
  if (signal.aborted) {
    context.record({ ...rowIds(row), result: "cancelled" }, row);
    return;
  }
  // Made here rather than by the client so the report can name it for every outcome.
  const requestId = randomUUID();
  const { customerId = "", userId = "" } = row;
  try {
    const user = await client.customers
      .byId(customerId)
      .users.byId(userId)
      .patch(row.patch as CustomerUserPatch, { signal, requestId, correlationId: context.correlationId });
    context.record({ ...rowIds(row), result: "ok", requestId, user }, row);
  } catch (error) {
    if (signal.aborted) context.record({ ...rowIds(row), result: "cancelled", requestId }, row);
    else context.record({ ...rowIds(row), result: "failed", error: summarizeError(error) }, row);
  }
}
