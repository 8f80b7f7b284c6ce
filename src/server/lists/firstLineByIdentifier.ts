/**
 * The first line of each France Travail identifier of a file, so that a later line is known as its
 * repeat while reading (ADR 0041, 0044). A Map of a million strings cost 0.7 s of the check and its
 * growth held the event loop; an identifier that passed the rules is 7 to 11 of 0–9 A–Z
 * (lineValidation.ts), so it packs into two 32-bit numbers — its first five characters and its
 * last six, each a base-37 number (0 for a missing character, 1–10 the digits, 11–36 the letters) —
 * kept in an open-addressing table, one typed array of (high, low, line) slots side by side (one
 * cache miss per look-up): no string, no object per line. The first character is never missing, so
 * a packed `high` is never 0, which marks an empty slot.
 */
export class FirstLineByIdentifier {
  private slots: Uint32Array;
  private mask: number;
  private size = 0;

  /** `expected`: about how many identifiers (the table doubles beyond). */
  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Uint32Array(3 * capacity);
    this.mask = capacity - 1;
  }

  /** The identifier's first line if one came before; otherwise records `line` as it and gives -1. Bytes: ASCII 0–9 A–Z, 7 to 11 of them. */
  firstOrRecordBytes(bytes: Uint8Array, from: number, to: number, line: number): number {
    let high = 0;
    let low = 0;
    for (let i = 0; i < 11; i++) {
      const value = from + i < to ? characterValue(bytes[from + i]) : 0;
      if (i < 5) high = high * 37 + value;
      else low = low * 37 + value;
    }
    return this.firstOrRecord(high, low, line);
  }

  /** The same for an identifier as a string (a line lineValidator checked). */
  firstOrRecordString(identifier: string, line: number): number {
    let high = 0;
    let low = 0;
    for (let i = 0; i < 11; i++) {
      const value = i < identifier.length ? characterValue(identifier.charCodeAt(i)) : 0;
      if (i < 5) high = high * 37 + value;
      else low = low * 37 + value;
    }
    return this.firstOrRecord(high, low, line);
  }

  private firstOrRecord(high: number, low: number, line: number): number {
    const slots = this.slots;
    let slot = hash(high, low) & this.mask;
    for (;;) {
      const h = slots[3 * slot];
      if (h === 0) break;
      if (h === high && slots[3 * slot + 1] === low) return slots[3 * slot + 2];
      slot = (slot + 1) & this.mask;
    }
    slots[3 * slot] = high;
    slots[3 * slot + 1] = low;
    slots[3 * slot + 2] = line;
    if (++this.size * 10 > (slots.length / 3) * 7) this.grow();
    return -1;
  }

  /** Doubles the table (a million entries move in a few tens of milliseconds: typed arrays, no rehash of strings). */
  private grow() {
    const old = this.slots;
    const capacity = (2 * old.length) / 3;
    const slots = new Uint32Array(3 * capacity);
    const mask = capacity - 1;
    for (let i = 0; i < old.length; i += 3) {
      if (old[i] === 0) continue;
      let slot = hash(old[i], old[i + 1]) & mask;
      while (slots[3 * slot] !== 0) slot = (slot + 1) & mask;
      slots[3 * slot] = old[i];
      slots[3 * slot + 1] = old[i + 1];
      slots[3 * slot + 2] = old[i + 2];
    }
    this.slots = slots;
    this.mask = mask;
  }
}

/** 0–9 → 1–10, A–Z → 11–36. */
const characterValue = (code: number) => (code <= 0x39 ? code - 0x2f : code - 0x36);

const hash = (high: number, low: number) => {
  let h = Math.imul(high ^ Math.imul(low, 0x9e3779b1), 0x85ebca6b);
  h ^= h >>> 13;
  return Math.imul(h, 0xc2b2ae35) ^ (h >>> 16);
};
