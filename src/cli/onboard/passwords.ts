// --passwords-out <file>: where create-many puts the passwords it generates, the only place they
// ever go (never stdout, stderr or the report). A CSV — customerId, userPrincipalName, password —
// made owner-only (0600), appended to and flushed to disk BEFORE the create that uses the password
// is sent: a run killed just after the create still left the password behind. A rerun reads the
// file back and uses the same password for a user it names, so the file holds one password per user.
import { closeSync, fstatSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { principalNameKey } from "../../ids.js";
import { UsageError } from "../run-end.js";

const header = ["customerId", "userPrincipalName", "password"];
const userKey = (customerId: string, upn: string) => `${principalNameKey(customerId)}/${principalNameKey(upn)}`;

export class PasswordsFile {
  #fd: number;
  /** Each user's row as written (customerId, sign-in name, password), by user. */
  readonly #rows = new Map<string, string[]>();
  /** Users this run generated a password for: only such a password is ever taken out again. */
  readonly #generated = new Set<string>();

  /** Opens (or makes, owner-only) the file; one holding anything but this program's passwords is refused. */
  constructor(readonly path: string) {
    try {
      this.#fd = openSync(path, "a+", 0o600);
    } catch (error) {
      throw new UsageError(`cannot write --passwords-out ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; nothing was sent`);
    }
    const stats = fstatSync(this.#fd);
    if (!stats.isFile()) throw new UsageError(`--passwords-out ${path} is not a file: passwords go to a file only you can read; nothing was sent`);
    if ((stats.mode & 0o077) !== 0) throw new UsageError(`--passwords-out ${path} can be read by others (mode ${(stats.mode & 0o777).toString(8)}): chmod 600 it, or give a new file; nothing was sent`);
    const text = readFileSync(path, "utf8");
    if (text === "") writeSync(this.#fd, stringify([header]));
    else this.#read(text);
  }

  #read(text: string): void {
    let records: string[][];
    try {
      records = parse(text, { relax_column_count: true, skip_empty_lines: true }) as string[][];
    } catch {
      records = [];
    }
    if (records[0]?.join(",") !== header.join(",")) throw new UsageError(`--passwords-out ${this.path} holds something that is not a passwords file of this program: give a new file (it is never written over); nothing was sent`);
    for (const [customerId, upn, password] of records.slice(1)) if (customerId && upn && password) this.#rows.set(userKey(customerId, upn), [customerId, upn, password]);
  }

  /** The password an earlier run generated for this user, if it did. */
  passwordOf(customerId: string, upn: string): string | undefined {
    return this.#rows.get(userKey(customerId, upn))?.[2];
  }

  /** Records a new password, on disk before it returns (the create that uses it is sent after). */
  add(customerId: string, upn: string, password: string): void {
    writeSync(this.#fd, stringify([[customerId, upn, password]]));
    fsyncSync(this.#fd);
    this.#rows.set(userKey(customerId, upn), [customerId, upn, password]);
    this.#generated.add(userKey(customerId, upn));
  }

  /**
   * Takes out a password this run generated for a user its create did not make (refused because
   * another user had the sign-in name before the run): no admin is to hand it out. The file is
   * written anew beside it, flushed and renamed into place, so a crash leaves the old or the new
   * file whole — never one missing a password of a user that was created.
   */
  forget(customerId: string, upn: string): void {
    const key = userKey(customerId, upn);
    if (!this.#generated.delete(key)) return;
    this.#rows.delete(key);
    const temporary = `${this.path}.partial`;
    const fd = openSync(temporary, "w", 0o600);
    try {
      writeSync(fd, stringify([header, ...this.#rows.values()]));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, this.path);
    closeSync(this.#fd);
    this.#fd = openSync(this.path, "a+", 0o600);
  }

  close(): void {
    closeSync(this.#fd);
  }
}
