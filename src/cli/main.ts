// partner-center-users: the command-line entry (bundled into dist/cli.js by scripts/build.ts).
// The commands, their options and help — the field options of `update` and the columns of
// `update-many` come from the spec (patch.ts); the actions are update.ts and update-many.ts — and
// how every way a run can end maps to an exit code: 0 success, 1 an update failed, 2 bad usage
// (UsageError, from any module, or an argument the client refuses), 130 interrupted.
// Each run gets its own Terminal (terminal.ts), which learns the run's secrets and prints for it.
// A command's module is imported when the command runs, not before: `--help` and `get` load neither
// MSAL nor the bulk run's CSV reader and journal (scripts/build.ts splits them into chunks).
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { defaultBaseUrl, PartnerCenterArgumentError, partnerCenterScope } from "../index.js";
import { withoutBraces } from "../ids.js";
import type { LoginOptions } from "./auth/commands.js";
import { defaultClientId } from "./auth/entra-settings.js";
import { authMethods, authVariables, searchOrder, type AuthOptions } from "./auth/methods.js";
import { packageVersion, tokenVariable } from "./connection.js";
import { bulkColumns, createOptions, fieldOptions } from "./patch.js";
import { failureLine } from "./messages.js";
import { exitCode, InterruptedError, programName, UsageError } from "./run-end.js";
import { Terminal } from "./terminal.js";
import type { ListOptions } from "./find.js";
import type { UpdateOptions } from "./update.js";
import type { UpdateManyOptions } from "./update-many.js";
import type { CreateOptions, DeleteOptions, ResetPasswordOptions } from "./accounts.js";
import type { ListingOptions } from "./licenses.js";
import type { CreateManyOptions } from "./onboard/create-many.js";
import type { OffboardManyOptions } from "./onboard/offboard-many.js";

const maxConcurrency = 64;

/** A commander parser for a whole number from `min` to `max`. */
function wholeNumber(min: number, max: number): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (!/^\d+$/.test(text.trim()) || !Number.isInteger(value) || value < min || value > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
    return value;
  };
}

function delimiter(text: string): string {
  const value = text === "\\t" || text.toLowerCase() === "tab" ? "\t" : text;
  if (![",", ";", "\t", "|"].includes(value)) throw new InvalidArgumentError('must be one of , ; | or tab');
  return value;
}

/** How to get the token (docs/signing-in.md): --auth, or PARTNER_CENTER_AUTH, or the search order. */
function withAuthOptions(command: Command): Command {
  return command
    .addOption(
      new Option("--auth <method>", `how to get the token (default: the first set up of ${searchOrder.join(", ")})`).choices(authMethods).env(authVariables.auth),
    )
    .option("--token-stdin", `read the access token from stdin instead of ${tokenVariable} (--auth env)`);
}

/** Options every command that sends has: where to, with which token, how long to wait, how talkative. */
function withConnectionOptions(command: Command): Command {
  return withAuthOptions(
    command
      .option("--base-url <url>", `the Partner Center API to call (default: ${defaultBaseUrl})`)
      .option("--mock", "send to the embedded mock of the spec, started for this run (no token needed)"),
  )
    // Every answer is untrusted: a server that trickles or never answers must not hold a command forever.
    .addOption(new Option("--timeout <ms>", "per attempt (token, request and whole answer), in ms (default 30000)").argParser(wholeNumber(1, 600_000)))
    .addOption(new Option("--max-retries <n>", "retries of a throttled or failed attempt (default 4)").argParser(wholeNumber(0, 20)))
    .addOption(new Option("--max-pages <n>", "the most pages one listing of a customer's users reads before it stops with an error: list, a lookup by sign-in name, update-many's listing per customer (--plan, --apply, undo) (default 10000)").argParser(wholeNumber(1, 1_000_000)))
    .option("--verbose", "log every request and response on stderr (token and passwords redacted)");
}

/** Words joined into lines of at most `width` characters, each indented. */
function wrap(words: readonly string[], width = 78, indent = "  "): string {
  const lines: string[] = [];
  for (const word of words) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + word.length + 1 <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(`${indent}${word}`);
  }
  return lines.join("\n");
}

