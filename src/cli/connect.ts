// The typed client as the CLI uses it: the token, the target, an application name Microsoft's
// logs can show, and with --verbose a log line for every attempt (secrets redacted by the client).
import { createPartnerCenterClient } from "../index.js";
import { say } from "./output.js";
import { packageVersion } from "./package-root.js";
import { formatLogEntry } from "./verbose.js";

export type Client = ReturnType<typeof createPartnerCenterClient>;

export interface ConnectOptions {
  readonly token: string;
  readonly baseUrl: string | undefined;
  readonly verbose?: boolean;
}

/** Throws a PartnerCenterArgumentError (a usage error here) for a base URL the client refuses. */
export function connect(options: ConnectOptions): Client {
  return createPartnerCenterClient({
    credential: options.token,
    baseUrl: options.baseUrl,
    applicationName: `partner-center-users-cli/${packageVersion}`,
    ...(options.verbose && { log: (entry) => say(formatLogEntry(entry)) }),
  });
}
