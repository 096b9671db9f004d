// `update <customer-id> <user-id>`: one PATCH. The body comes from --json and the field options
// (patch.ts); it is checked against the spec before anything else happens; the updated user is
// printed as JSON on stdout, and a line on stderr says what was done, with the ids to quote.
import { randomUUID } from "node:crypto";
import { PartnerCenterArgumentError, type CustomerUserPatch } from "../index.js";
import { checkTarget, connect, openTarget, resolveToken, type TargetOptions } from "./connection.js";
import { bodyFromOptions, fieldOptions, formatIssue, idIssues, optionForField, patchIssues, type Issue } from "./patch.js";
import { abortOnInterrupt, checkOneStdinReader, errorLine, exitCode, summarizeError, UsageError, type Terminal } from "./terminal.js";

export interface UpdateOptions extends TargetOptions {
  readonly json?: string;
  readonly tokenStdin?: boolean;
  readonly dryRun?: boolean;
  readonly verbose?: boolean;
  /** The field options, by commander's key (see patch.ts). */
  readonly [key: string]: unknown;
}

/** Issues named the way the person typed them: `--usage-location must match …`. */
function describeIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => formatIssue(issue, (field) => optionForField(field)?.flags.split(" ")[0] ?? field))
    .join("; ");
}

export async function runUpdate(customerId: string, userId: string, options: UpdateOptions, terminal: Terminal): Promise<number> {
  checkTarget(options);
  checkOneStdinReader({
    "--json -": options.json === "-",
    "--password-stdin": options["passwordStdin"] === true,
    "--token-stdin": options.tokenStdin === true && !options.dryRun,
  });
  const badIds = idIssues({ customerId, userId });
  if (badIds.length > 0) throw new UsageError(describeIssues(badIds));

  const body = await bodyFromOptions(options, terminal);
  if (Object.keys(body).length === 0) {
    throw new UsageError(`nothing to change: give a field option (${fieldOptions.map((o) => o.flags.split(" ")[0]).join(", ")}) or --json`);
  }
  const badBody = patchIssues(body);
  if (badBody.length > 0) throw new UsageError(`invalid update: ${describeIssues(badBody)}`);
  if (options.dryRun) {
    terminal.printJson(body);
    terminal.say(`dry run: the update is valid; nothing was sent`);
    return exitCode.ok;
  }

  const token = await resolveToken(options, terminal);
  const controller = new AbortController();
  const stopListening = abortOnInterrupt(controller);
  const target = await openTarget(options, (line) => terminal.say(line));
  try {
    const client = connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true }, terminal);
    const requestId = randomUUID();
    const correlationId = randomUUID();
    const user = await client.customers
      .byId(customerId)
      .users.byId(userId)
      .patch(body as CustomerUserPatch, { signal: controller.signal, requestId, correlationId });
    terminal.printJson(user);
    terminal.say(`updated user ${userId} of customer ${customerId} (request id ${requestId}, correlation id ${correlationId})`);
    return exitCode.ok;
  } catch (error) {
    if (error instanceof PartnerCenterArgumentError) throw new UsageError(error.message);
    if (controller.signal.aborted) {
      terminal.sayError(`interrupted: ${errorLine(summarizeError(error))}; the update may or may not have been applied`);
      return exitCode.interrupted;
    }
    terminal.sayError(errorLine(summarizeError(error)));
    return exitCode.failed;
  } finally {
    stopListening();
    await target.close();
  }
}
