// The environment a child process (--mock's Prism, `az`) is started with: the parent's, minus the
// variables that hold this program's secrets. A child needs none of them, and what a child has it
// can leak — in a crash dump, a debug log, its own children, or /proc/<pid>/environ to whoever may
// read that. Node builtins only, nothing of the CLI: mock-server.ts, which scripts and tests load
// alone, uses it too.

/** The variables holding a token or a secret (the rest of sign-in's variables are names, ids and paths). */
export const secretVariables = {
  token: "PARTNER_CENTER_TOKEN",
  appSecret: "PARTNER_CENTER_APP_SECRET",
  refreshToken: "PARTNER_CENTER_REFRESH_TOKEN",
} as const;

/** `env` (default: this process's) without the secret variables, for every child this program starts. */
export function childEnvironment(env: NodeJS.ProcessEnv = process.env, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const copy: NodeJS.ProcessEnv = { ...env, ...extra };
  for (const name of Object.values(secretVariables)) delete copy[name];
  return copy;
}
