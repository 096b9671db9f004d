// Where updates go: --base-url (default: the client's, the real Partner Center), or --mock, which
// starts the embedded Prism mock of the spec for this run only and stops it afterwards.
import { existsSync } from "node:fs";
import { specPath } from "./package-root.js";
import { UsageError } from "./usage-error.js";

export interface TargetOptions {
  readonly baseUrl?: string;
  readonly mock?: boolean;
}

export interface Target {
  /** undefined: the client's default, the real Partner Center. */
  readonly baseUrl: string | undefined;
  close(): Promise<void>;
}

export function checkTarget(options: TargetOptions): void {
  if (options.mock && options.baseUrl !== undefined) throw new UsageError("give --mock or --base-url, not both");
  // Not quoted: a URL can carry credentials.
  if (options.baseUrl !== undefined && !URL.canParse(options.baseUrl)) throw new UsageError("--base-url is not a URL");
}

export async function openTarget(options: TargetOptions, log: (line: string) => void): Promise<Target> {
  checkTarget(options);
  if (!options.mock) return { baseUrl: options.baseUrl, close: async () => {} };
  // The mock needs the spec and Prism, which a clone of the repository has (after npm ci) but an
  // installed package does not: say so rather than fail on a missing module.
  if (!existsSync(specPath)) throw new UsageError(`--mock needs the spec at ${specPath}: run it from a clone of the repository`);
  // Loaded only for --mock: most runs never need it.
  const { prismBin, startPrism } = await import("./mock-server.js");
  try {
    prismBin();
  } catch {
    throw new UsageError("--mock needs @stoplight/prism-cli, a development dependency: run npm ci in a clone of the repository");
  }
  const mock = await startPrism({ specPath, mode: "mock" });
  log(`mock: Prism serving ${specPath} at ${mock.url} (pid ${mock.pid})`);
  return { baseUrl: mock.url, close: () => mock.stop() };
}
