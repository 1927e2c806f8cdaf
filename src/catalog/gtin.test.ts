import { describe, expect, it } from "vitest";
import { AppError } from "../shared/errors.ts";
import { parseGtin, tryGtin14 } from "./gtin.ts";

function reasonOf(raw: string): string {
  try {
    parseGtin(raw, "variants.0.barcode");
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const appError = error as AppError;
    expect(appError.code).toBe("INVALID_BARCODE");
    expect(appError.details).toMatchObject({ field: "variants.0.barcode", value: raw });
    return String((appError.details as { reason: string }).reason);
  }
  throw new Error(`${raw} was accepted`);
}

describe("parseGtin", () => {
  it.each([
    ["GTIN-8", "96385074", "00000096385074"],
    ["UPC-A (GTIN-12)", "036000291452", "00036000291452"],
    ["EAN-13", "4006381333931", "04006381333931"],
    ["GTIN-14", "10012345678902", "10012345678902"],
  ])("accepts a valid %s and pads it to 14 digits", (_kind, raw, gtin14) => {
    expect(parseGtin(raw)).toEqual({ gtin14, display: raw });
  });

  it("normalises UPC-A and its EAN-13 with a leading 0 to the same GTIN-14", () => {
    const upc = parseGtin("036000291452");
    const ean = parseGtin("0036000291452");
    expect(upc.gtin14).toBe(ean.gtin14);
    expect(upc.display).toBe("036000291452");
    expect(ean.display).toBe("0036000291452");
  });

  it("strips surrounding spaces and the apostrophe Shopify exports put in front", () => {
    expect(parseGtin("  '4006381333931 ")).toEqual({ gtin14: "04006381333931", display: "4006381333931" });
  });

  it("rejects a bad check digit and says which digit is expected", () => {
    expect(reasonOf("4006381333932")).toContain("check digit should be 1");
    expect(reasonOf("96385075")).toContain("check digit should be 4");
  });

  it.each(["1234567", "12345678901", "123456789012345", ""])("rejects the wrong length %j", (raw) => {
    expect(reasonOf(raw)).toMatch(/digits only|has \d+ digits/);
  });

  it("rejects letters and punctuation", () => {
    expect(reasonOf("40063813339X1")).toContain("digits only");
    expect(reasonOf("4006-3813-33931")).toContain("digits only");
  });

  it("rejects Excel scientific notation because the digits were lost", () => {
    expect(reasonOf("3.65275E+11")).toContain("scientific notation");
    expect(reasonOf("4.00638E12")).toContain("lost digits");
  });

  it("names the field in the message", () => {
    expect(() => parseGtin("123", "barcode")).toThrow(/barcode "123" is not a valid GTIN/);
  });
});

describe("tryGtin14", () => {
  it("returns the GTIN-14 of a valid barcode and null otherwise, without throwing", () => {
    expect(tryGtin14("036000291452")).toBe("00036000291452");
    expect(tryGtin14("'0036000291452")).toBe("00036000291452");
    expect(tryGtin14("036000291453")).toBeNull();
    expect(tryGtin14("3.65275E+11")).toBeNull();
    expect(tryGtin14("ABC")).toBeNull();
    expect(tryGtin14("")).toBeNull();
    expect(tryGtin14(null)).toBeNull();
    expect(tryGtin14(undefined)).toBeNull();
  });
});
