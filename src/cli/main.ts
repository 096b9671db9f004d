// partner-center-users: the command-line entry (bundled into dist/cli.js by scripts/build.ts).
// Maps every way a run can end to an exit code: 0 success, 1 an update failed, 2 bad usage.
import { CommanderError } from "commander";
import { PartnerCenterArgumentError } from "../index.js";
import { errorLine, summarizeError } from "./describe-error.js";
import { sayError } from "./output.js";
import { createProgram } from "./program.js";
import { UsageError } from "./usage-error.js";

/** Secrets on the command line would show in `ps` and shell history: refuse them without echoing. */
function refuseSecretArguments(args: readonly string[]): void {
  const secret = args.find((arg) => /^--(password|token)(=|$)/i.test(arg));
  if (secret !== undefined) {
    throw new UsageError(`passwords and tokens are never taken as arguments: use --password-stdin, and PARTNER_CENTER_TOKEN or --token-stdin`);
  }
}

export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  try {
    refuseSecretArguments(argv.slice(2));
    await createProgram((code) => (exitCode = code)).parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    // commander has printed its own message (or the help, or the version) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    // The client refuses bad arguments before sending anything: that is bad usage too.
    if (error instanceof UsageError || error instanceof PartnerCenterArgumentError) {
      sayError(error.message);
      return 2;
    }
    sayError(errorLine(summarizeError(error)));
    return 1;
  }
}

process.exitCode = await main(process.argv);
