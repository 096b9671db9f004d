// What identifies a row of update-many's input across runs: its content, never its position. A
// journal entry carries the row's key — customer, user as named, and the change — so a resume finds
// a row's earlier outcome and request id however the file was sorted, filtered or added to since.
//
// A key must not be a password verifier: a hash of the password that anyone holding the report can
// test guesses against (a report is mailed around, attached to tickets). So a row's password enters
// its key only through an HMAC with a random secret of the journal's own, kept apart from the
// report, owner-only, in this program's config folder (journal-keys/<keyId>); the entries of rows
// that set a password name that keyId. Without the secret a password row cannot be matched, so it
// is refused rather than risk sending it twice.
import { createHmac, hash, randomBytes, randomUUID } from "node:crypto";
import { join } from "node:path";
import { principalNameKey } from "../../ids.js";
import { configDir, readPrivateFile, writePrivateFile } from "../auth/private-file.js";
import type { Row } from "../rows.js";

/** JSON with object keys sorted, so equal rows give equal text whatever the order of their columns. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`).join(",")}}`;
}

/** A key of 22 base64url characters (isRowKey), for a text naming a change. */
export const digest = (text: string): string => hash("sha1", text, "base64url").slice(0, 22);


export interface RowKeys {
  /** The journal's key: customer, user as named, and every field. */
  readonly row: string;
  /** The change alone: two rows for one user ask the same when it is equal, however they name the user. */
  readonly change: string;
  /** Why the key cannot match the journal's: the row sets a password and the journal's secret is not here. */
  readonly unverifiable?: string;
  /** For a row that named its user by sign-in name, once found: its key with the object id instead. */
  readonly resolved?: string;
}

const keyIdPattern = /^[0-9a-f-]{36}$/;

/** The keys of rows, for one journal. */
export class RowKeyer {
  /** Names the secret that password rows of this journal are keyed with. */
  readonly keyId: string;
  readonly #folder: string;
  #secret: Buffer | undefined;
  /** The journal's entries name a secret this machine does not have. */
  readonly #missing: boolean;

  readonly #store: boolean;

  /**
   * `keyId`: the one the journal's entries name, if they name one; otherwise a new one, made when
   * first needed — and kept only with `store` (a dry run's keys are never matched again).
   */
  constructor(keyId: string | undefined, { store = true, env = process.env }: { store?: boolean; env?: NodeJS.ProcessEnv } = {}) {
    this.#folder = join(configDir(env), "journal-keys");
    this.#store = store;
    this.keyId = keyId ?? randomUUID();
    if (keyId !== undefined) {
      const text = keyIdPattern.test(keyId) ? readPrivateFile(join(this.#folder, keyId)) : undefined;
      this.#secret = text === undefined ? undefined : Buffer.from(text.trim(), "base64");
      this.#missing = this.#secret === undefined;
    } else this.#missing = false;
  }

  /** Where the secret is kept: for messages. */
  get secretPath(): string {
    return join(this.#folder, this.keyId);
  }

  keys(row: Row): RowKeys {
    // Ids as Partner Center compares them: GUIDs and sign-in names without regard to ASCII case.
    const customerId = principalNameKey(row.customerId ?? "");
    const user = principalNameKey(row.user ?? row.userId ?? "");
    const sets = row.secret !== undefined && row.patch["passwordProfile"] !== undefined;
    const change = this.#changeText(row);
    return {
      row: digest(`${customerId}\n${user}\n${change}`),
      change: digest(`${customerId}\n${change}`),
      ...(sets && this.#missing && { unverifiable: `the secret this report's password rows were keyed with (${this.secretPath}) is not on this machine` }),
    };
  }

  #changeText(row: Row): string {
    const { patch } = row;
    const profile = patch["passwordProfile"] as Record<string, unknown> | undefined;
    if (!profile || row.secret === undefined) return canonical(patch);
    const password = createHmac("sha256", this.#key()).update(row.secret).digest("base64url");
    return canonical({ ...patch, passwordProfile: { ...profile, password } });
  }

  /** The journal's secret; made (and, with `store`, kept) on first need; a stand-in that matches nothing when it is missing. */
  #key(): Buffer {
    if (this.#secret) return this.#secret;
    const secret = randomBytes(32);
    if (this.#store && !this.#missing) writePrivateFile(this.secretPath, `${secret.toString("base64")}\n`);
    this.#secret = secret;
    return secret;
  }
}