const exitCodesHelp = `
Exit codes: ${exitCode.ok} every update succeeded, ${exitCode.failed} an update failed (or a row was invalid),
${exitCode.usage} bad usage (nothing sent), ${exitCode.interrupted} interrupted.

Signing in: partner-center-users login (device code, with MFA), then any command;
or --auth env (${tokenVariable} or --token-stdin), azure-cli (az login) or
refresh-token (PARTNER_CENTER_APP_ID, PARTNER_CENTER_APP_SECRET, PARTNER_CENTER_REFRESH_TOKEN
or _FILE). partner-center-users auth status checks the token. Tokens are never printed;
passwords and secrets are read from stdin or the environment only.`;

/** update-many's input: <file>, or --apply's plan (whose every row's user is read first), never both. */
function manyInput(file: string | undefined, { apply, ...options }: UpdateManyOptions & { apply?: string }): [string, UpdateManyOptions] {
  if ((file === undefined) === (apply === undefined)) throw new UsageError(apply === undefined ? "update-many needs a <file> (or --apply <plan>)" : "--apply <plan> takes the place of <file>: give one of them");
  if (options.force === true && apply === undefined) throw new UsageError("--force goes with --apply (or undo): it sends rows whose user changed since their change was planned");
  if (apply !== undefined) return [apply, { ...options, source: "plan", readState: true }];
  return [file as string, { ...options, readState: options.plan === true }];
}

