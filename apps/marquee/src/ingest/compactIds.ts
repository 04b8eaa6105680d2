/**
 * Compact in-memory lookups keyed by IMDb ids (`nm0000001`, `tt0000001`) for the bulk load. An id
 * in its canonical spelling (two letters, then 7 digits, or 8–9 digits without a leading zero) is
 * kept as its number in typed arrays, outside the garbage-collected heap; any other spelling the
 * parsers accept (a 10th digit, a leading zero past the 7th) goes to a plain Set/Map, which real
 * files never need.
 */

/** The number of a canonical id, or -1 when the id must be kept as a string. */
export function idNumber(id: string): number {
  const digits = id.length - 2;
  if (digits < 7 || digits > 9 || (digits > 7 && id.charCodeAt(2) === 48)) return -1;
  let value = 0;
  for (let index = 2; index < id.length; index += 1) {
    const code = id.charCodeAt(index) - 48;
    if (code < 0 || code > 9) return -1;
    value = value * 10 + code;
  }
  return value;
}

type TypedArray = Uint8Array | Uint32Array | Float64Array;

/** `array`, or a copy at least twice as long when `index` is past its end. */
function room<T extends TypedArray>(array: T, index: number, make: (length: number) => T): T {
  if (index < array.length) return array;
  const bigger = make(Math.max(1024, array.length * 2, index + 1));
  bigger.set(array);
  return bigger;
}

/**
 * A set of ids, filled then frozen. While filling it costs 4 bytes an id; `freeze` keeps the
 * smaller of a sorted array (4 bytes an id) and a bitmap over the ids' range (1 bit per number
 * between the smallest and largest id): for IMDb's densely numbered nconsts, about 1.8 MB for 14
 * million names.
 */
export class IdSet {
  private numbers = new Uint32Array(0);
  private count = 0;
  private readonly others = new Set<string>();
  private bitmap: Uint8Array | undefined;
  private sorted: Uint32Array | undefined;
  private base = 0;

  get size(): number {
    return this.count + this.others.size;
  }

  add(id: string): void {
    if (this.bitmap !== undefined || this.sorted !== undefined) throw new Error('IdSet is frozen');
    const number = idNumber(id);
    if (number < 0) {
      this.others.add(id);
      return;
    }
    this.numbers = room(this.numbers, this.count, (length) => new Uint32Array(length));
    this.numbers[this.count++] = number;
  }

  /** Ends filling: sorts, or turns into a bitmap when that is smaller. */
  freeze(): void {
    if (this.bitmap !== undefined || this.sorted !== undefined) return;
    const numbers = this.numbers.subarray(0, this.count);
    let min = Infinity;
    let max = -1;
    for (const number of numbers) {
      if (number < min) min = number;
      if (number > max) max = number;
    }
    if (this.count > 0 && (max - min + 1) / 8 < this.count * 4) {
      this.base = min;
      const bitmap = new Uint8Array(Math.ceil((max - min + 1) / 8));
      for (const number of numbers) {
        const offset = number - min;
        bitmap[offset >>> 3] = (bitmap[offset >>> 3] ?? 0) | (1 << (offset & 7));
      }
      this.bitmap = bitmap;
    } else {
      this.sorted = numbers.slice().sort();
    }
    this.numbers = new Uint32Array(0);
  }

  /** Bytes held by the typed arrays (for the documentation's figures and tests). */
  get bytes(): number {
    return (
      (this.bitmap?.byteLength ?? 0) + (this.sorted?.byteLength ?? 0) + this.numbers.byteLength
    );
  }

  has(id: string): boolean {
    const number = idNumber(id);
    if (number < 0) return this.others.has(id);
    this.freeze();
    if (this.bitmap !== undefined) {
      const offset = number - this.base;
      if (offset < 0 || offset >= this.bitmap.length * 8) return false;
      return ((this.bitmap[offset >>> 3] ?? 0) & (1 << (offset & 7))) !== 0;
    }
    const sorted = this.sorted ?? new Uint32Array(0);
    let low = 0;
    let high = sorted.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const value = sorted[middle] ?? 0;
      if (value === number) return true;
      if (value < number) low = middle + 1;
      else high = middle - 1;
    }
    return false;
  }
}

/**
 * A map from ids to dense slots 0, 1, 2, … in first-seen order: an open-addressing hash table of
 * numbers in typed arrays (about 12–24 bytes an id), strings for the rest. The caller keeps each
 * slot's values in parallel typed arrays.
 */
export class IdSlots {
  private table = new Int32Array(2048).fill(-1);
  private keys = new Uint32Array(1024);
  private numbered = 0;
  private readonly others = new Map<string, number>();
  private next = 0;

  get size(): number {
    return this.next;
  }

  /** The slot of `id`, or -1. */
  get(id: string): number {
    const number = idNumber(id);
    if (number < 0) return this.others.get(id) ?? -1;
    const mask = this.table.length - 1;
    for (let index = IdSlots.hash(number) & mask; ; index = (index + 1) & mask) {
      const slot = this.table[index] ?? -1;
      if (slot < 0) return -1;
      if (this.keys[slot] === number) return slot;
    }
  }

  /** The slot of `id`, added with the next free slot if it is new; `isNew` says which. */
  add(id: string): { slot: number; isNew: boolean } {
    const existing = this.get(id);
    if (existing >= 0) return { slot: existing, isNew: false };
    const slot = this.next++;
    const number = idNumber(id);
    if (number < 0) {
      this.others.set(id, slot);
      return { slot, isNew: true };
    }
    this.keys = room(this.keys, slot, (length) => new Uint32Array(length));
    this.keys[slot] = number;
    this.numbered += 1;
    if (this.numbered * 2 > this.table.length) this.rehash();
    else this.place(number, slot);
    return { slot, isNew: true };
  }

