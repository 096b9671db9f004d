// `update <customer-id> <user-id>`: one PATCH, the body from --json and the field options, the
// updated user printed as JSON on stdout.
import { randomUUID } from "node:crypto";
import { PartnerCenterArgumentError, type CustomerUserPatch } from "../index.js";
import { connect } from "./connect.js";
import { errorLine, summarizeError } from "./describe-error.js";
import { fieldOptions, optionForField } from "./fields.js";
import { abortOnInterrupt, interruptedExitCode } from "./interrupt.js";
import { formatIssue, idIssues, patchIssues, type Issue } from "./issues.js";
import { printJson, say, sayError } from "./output.js";
import { readJsonBody, registerPassword, setField, type PatchBody } from "./patch-body.js";
import { redactSecrets } from "./secrets.js";
import { checkOneStdinReader, readStdin, withoutFinalNewline } from "./stdin.js";
import { openTarget, checkTarget, type TargetOptions } from "./target.js";
import { resolveToken } from "./token.js";
import { UsageError } from "./usage-error.js";

export interface UpdateOptions extends TargetOptions {
  readonly json?: string;
  readonly tokenStdin?: boolean;
  readonly dryRun?: boolean;
  readonly verbose?: boolean;
  /** The field options, by commander's key (see fields.ts). */
  readonly [key: string]: unknown;
}

/** Issues named the way the person typed them: `--usage-location must match …`. */
function describeIssues(issues: readonly Issue[]): string {
  return issues
    .map((issue) => formatIssue(issue, (field) => optionForField(field)?.flags.split(" ")[0] ?? field))
    .join("; ");
}

async function buildBody(options: UpdateOptions): Promise<PatchBody> {
  const body = options.json === undefined ? {} : await readJsonBody(options.json);
  for (const option of fieldOptions) {
    const given = options[option.key];
    if (given === undefined || given === false) continue;
    if (option.kind === "value") setField(body, option.field, given);
    else if (option.kind === "switch") setField(body, option.field, option.value);
    else setField(body, option.field, withoutFinalNewline(await readStdin(option.flags)));
  }
  registerPassword(body);
  return body;
}

export async function runUpdate(customerId: string, userId: string, options: UpdateOptions): Promise<number> {
  checkTarget(options);
  checkOneStdinReader({
    "--json -": options.json === "-",
    "--password-stdin": options["passwordStdin"] === true,
    "--token-stdin": options.tokenStdin === true && !options.dryRun,
  });
  const badIds = idIssues({ customerId, userId });
  if (badIds.length > 0) throw new UsageError(describeIssues(badIds));

  const body = await buildBody(options);
  if (Object.keys(body).length === 0) {
    throw new UsageError(`nothing to change: give a field option (${fieldOptions.map((o) => o.flags.split(" ")[0]).join(", ")}) or --json`);
  }
  const badBody = patchIssues(body);
  if (badBody.length > 0) throw new UsageError(`invalid update: ${describeIssues(badBody)}`);
  if (options.dryRun) {
    printJson(redactSecrets(body));
    say(`dry run: the update is valid; nothing was sent`);
    return 0;
  }

  const token = await resolveToken(options);
  const controller = new AbortController();
  const stopListening = abortOnInterrupt(controller);
  const target = await openTarget(options, say);
  try {
    const client = connect({ token, baseUrl: target.baseUrl, verbose: options.verbose === true });
    const requestId = randomUUID();
    const correlationId = randomUUID();
    const user = await client.customers
      .byId(customerId)
      .users.byId(userId)
      .patch(body as CustomerUserPatch, { signal: controller.signal, requestId, correlationId });
    printJson(redactSecrets(user));
    say(`updated user ${userId} of customer ${customerId} (request id ${requestId}, correlation id ${correlationId})`);
    return 0;
  } catch (error) {
    if (error instanceof PartnerCenterArgumentError) throw new UsageError(error.message);
    if (controller.signal.aborted) {
      sayError(`interrupted: ${errorLine(summarizeError(error))}; the update may or may not have been applied`);
      return interruptedExitCode;
    }
    sayError(errorLine(summarizeError(error)));
    return 1;
  } finally {
    stopListening();
    await target.close();
  }
}
