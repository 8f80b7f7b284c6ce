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
  // The identifiers of the chunk being read, looked up together by settle (see there).
  private pendingHigh = new Uint32Array(8192);
  private pendingLow = new Uint32Array(8192);
  private pendingLine = new Int32Array(8192);
  private pendingSlot = new Int32Array(8192);
  private pending = 0;

  /** `expected`: about how many identifiers (the table doubles beyond). */
  constructor(expected: number) {
    let capacity = 1024;
    while (capacity < expected * 2) capacity *= 2;
    this.slots = new Uint32Array(3 * capacity);
    this.mask = capacity - 1;
  }

  /** The identifier of `line`, as bytes: ASCII 0–9 A–Z, 7 to 11 of them. Looked up at the next settle. */
  addBytes(bytes: Uint8Array, from: number, to: number, line: number) {
    let high = 0;
    let low = 0;
    for (let i = 0; i < 11; i++) {
      const value = from + i < to ? characterValue(bytes[from + i]) : 0;
      if (i < 5) high = high * 37 + value;
      else low = low * 37 + value;
    }
    this.add(high, low, line);
  }

  /** The same for an identifier as a string (a line lineValidator checked). */
  addString(identifier: string, line: number) {
    let high = 0;
    let low = 0;
    for (let i = 0; i < 11; i++) {
      const value = i < identifier.length ? characterValue(identifier.charCodeAt(i)) : 0;
      if (i < 5) high = high * 37 + value;
      else low = low * 37 + value;
    }
    this.add(high, low, line);
  }

  private add(high: number, low: number, line: number) {
    if (this.pending === this.pendingHigh.length) {
      // A chunk of more lines than foreseen: room for twice as many.
      const size = 2 * this.pending;
      const high2 = new Uint32Array(size);
      const low2 = new Uint32Array(size);
      const line2 = new Int32Array(size);
      high2.set(this.pendingHigh);
      low2.set(this.pendingLow);
      line2.set(this.pendingLine);
      this.pendingHigh = high2;
      this.pendingLow = low2;
      this.pendingLine = line2;
      this.pendingSlot = new Int32Array(size);
    }
    this.pendingHigh[this.pending] = high;
    this.pendingLow[this.pending] = low;
    this.pendingLine[this.pending] = line;
    this.pending++;
  }

  /**
   * Looks up the identifiers added since the last call, in their order: `repeat(line, first)` for
   * each one seen before, the others recorded as their first line. Their slots are computed first,
   * then the table is read: independent reads the processor overlaps, where a look-up per line
   * waited for each cache miss in turn (a 25 MB table for a million identifiers).
   */
  settle(repeat: (line: number, first: number) => void) {
    const n = this.pending;
    this.pending = 0;
    while ((this.size + n) * 10 > (this.slots.length / 3) * 7) this.grow();
    const { pendingHigh, pendingLow, pendingLine, pendingSlot, mask } = this;
    for (let k = 0; k < n; k++) pendingSlot[k] = hash(pendingHigh[k], pendingLow[k]) & mask;
    const slots = this.slots;
    for (let k = 0; k < n; k++) {
      const high = pendingHigh[k];
      const low = pendingLow[k];
      let slot = pendingSlot[k];
      let first = -1;
      for (;;) {
        const h = slots[3 * slot];
        if (h === 0) break;
        if (h === high && slots[3 * slot + 1] === low) {
          first = slots[3 * slot + 2];
          break;
        }
        slot = (slot + 1) & mask;
      }
      if (first >= 0) repeat(pendingLine[k], first);
      else {
        slots[3 * slot] = high;
        slots[3 * slot + 1] = low;
        slots[3 * slot + 2] = pendingLine[k];
        this.size++;
      }
    }
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
