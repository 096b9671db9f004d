// Building a patch body from parts: a --json document, then the field options on top of it.
import { readFileSync } from "node:fs";
import { readStdin } from "./stdin.js";
import { registerSecret } from "./secrets.js";
import { UsageError } from "./usage-error.js";

export type PatchBody = Record<string, unknown>;

function isObject(value: unknown): value is PatchBody {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets `a.b.c` in a body, making the objects on the way. */
export function setField(body: PatchBody, path: string, value: unknown): void {
  const [head, ...rest] = path.split(".") as [string, ...string[]];
  if (rest.length === 0) {
    body[head] = value;
    return;
  }
  const child = body[head];
  const object = isObject(child) ? child : (body[head] = {});
  setField(object as PatchBody, rest.join("."), value);
}

/** A password in a body is a secret wherever it came from. */
export function registerPassword(body: PatchBody): string | undefined {
  const profile = body["passwordProfile"];
  const password = isObject(profile) ? profile["password"] : undefined;
  if (typeof password !== "string") return undefined;
  registerSecret(password);
  return password;
}

/** --json <file|->: a JSON object, the body to send. */
export async function readJsonBody(source: string): Promise<PatchBody> {
  // JSON text given in place of a file name would be echoed by "cannot read": it may hold a password.
  if (/^\s*[{[]/.test(source)) throw new UsageError("--json takes a file name, or - to read stdin, not JSON text");
  let text: string;
  try {
    text = source === "-" ? await readStdin("--json -") : readFileSync(source, "utf8");
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`--json: cannot read ${source}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  let body: unknown;
  try {
    body = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    // Not the parser's message: it quotes the text, which may hold a password.
    throw new UsageError(`--json: ${source === "-" ? "stdin" : source} is not valid JSON`);
  }
  if (!isObject(body)) throw new UsageError(`--json: ${source === "-" ? "stdin" : source} must hold a JSON object, the fields to change`);
  registerPassword(body);
  return body;
}
