import { describe, expect, it } from "vitest";
import { minorDigitsOf, parseInteger, parseMinorUnits } from "./parse-values.ts";

describe("parseMinorUnits", () => {
  it.each([
    ["12.99", undefined, 1299],
    ["12,99", undefined, 1299],
    ["1.234,56", "EUR", 123456],
    ["1,234.56", "USD", 123456],
    ["1 234,5", "EUR", 123450],
    ["145", "EUR", 14500],
    ["14.0000", "USD", 1400],
    ["1.234.567", "EUR", 123456700],
    ["-3.5", undefined, -350],
    ["1200", "JPY", 1200],
    ["1.234", "KWD", 1234],
  ])("reads %s (%s) as %i minor units", (raw, currency, expected) => {
    expect(parseMinorUnits(raw, currency)).toEqual({ ok: true, value: expected });
  });

  it.each(["", "abc", "12.99 EUR", "1,23,4.5", "1.2.3,4.5", "3.65275E+11", "12.999"])("refuses %j", (raw) => {
    expect(parseMinorUnits(raw, "EUR").ok).toBe(false);
  });

  it("knows each currency's minor digits", () => {
    expect([
      minorDigitsOf("EUR"),
      minorDigitsOf("JPY"),
      minorDigitsOf("KWD"),
      minorDigitsOf(undefined),
    ]).toEqual([2, 0, 3, 2]);
  });
});

describe("parseInteger", () => {
  it.each([
    ["7", 7],
    ["-2", -2],
    ["5.0000", 5],
    ["1.000.000", 1000000],
    ["0", 0],
  ])("reads %s as %i", (raw, expected) => {
    expect(parseInteger(raw)).toEqual({ ok: true, value: expected });
  });

  it.each(["1.5", "x", "", "2e3"])("refuses %j", (raw) => {
    expect(parseInteger(raw).ok).toBe(false);
  });
});
