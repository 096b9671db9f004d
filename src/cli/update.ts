// `update <customer-id> <user>` and `restore <customer-id> <user>`: one PATCH, the user named by
// object id or sign-in name (find.ts). The body comes from --json and the field options
// (patch.ts); it is checked against the spec before anything else happens; the updated user is
// printed as JSON on stdout, and a line on stderr says what was done, with the ids to quote.
import { randomUUID } from "node:crypto";
import { isGuid } from "../ids.js";
import { PartnerCenterArgumentError, type CustomerUserPatch } from "../index.js";
import { checkTarget, openSession, type SessionOptions } from "./connection.js";
import { checkIds, notLookedUpHint, userOf } from "./find.js";
import { bodyFromOptions, fieldOptions, formatIssue, optionForField, patchIssues, type Issue } from "./patch.js";
import { failureLine } from "./messages.js";
import { exitCode, UsageError } from "./run-end.js";
import { checkOneStdinReader } from "./stdin.js";
import type { Terminal } from "./terminal.js";

export interface UpdateOptions extends SessionOptions {
  readonly json?: string;
  readonly dryRun?: boolean;
  /** The field options, by commander's key (see patch.ts). */
  readonly [key: string]: unknown;
}

/** Issues named the way the person typed them: `--usage-location must match …`. */
function describeIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => formatIssue(issue, (field) => optionForField(field)?.flags.split(" ")[0] ?? field))
    .join("; ");
}

/**
 * A dry run finds the user a sign-in name names (listing only, never a change), so a name nobody
 * has fails it as it would the real run: undefined when found, else the exit code. Without a
 * sign-in (or with stdin taken by --json - or --password-stdin) it says the name was not looked up.
 */
async function lookUpForDryRun(customerId: string, user: string, restoring: boolean, options: UpdateOptions, terminal: Terminal): Promise<number | undefined> {
  const notLookedUp = (why: string) =>
    terminal.say(`${JSON.stringify(user)} was not looked up (${why}); ${notLookedUpHint}`);
  if (options.tokenStdin && (options.json === "-" || options["passwordStdin"] === true)) {
    notLookedUp("stdin holds the update, not the token");
    return undefined;
  }
  let session: Awaited<ReturnType<typeof openSession>>;
  try {
    session = await openSession(options, terminal);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    notLookedUp(`for want of a sign-in: ${error.message}`);
    return undefined;
  }
  try {
    await userOf(session.client, customerId, user, { deleted: restoring, signal: session.signal, maxPages: options.maxPages }, (line) => terminal.say(line));
    return undefined;
  } catch (error) {
    terminal.sayError(failureLine(error));
    return session.signal.aborted ? exitCode.interrupted : exitCode.failed;
  } finally {
    await session.close();
  }
}

export async function runUpdate(customerId: string, user: string, options: UpdateOptions, terminal: Terminal): Promise<number> {
  checkTarget(options);
  checkOneStdinReader({
    "--json -": options.json === "-",
    "--password-stdin": options["passwordStdin"] === true,
    "--token-stdin": options.tokenStdin === true && !options.dryRun,
  });
  checkIds(customerId, user);

  const body = await bodyFromOptions(options, terminal);
  if (Object.keys(body).length === 0) {
    throw new UsageError(`nothing to change: give a field option (${fieldOptions.map((o) => o.flags.split(" ")[0]).join(", ")}) or --json`);
  }
  const badBody = patchIssues(body);
  if (badBody.length > 0) throw new UsageError(`invalid update: ${describeIssues(badBody)}`);
  if (options.dryRun) {
    const notFound = isGuid(user) ? undefined : await lookUpForDryRun(customerId, user, body["state"] === "active", options, terminal);
    if (notFound !== undefined) return notFound;
    terminal.printJson(body);
    terminal.say(`dry run: the update is valid; nothing was sent`);
    return exitCode.ok;
  }

  const session = await openSession(options, terminal);
  try {
    const requestId = randomUUID();
    const correlationId = randomUUID();
    // A user being restored is among the deleted ones.
    const restoring = body["state"] === "active";
    const found = await userOf(session.client, customerId, user, { deleted: restoring, signal: session.signal, maxPages: options.maxPages }, (line) => terminal.say(line));
    const updated = await found.patch(body as CustomerUserPatch, {
      signal: session.signal,
      requestId,
      correlationId,
    });
    terminal.printJson(updated);
    const named = user === updated.id ? user : `${user} (${updated.id})`;
    terminal.say(`${restoring ? "restored" : "updated"} user ${named} of customer ${customerId} (request id ${requestId}, correlation id ${correlationId})`);
    return exitCode.ok;
  } catch (error) {
    if (error instanceof PartnerCenterArgumentError) throw new UsageError(error.message);
    if (session.signal.aborted) {
      terminal.sayError(`interrupted: ${failureLine(error)}; the update may or may not have been applied`);
      return exitCode.interrupted;
    }
    terminal.sayError(failureLine(error));
    return exitCode.failed;
  } finally {
    await session.close();
  }
}
