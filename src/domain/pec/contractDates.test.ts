import { describe, expect, it } from "vitest";
import { certificateDeadline, contractEnd } from "./contractDates.js";

const oneMonth = { certificate: { latestBeforeEnd: { value: 1, unit: "months" as const }, source: "000 art. 3.1 a" } };

describe("PEC contract dates (000 art. 3.1 a)", () => {
  it("a contract of N months ends the day before the same day N months later", () => {
    expect(contractEnd("2026-01-05", 12)).toBe("2027-01-04");
    expect(contractEnd("2026-01-05", 11)).toBe("2026-12-04");
    expect(contractEnd("2026-01-31", 1)).toBe("2026-02-28");
    expect(contractEnd("2026-03-01", 6)).toBe("2026-08-31");
  });

  it("the certificate is due at the latest one month before the end", () => {
    expect(certificateDeadline({ startsOn: "2026-01-05", endsOn: "2027-01-04" }, oneMonth)).toBe("2026-12-04");
    expect(certificateDeadline({ startsOn: "2026-01-01", endsOn: "2026-03-31" }, oneMonth)).toBe("2026-02-28");
  });

  it("or earlier, on the day the employee asked for it", () => {
    expect(certificateDeadline({ startsOn: "2026-01-05", endsOn: "2027-01-04", requestedOn: "2026-06-15" }, oneMonth)).toBe("2026-06-15");
    expect(certificateDeadline({ startsOn: "2026-01-05", endsOn: "2027-01-04", requestedOn: "2026-12-20" }, oneMonth)).toBe("2026-12-04");
  });

  it("follows the terms' delay (15 days) and never falls before the start", () => {
    expect(certificateDeadline({ startsOn: "2026-01-05", endsOn: "2027-01-04" }, { certificate: { latestBeforeEnd: { value: 15, unit: "days" }, source: "x" } })).toBe("2026-12-20");
    expect(certificateDeadline({ startsOn: "2026-01-05", endsOn: "2026-01-20" }, oneMonth)).toBe("2026-01-05");
  });
});
