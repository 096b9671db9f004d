// What to do with each row before anything is sent: send it, report it invalid, skip it as a
// repeat of an earlier row, or carry over its result from a previous report (--only-failed).
import { rowIds, type Row } from "./rows.js";
import { doneResults, type ReportEntry } from "./report.js";
import { UsageError } from "./usage-error.js";

export type Step =
  | { readonly action: "send"; readonly row: Row }
  | { readonly action: "report"; readonly row: Row; readonly entry: ReportEntry };

function sortedJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

/**
 * Two rows for the same user would race if sent at once, and the user would end up as whichever
 * landed last. A repeat of the very same change is harmless: it is skipped and sent once. A
 * different change for the same user is refused, so the result never depends on timing.
 */
function checkRepeats(rows: readonly Row[]): Map<Row, ReportEntry> {
  const first = new Map<string, Row>();
  const verdicts = new Map<Row, ReportEntry>();
  for (const row of rows) {
    if (row.issues.length > 0) continue;
    const user = `${row.customerId?.toLowerCase()}/${row.userId?.toLowerCase()}`;
    const earlier = first.get(user);
    if (!earlier) first.set(user, row);
    else if (sortedJson(earlier.patch) === sortedJson(row.patch)) {
      verdicts.set(row, { ...rowIds(row), result: "skipped", duplicateOf: earlier.line });
    } else {
      verdicts.set(row, {
        ...rowIds(row),
        result: "invalid",
        issues: [{ message: `updates the same user as line ${earlier.line} with different changes: merge them into one row` }],
      });
    }
  }
  return verdicts;
}

export function planRows(rows: readonly Row[], previous?: ReadonlyMap<number, ReportEntry>): Step[] {
  if (previous) checkSameInput(rows, previous);
  const repeats = checkRepeats(rows);
  return rows.map((row): Step => {
    const done = previous?.get(row.line);
    if (done && doneResults.has(done.result)) return { action: "report", row, entry: done };
    if (row.issues.length > 0) return { action: "report", row, entry: { ...rowIds(row), result: "invalid", issues: row.issues } };
    const repeat = repeats.get(row);
    return repeat ? { action: "report", row, entry: repeat } : { action: "send", row };
  });
}

/**
 * --only-failed must be given the report of this same input: rows are matched by line, so each row
 * it carries over (ok or skipped) must still name the same user. Rows that failed or were invalid
 * are sent again as the file now has them — correcting them is the point of a rerun.
 */
function checkSameInput(rows: readonly Row[], previous: ReadonlyMap<number, ReportEntry>): void {
  const byLine = new Map(rows.map((row) => [row.line, row]));
  for (const entry of previous.values()) {
    if (!doneResults.has(entry.result)) continue;
    const row = byLine.get(entry.line);
    if (!row || row.customerId !== entry.customerId || row.userId !== entry.userId) {
      throw new UsageError(`the report does not match this input file (line ${entry.line} differs): use the input the report was made from`);
    }
  }
}
