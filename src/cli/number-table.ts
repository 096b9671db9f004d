// A hash table from whole-number keys (up to 2^52) to numbers, kept in two Float64Arrays with open
// addressing. update-many keeps one entry per user a file names, for a million rows if need be: as
// a Map that would be two heap numbers and a table slot per entry (~90 bytes, and objects for the
// garbage collector to walk on every major collection); here it is 16 bytes a slot, off the heap.

const empty = 0; // keys are stored plus one, so that 0 can mark a free slot

export class NumberTable {
  #keys = new Float64Array(1 << 12);
  #values = new Float64Array(1 << 12);
  #size = 0;

  get size(): number {
    return this.#size;
  }

  get(key: number): number | undefined {
    const slot = this.#find(key);
    return this.#keys[slot] === empty ? undefined : this.#values[slot];
  }

  has(key: number): boolean {
    return this.get(key) !== undefined;
  }

  /** Sets `key` to `value` unless it has one already (the first one is kept). */
  setIfAbsent(key: number, value: number): void {
    const slot = this.#find(key);
    if (this.#keys[slot] !== empty) return;
    this.#keys[slot] = key + 1;
    this.#values[slot] = value;
    if (++this.#size * 2 > this.#keys.length) this.#grow();
  }

  // Linear probing from the key's home slot to the key or the first free slot.
  #find(key: number): number {
    if (!Number.isSafeInteger(key) || key < 0 || key >= 2 ** 52) throw new RangeError(`a NumberTable key must be a whole number below 2^52, not ${key}`);
    const mask = this.#keys.length - 1;
    let slot = key % this.#keys.length;
    while (this.#keys[slot] !== empty && this.#keys[slot] !== key + 1) slot = (slot + 1) & mask;
    return slot;
  }

  #grow(): void {
    const keys = this.#keys;
    const values = this.#values;
    this.#keys = new Float64Array(keys.length * 2);
    this.#values = new Float64Array(keys.length * 2);
    this.#size = 0;
    for (let slot = 0; slot < keys.length; slot++) if (keys[slot] !== empty) this.setIfAbsent((keys[slot] as number) - 1, values[slot] as number);
  }
}
