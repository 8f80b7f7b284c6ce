import { describe, expect, it } from "vitest";
import { FirstLineByIdentifier } from "./firstLineByIdentifier.js";

const ascii = (s: string) => Buffer.from(s, "latin1");

describe("the first line of each identifier", () => {
  it("names the first line of a repeated identifier, from bytes and strings alike, chunk after chunk", () => {
    const table = new FirstLineByIdentifier(4);
    const repeats: [number, number][] = [];
    const record = (line: number, first: number) => repeats.push([line, first]);
    const line = ascii("x;1234567A;y");
    table.addBytes(line, 2, 10, 2);
    table.addString("1234567A0", 3); // one more character: another identifier
    table.addString("1234567A", 4);
    table.settle(record);
    expect(repeats).toEqual([[4, 2]]);
    table.addBytes(ascii("1234567A0"), 0, 9, 5);
    table.addString("ZZZZZZZZZZZ", 6);
    table.addString("0000000", 7);
    table.addString("ZZZZZZZZZZZ", 8);
    table.settle(record);
    expect(repeats).toEqual([
      [4, 2],
      [5, 3],
      [8, 6],
    ]);
  });

  it("keeps every identifier past the size it was given (the table grows), and a chunk of any length", () => {
    const table = new FirstLineByIdentifier(10);
    const repeats: [number, number][] = [];
    const id = (n: number) => `${String(n).padStart(7, "0")}A`;
    for (let n = 0; n < 20_000; n++) table.addString(id(n), n + 2);
    table.settle((line, first) => repeats.push([line, first]));
    expect(repeats).toEqual([]);
    for (let n = 0; n < 20_000; n += 4000) table.addString(id(n), 30_000 + n);
    table.settle((line, first) => repeats.push([line, first]));
    expect(repeats).toEqual([
      [30_000, 2],
      [34_000, 4002],
      [38_000, 8002],
      [42_000, 12_002],
      [46_000, 16_002],
    ]);
  });
});