/** Builds the program for one run; `setExitCode` receives the result of the command that ran. */
function createProgram(terminal: Terminal, setExitCode: (code: number) => void): Command {
  const program = new Command(programName)
    .description("Find and update the users of Microsoft Partner Center customers.")
    .version(packageVersion, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help")
    .exitOverride()
    // Each command's options follow it; `licenses assign` and `roles add` need this of every parent.
    .enablePositionalOptions()
    .showHelpAfterError("(add --help for usage)")
    .addHelpText("after", exitCodesHelp);

  // A GUID in braces ({…}, as Windows and PowerShell write them) is taken without them.
  const customerArgument = ["<customer-id>", "the customer's tenant id (a GUID)", withoutBraces] as const;
  const userArgument = ["<user>", "the user's object id (a GUID) or sign-in name (UPN)", withoutBraces] as const;

  withConnectionOptions(
    program
      .command("list")
      .description("List a customer's users, every page: a table on a terminal, JSON Lines otherwise, or a CSV update-many takes back.")
      .argument(...customerArgument)
      .option("--deleted", "the soft-deleted users (restorable for 30 days) instead of the active ones")
      .addOption(new Option("--format <format>", "table, json (JSON Lines) or csv (default: table on a terminal, json otherwise)").choices(["table", "json", "csv"])),
  ).action(async (customerId: string, options: ListOptions) => {
    const { runList } = await import("./find.js");
    setExitCode(await runList(customerId, options, terminal));
  });

  withConnectionOptions(program.command("get").description("Get one user; prints it as JSON.").argument(...customerArgument).argument(...userArgument)).action(
    async (customerId: string, user: string, options: ListOptions) => {
      const { runGet } = await import("./find.js");
      setExitCode(await runGet(customerId, user, options, terminal));
    },
  );

  withConnectionOptions(
    program
      .command("restore")
      .description("Restore a soft-deleted user (within 30 days of deletion); prints the restored user as JSON.")
      .argument(...customerArgument)
      .argument(...userArgument),
  ).action(async (customerId: string, user: string, options: UpdateOptions) => {
    const { runUpdate } = await import("./update.js");
    setExitCode(await runUpdate(customerId, user, { ...options, restore: true }, terminal));
  });

  const update = program
    .command("update")
    .description("Update one user; prints the updated user as JSON.")
    .argument(...customerArgument)
    .argument(...userArgument);
  for (const field of fieldOptions) update.option(field.flags, field.description);
  withConnectionOptions(
    update
      .option("--json <file>", "the fields to change as a JSON object, from a file or - for stdin (field options apply on top)")
      .option("--dry-run", "check the update against the spec and print the body; send nothing (a sign-in name is looked up, reading only)"),
  )
    .addHelpText(
      "after",
      `
Examples:
  ${programName} update <customer-id> <user-id> --usage-location US --mock
  printf '%s' "$NEW_PASSWORD" | ${programName} update <customer-id> <user-id> --password-stdin --force-change-password`,
    )
    .action(async (customerId: string, user: string, options: UpdateOptions) => {
      const { runUpdate } = await import("./update.js");
      setExitCode(await runUpdate(customerId, user, options, terminal));
    });

  withConnectionOptions(
    program
      .command("update-many")
      .description("Update many users from a CSV file (with a header row), JSON Lines or a JSON array, one user per row; or preview them (--plan), or apply a plan (--apply).")
      .argument("[file]", "the rows: .csv, .jsonl/.ndjson or .json (an array); other names by content; - for stdin")
      .addOption(new Option("-c, --concurrency <n>", "updates in flight at once").argParser(wholeNumber(1, maxConcurrency)).default(4))
      .option("--report <file>", "the JSON Lines report, the job's journal (default: stdout); one holding entries is continued")
      .option("--dry-run", "check every row against the spec; send nothing")
      .option("--plan", "read each user's current state and show what each row would change, from → to; send nothing (exit 1 if a row would fail)")
      .option("--plan-out <file>", "with --plan: save the plan (JSON Lines) for --apply")
      .option("--apply <plan>", "send exactly the changes of a saved plan, refusing users changed since (instead of <file>)")
      .option("--status-out <file>", "write the input back there with a status column (key) per row, in its own encoding and separator")
      .option("--send-unchanged", "send rows whose user has every value asked already (default: reported unchanged, not sent)")
      .option("--force", "with --apply: send rows whose user changed since the plan")
      .option("--only-failed <report>", "resume from that report: send only the changes it does not record as applied")
      .addOption(new Option("--format <format>", "the file's format, when its name does not say").choices(["csv", "jsonl", "json"]))
      .addOption(new Option("--delimiter <char>", "a CSV's separator: , ; | or tab (default: the one its header uses)").argParser(delimiter))
      .option("--strict-columns", "refuse a CSV column update-many does not know (default: ignored, with one note)")
      .option("--correlation-id <guid>", "the MS-CorrelationId of every request (default: a new one for the run)"),
  )
    .addHelpText(
      "after",
      `
Columns (CSV header) or keys (JSON Lines): customerId, userId (an object id) or
user (an object id or a sign-in name, looked up once per customer), then any of
${wrap([...bulkColumns.keys()].map((column, index, all) => `${column}${index < all.length - 1 ? "," : "."}`))}
An empty CSV cell leaves the field unchanged; other columns are ignored, with
one note. Rows of separators only, and lines repeating the header (files joined
with cat), are skipped, with one note. Each row is reported once, as
ok, failed, invalid (with its line number), skipped (a repeat of an earlier row),
unchanged (the user has every value asked already: not sent), change (--plan:
what it would change), valid (--dry-run) or cancelled (interrupted).`,
    )
    .action(async (file: string | undefined, options: UpdateManyOptions & { apply?: string }) => {
      const { runUpdateMany } = await import("./update-many.js");
      setExitCode(await runUpdateMany(...manyInput(file, options), terminal));
    });

  withConnectionOptions(
    program
      .command("create-many")
      .description("Onboard many users from a CSV file, JSON Lines or a JSON array: create each, assign its licences, add its directory roles; licences counted against free units before anything is sent.")
      .argument("<file>", "the rows: .csv, .jsonl/.ndjson or .json (an array); other names by content; - for stdin")
      .addOption(new Option("-c, --concurrency <n>", "rows onboarded at once").argParser(wholeNumber(1, maxConcurrency)).default(4))
      .option("--report <file>", "the JSON Lines report, the job's journal (default: stdout); one holding entries is continued")
      .option("--passwords-out <file>", "generate a password for each row without one, into this owner-only CSV file (never printed)")
      .option("--dry-run", "check every row, resolve SKUs and roles and count licences (reads only); send no write")
      .addOption(new Option("--usage-location-wait <ms>", "the most a row waits for its new usage location to be seen by the licence service").argParser(wholeNumber(0, 3_600_000)).default(120_000))
      .addOption(new Option("--format <format>", "the file's format, when its name does not say").choices(["csv", "jsonl", "json"]))
      .addOption(new Option("--delimiter <char>", "a CSV's separator: , ; | or tab (default: the one its header uses)").argParser(delimiter))
      .option("--correlation-id <guid>", "the MS-CorrelationId of every request (default: a new one for the run)"),
  )
    .addHelpText(
      "after",
      `
Columns (CSV header) or keys (JSON Lines): customerId, userPrincipalName, displayName,
then optionally firstName, lastName, usageLocation (needed for licences), immutableId,
password, forceChangePassword (default true), licenses (SKU part numbers or ids,
separated by ;) and roles (role names or ids, separated by ;). Rerun the same command
(same --report) after a crash or Ctrl-C: it continues each row where it stopped.`,
    )
    .action(async (file: string, options: CreateManyOptions) => {
      const { runCreateMany } = await import("./onboard/create-many.js");
      setExitCode(await runCreateMany(file, options, terminal));
    });

  withConnectionOptions(
    program
      .command("offboard-many")
      .description("Offboard many users from a file (customerId, user): record what each holds, remove its licences and roles, delete it; undo <report> restores them within 30 days.")
      .argument("<file>", "the rows: .csv, .jsonl/.ndjson or .json (an array); other names by content; - for stdin")
      .addOption(new Option("-c, --concurrency <n>", "rows offboarded at once").argParser(wholeNumber(1, maxConcurrency)).default(4))
      .option("--report <file>", "the JSON Lines report, the job's journal and what undo restores from (default: stdout); one holding entries is continued")
      .option("-y, --yes", "go ahead: offboard-many deletes users (it refuses without)")
      .addOption(new Option("--format <format>", "the file's format, when its name does not say").choices(["csv", "jsonl", "json"]))
      .addOption(new Option("--delimiter <char>", "a CSV's separator: , ; | or tab (default: the one its header uses)").argParser(delimiter))
      .option("--correlation-id <guid>", "the MS-CorrelationId of every request (default: a new one for the run)"),
  ).action(async (file: string, options: OffboardManyOptions) => {
    const { runOffboardMany } = await import("./onboard/offboard-many.js");
    setExitCode(await runOffboardMany(file, options, terminal));
  });

  /** The password of create and reset-password: from stdin or generated, never from argv. */
  const withPasswordOptions = (command: Command) =>
    command
      .option("--password-stdin", "read the password from stdin (default: generate a strong one and show it once on stderr)")
      .option("--force-change", "the user must change the password at next sign-in (the default)")
      .option("--no-force-change", "the user need not change the password at next sign-in");

  const create = program.command("create").description("Create a user; prints the created user as JSON.").argument(...customerArgument);
  for (const field of createOptions) create.option(field.flags, field.description);
  withConnectionOptions(withPasswordOptions(create))
    .addHelpText(
      "after",
      `
Examples:
  ${programName} create <customer-id> --upn ada@contoso.onmicrosoft.com --display-name "Ada Lovelace" --usage-location GB
  printf '%s' "$PASSWORD" | ${programName} create <customer-id> --upn … --display-name … --password-stdin`,
    )
    .action(async (customerId: string, options: CreateOptions) => {
      const { runCreate } = await import("./accounts.js");
      setExitCode(await runCreate(customerId, options, terminal));
    });

  withConnectionOptions(
    program
      .command("delete")
      .description("Delete a user (soft: restorable for 30 days with restore); asks first on a terminal.")
      .argument(...customerArgument)
      .argument(...userArgument)
      .option("-y, --yes", "delete without asking (needed when there is no terminal to ask on)"),
  ).action(async (customerId: string, user: string, options: DeleteOptions) => {
    const { runDelete } = await import("./accounts.js");
    setExitCode(await runDelete(customerId, user, options, terminal));
  });

  withConnectionOptions(
    withPasswordOptions(program.command("reset-password").description("Set a new password for a user (the PATCH of the user).").argument(...customerArgument).argument(...userArgument)),
  ).action(async (customerId: string, user: string, options: ResetPasswordOptions) => {
    const { runResetPassword } = await import("./accounts.js");
    setExitCode(await runResetPassword(customerId, user, options, terminal));
  });

  const jsonOption = ["--json", "one JSON object a line instead of a table"] as const;

  /** A listing of what a user holds (`licenses`, `roles`); enablePositionalOptions: the options after a subcommand are its own. */
  const userListing = (name: string, description: string, run: (customerId: string, user: string, options: ListingOptions) => Promise<number>) =>
    withConnectionOptions(program.command(name).enablePositionalOptions().description(description).argument(...customerArgument).argument(...userArgument).option(...jsonOption)).action(
      async (customerId: string, user: string, options: ListingOptions) => setExitCode(await run(customerId, user, options)),
    );

  /** A subcommand that gives a user what `argument` names, or takes it away. */
  const userChange = <T,>(listing: Command, action: string, description: string, argument: readonly [string, string], run: (customerId: string, user: string, what: T, options: ListingOptions) => Promise<number>) =>
    withConnectionOptions(listing.command(action).description(description).argument(...customerArgument).argument(...userArgument).argument(...argument)).action(
      async (customerId: string, user: string, what: T, options: ListingOptions) => setExitCode(await run(customerId, user, what, options)),
    );

  const licenses = userListing("licenses", "List a user's licences (both licence groups): a table, or JSON Lines with --json; assign or remove them.", async (customerId, user, options) =>
    (await import("./licenses.js")).runLicenses(customerId, user, options, terminal),
  );
  for (const action of ["assign", "remove"] as const) {
    const description = `${action === "assign" ? "Assign" : "Remove"} licences (one request per licence group); SKUs are checked${action === "assign" ? " for free units" : ""} before anything is sent.`;
    userChange<string[]>(licenses, action, description, ["<sku...>", "SKUs by id or skuPartNumber (see skus)"], async (customerId, user, skus, options) =>
      (await import("./licenses.js")).runLicenseChange(action, customerId, user, skus, options, terminal),
    );
  }

  withConnectionOptions(
    program
      .command("skus")
      .description("A customer's subscribed SKUs with total, consumed and free units: a table, or JSON Lines with --json.")
      .argument(...customerArgument)
      .option(...jsonOption),
  ).action(async (customerId: string, options: ListingOptions) => {
    const { runSkus } = await import("./licenses.js");
    setExitCode(await runSkus(customerId, options, terminal));
  });

  const roles = userListing("roles", "List a user's directory roles: a table, or JSON Lines with --json; add or remove one.", async (customerId, user, options) =>
    (await import("./roles.js")).runRoles(customerId, user, options, terminal),
  );
  for (const action of ["add", "remove"] as const) {
    const description = `${action === "add" ? "Give the user" : "Take from the user"} a directory role, named by id or display name (see roles).`;
    userChange<string>(roles, action, description, ["<role>", 'the role\'s id or display name, e.g. "Helpdesk Administrator"'], async (customerId, user, role, options) =>
      (await import("./roles.js")).runRoleChange(action, customerId, user, role, options, terminal),
    );
  }

  withConnectionOptions(
    program
      .command("undo")
      .description("Set back what a run of update-many changed, from its report: each field to its value before, refusing users changed since; or restore the users an offboard-many run offboarded, with their roles and licences; exactly once, journaled like update-many.")
      .argument("<report>", "the --report of the run to undo")
      .addOption(new Option("-c, --concurrency <n>", "updates in flight at once").argParser(wholeNumber(1, maxConcurrency)).default(4))
      .option("--report <file>", "the undo's own JSON Lines report and journal (default: stdout); one holding entries is continued")
      .option("--force", "set back fields someone changed since the run, too")
      .option("--correlation-id <guid>", "the MS-CorrelationId of every request (default: a new one for the run)"),
  ).action(async (report: string, options: UpdateManyOptions) => {
    // An offboard-many report is undone by restoring its users (onboard/offboard-undo.ts); the
    // other bulk jobs' reports are not undone (update-many's undo would misread them).
    const { reportJob } = await import("./journal/job-kind.js");
    const kind = await reportJob(report);
    if (kind === "create-many") throw new UsageError(`${report} is a create-many report: undo does not apply to one — to remove the users it created, list them in a file and run offboard-many; nothing was sent`);
    if (kind === "offboard-undo") throw new UsageError(`${report} is the report of an undo of an offboarding: it is not undone in turn — to offboard those users again, run offboard-many; nothing was sent`);
    if (kind === "offboard-many") {
      const { runUndoOffboard } = await import("./onboard/offboard-undo.js");
      return setExitCode(await runUndoOffboard(report, options, terminal));
    }
    const { runUpdateMany } = await import("./update-many.js");
    setExitCode(await runUpdateMany(report, { ...options, source: "undo", readState: true }, terminal));
  });

  program
    .command("login")
    .description(`Sign in with a device code, for ${partnerCenterScope}; the next commands use the cached token and refresh it.`)
    .option("--client-id <id>", `the public client (application) id (default: ${authVariables.clientId}, else the Azure CLI's ${defaultClientId})`)
    .option("--tenant <tenant>", `your partner tenant: its id, a domain, or organizations (default: ${authVariables.tenant}, else organizations)`)
    .action(async (options: LoginOptions) => {
      const { runLogin } = await import("./auth/commands.js");
      setExitCode(await runLogin(options, terminal));
    });

  program
    .command("logout")
    .description("Remove the login cache that login wrote.")
    .action(async () => {
      const { runLogout } = await import("./auth/commands.js");
      setExitCode(runLogout(terminal));
    });

  const auth = program.command("auth").description("The token: auth status.");
  withAuthOptions(
    auth
      .command("status")
      .description("Who the token is for, its audience, scope, expiry and MFA claim, read from its claims (never printed, signature not verified); exit 0 if usable, 1 if not."),
  ).action(async (options: AuthOptions) => {
    const { runAuthStatus } = await import("./auth/commands.js");
    setExitCode(await runAuthStatus(options, terminal));
  });

  return program;
}

/** Secrets on the command line would show in `ps` and shell history: refuse them without echoing. */
function refuseSecretArguments(args: readonly string[]): void {
  const secret = args.find((arg) => /^--(password|token|refresh-token|(app-|client-)?secret)(=|$)/i.test(arg));
  if (secret !== undefined) {
    throw new UsageError(
      `passwords, tokens and secrets are never taken as arguments: use --password-stdin, and PARTNER_CENTER_TOKEN or --token-stdin (or the environment variables of docs/signing-in.md)`,
    );
  }
}

export async function main(argv: readonly string[], terminal = new Terminal()): Promise<number> {
  let code: number = exitCode.ok;
  try {
    refuseSecretArguments(argv.slice(2));
    await createProgram(terminal, (result) => (code = result)).parseAsync([...argv]);
    return code;
  } catch (error) {
    // commander has printed its own message (or the help, or the version) already.
    if (error instanceof CommanderError) return error.exitCode === 0 ? exitCode.ok : exitCode.usage;
    // The client refuses bad arguments before sending anything: that is bad usage too.
    if (error instanceof UsageError || error instanceof PartnerCenterArgumentError) {
      terminal.sayError(error.message);
      return exitCode.usage;
    }
    if (error instanceof InterruptedError) {
      terminal.sayError(error.message);
      return exitCode.interrupted;
    }
    terminal.sayError(failureLine(error));
    return exitCode.failed;
  }
}

process.exitCode = await main(process.argv);
