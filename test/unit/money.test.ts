import { describe, expect, it } from "vitest";
import { cents, dollars } from "../../sdk/money";

describe("dollars", () => {
  it("converts whole and fractional dollars to micros", () => {
    expect(dollars(10)).toBe(10_000_000);
    expect(dollars(0.99)).toBe(990_000);
    expect(dollars(0.000001)).toBe(1);
  });

  it("rejects amounts finer than a micro", () => {
    expect(() => dollars(0.0000001)).toThrow(/precision/);
  });

  it("rejects non-finite amounts", () => {
    expect(() => dollars(Number.NaN)).toThrow(/finite/);
  });

  it("converts cents", () => {
    expect(cents(150)).toBe(1_500_000);
    expect(cents(7)).toBe(70_000);
  });
});