  private place(number: number, slot: number): void {
    const mask = this.table.length - 1;
    let index = IdSlots.hash(number) & mask;
    while ((this.table[index] ?? -1) >= 0) index = (index + 1) & mask;
    this.table[index] = slot;
  }

  private rehash(): void {
    this.table = new Int32Array(this.table.length * 2).fill(-1);
    const others = new Set(this.others.values());
    for (let slot = 0; slot < this.next; slot += 1) {
      if (!others.has(slot)) this.place(this.keys[slot] ?? 0, slot);
    }
  }

  private static hash(number: number): number {
    return Math.imul(number, 0x9e3779b1) >>> 0;
  }
}

/** A growable column of numbers in a typed array (Uint8Array, Uint32Array or Float64Array). */
export class Column<T extends TypedArray> {
  private values: T;
  private readonly make: (length: number) => T;

  constructor(make: (length: number) => T) {
    this.make = make;
    this.values = make(1024);
  }

  get(index: number): number {
    return this.values[index] ?? 0;
  }

  set(index: number, value: number): void {
    this.values = room(this.values, index, this.make);
    this.values[index] = value;
  }
}

export const uint8Column = () => new Column((length) => new Uint8Array(length));
export const float64Column = () => new Column((length) => new Float64Array(length));

/** Ids per page of `SeenIds`: 8 KiB of bitmap each. */
const PAGE_BITS = 16;

/**
 * A set of ids that is added to and queried in any order (unlike `IdSet`): a bitmap in pages of
 * 65,536 numbers, allocated as ids fall in them. For densely numbered ids (IMDb's) that is 1 bit
 * an id, about 5 MB for 40 million tconsts; at most 125 MB whatever the ids, since canonical ids
 * are below 10^9.
 */
export class SeenIds {
  private readonly pages = new Map<number, Uint8Array>();
  private readonly others = new Set<string>();

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    const number = idNumber(id);
    if (number < 0) {
      if (this.others.has(id)) return false;
      this.others.add(id);
      return true;
    }
    const pageNumber = number >>> PAGE_BITS;
    let page = this.pages.get(pageNumber);
    if (page === undefined) {
      page = new Uint8Array(1 << (PAGE_BITS - 3));
      this.pages.set(pageNumber, page);
    }
    const offset = number & ((1 << PAGE_BITS) - 1);
    const byte = page[offset >>> 3] ?? 0;
    const bit = 1 << (offset & 7);
    if ((byte & bit) !== 0) return false;
    page[offset >>> 3] = byte | bit;
    return true;
  }
}

/**
 * A set of credits `(tconst, nconst, flag)` (the flag tells two roles apart), for title.crew to
 * know which of its credits title.principals already wrote: an open-addressing hash table of the
 * two numbers in typed arrays, 8 bytes a slot at most 70% full (11–23 bytes a credit), strings
 * for ids in another spelling.
 */
export class CreditKeys {
  /** tconst number + 1 (0: empty slot). */
  private titles = new Uint32Array(2048);
  /** nconst number × 2 + flag. */
  private people = new Uint32Array(2048);
  private count = 0;
  private readonly others = new Set<string>();

  get size(): number {
    return this.count + this.others.size;
  }

  /** Adds the credit; false when it was already there. */
  add(movieId: string, personId: string, flag: 0 | 1): boolean {
    const title = idNumber(movieId);
    const person = idNumber(personId);
    if (title < 0 || person < 0) {
      const key = `${movieId}:${personId}:${flag}`;
      if (this.others.has(key)) return false;
      this.others.add(key);
      return true;
    }
    // At most 70% full: linear probing stays short, and a credit costs 11–23 bytes.
    if ((this.count + 1) * 10 > this.titles.length * 7) this.grow();
    return this.place(title + 1, person * 2 + flag);
  }

  has(movieId: string, personId: string, flag: 0 | 1): boolean {
    const title = idNumber(movieId);
    const person = idNumber(personId);
    if (title < 0 || person < 0) return this.others.has(`${movieId}:${personId}:${flag}`);
    const key = title + 1;
    const second = person * 2 + flag;
    const mask = this.titles.length - 1;
    for (let index = CreditKeys.hash(key, second) & mask; ; index = (index + 1) & mask) {
      const stored = this.titles[index] ?? 0;
      if (stored === 0) return false;
      if (stored === key && this.people[index] === second) return true;
    }
  }

  private place(key: number, second: number): boolean {
    const mask = this.titles.length - 1;
    for (let index = CreditKeys.hash(key, second) & mask; ; index = (index + 1) & mask) {
      const stored = this.titles[index] ?? 0;
      if (stored === 0) {
        this.titles[index] = key;
        this.people[index] = second;
        this.count += 1;
        return true;
      }
      if (stored === key && this.people[index] === second) return false;
    }
  }

  private grow(): void {
    const titles = this.titles;
    const people = this.people;
    this.titles = new Uint32Array(titles.length * 2);
    this.people = new Uint32Array(people.length * 2);
    this.count = 0;
    for (let index = 0; index < titles.length; index += 1) {
      const key = titles[index] ?? 0;
      if (key !== 0) this.place(key, people[index] ?? 0);
    }
  }

  private static hash(key: number, second: number): number {
    // Mixed so that the low bits (the slot) depend on every bit of both numbers.
    let h = Math.imul(key, 0x9e3779b1) ^ second;
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    return (h ^ (h >>> 13)) >>> 0;
  }
}
