// What a journal knows of each change it names, for a million changes in flat memory. As objects in
// a Map a resume from a million-row journal peaked at ~700 MiB; here a change is one record of
// typed arrays — its key's 22 characters, its request id's 16 bytes, two line numbers and a flag
// byte, about 80 bytes with the table that finds it — and an object only while it is looked at.
import type { KnownChange } from "./report.js";
import { NumberTable } from "../number-table.js";

const keyLength = 22;
const keyPattern = /^[A-Za-z0-9_-]{22}$/;
const guidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const done = 1;
const hasId = 2;

/** Whether `key` can be a row key of this program (row-keys.ts: 22 base64url characters). */
export const isRowKey = (key: string): boolean => keyPattern.test(key);

export class ChangeIndex {
  /** The first 48 bits of a key → its record; keys sharing those bits go to `#overflow`, found exactly. */
  readonly #records = new NumberTable();
  readonly #overflow = new Map<string, number>();
  #keys = new Uint8Array(keyLength * 1024);
  #ids = new Uint8Array(16 * 1024);
  #lines = new Uint32Array(1024);
  #reportLines = new Uint32Array(1024);
  #flags = new Uint8Array(1024);
  /** Request ids that are not lower-case GUIDs (kept exactly), and the rare conflicts, by record. */
  readonly #oddIds = new Map<number, string>();
  readonly #conflicts = new Map<number, number>();
  /** What a change sent with its outcome unknown recorded it would change (few at a time: a sent row's outcome follows it). */
  readonly #changes = new Map<number, KnownChange["changes"]>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  has(key: string): boolean {
    return this.#find(key) !== undefined;
  }

  get(key: string): KnownChange | undefined {
    const record = this.#find(key);
    return record === undefined ? undefined : this.#change(record);
  }

  /** `key` must be a row key (isRowKey). */
  set(key: string, change: KnownChange): this {
    let record = this.#find(key);
    if (record === undefined) {
      record = this.#size++;
      this.#makeRoom();
      this.#keys.set(Buffer.from(key, "latin1"), record * keyLength);
      const prefix = prefixOf(key);
      if (this.#records.has(prefix)) this.#overflow.set(key, record);
      else this.#records.setIfAbsent(prefix, record);
    }
    this.#lines[record] = change.line;
    this.#reportLines[record] = change.reportLine;
    this.#flags[record] = (change.done ? done : 0) | (change.requestId !== undefined ? hasId : 0);
    this.#oddIds.delete(record);
    if (change.requestId !== undefined) {
      if (guidPattern.test(change.requestId)) this.#ids.set(Buffer.from(change.requestId.replaceAll("-", ""), "hex"), record * 16);
      else this.#oddIds.set(record, change.requestId);
    }
    if (change.conflictsWith === undefined) this.#conflicts.delete(record);
    else this.#conflicts.set(record, change.conflictsWith);
    if (change.changes === undefined) this.#changes.delete(record);
    else this.#changes.set(record, change.changes);
    return this;
  }

  *entries(): Generator<[string, KnownChange]> {
    for (let record = 0; record < this.#size; record++) yield [this.#keyOf(record), this.#change(record)];
  }

  *values(): Generator<KnownChange> {
    for (let record = 0; record < this.#size; record++) yield this.#change(record);
  }

  [Symbol.iterator](): Generator<[string, KnownChange]> {
    return this.entries();
  }

  #find(key: string): number | undefined {
    if (!isRowKey(key)) return undefined;
    const record = this.#records.get(prefixOf(key));
    if (record === undefined) return undefined;
    return this.#keyOf(record) === key ? record : this.#overflow.get(key);
  }

  #keyOf(record: number): string {
    return Buffer.from(this.#keys.buffer, this.#keys.byteOffset + record * keyLength, keyLength).toString("latin1");
  }

  #change(record: number): KnownChange {
    const flags = this.#flags[record] as number;
    const conflictsWith = this.#conflicts.get(record);
    const changes = this.#changes.get(record);
    return {
      line: this.#lines[record] as number,
      reportLine: this.#reportLines[record] as number,
      done: (flags & done) !== 0,
      ...((flags & hasId) !== 0 && { requestId: this.#oddIds.get(record) ?? guidOf(this.#ids.subarray(record * 16, record * 16 + 16)) }),
      ...(conflictsWith !== undefined && { conflictsWith }),
      ...(changes !== undefined && { changes }),
    };
  }

  #makeRoom(): void {
    if (this.#size <= this.#lines.length) return;
    const grown = <T extends Uint8Array | Uint32Array>(array: T, make: (length: number) => T): T => {
      const bigger = make(array.length * 2);
      bigger.set(array);
      return bigger;
    };
    this.#keys = grown(this.#keys, (length) => new Uint8Array(length));
    this.#ids = grown(this.#ids, (length) => new Uint8Array(length));
    this.#lines = grown(this.#lines, (length) => new Uint32Array(length));
    this.#reportLines = grown(this.#reportLines, (length) => new Uint32Array(length));
    this.#flags = grown(this.#flags, (length) => new Uint8Array(length));
  }
}

const prefixOf = (key: string): number => Buffer.from(key.slice(0, 8), "base64url").readUIntBE(0, 6);

function guidOf(bytes: Uint8Array): string {
  const hex = Buffer.from(bytes).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
