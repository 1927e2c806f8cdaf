// Cell rules shared by every bulk file: formula neutralisation on export and its exact undoing on
// import, and the checks on SKU-like cells (control characters, digits lost to scientific notation).
//
// The neutralisation rule (CSV only; XLSX cells are typed text and never run as formulas):
//   export: a value starting with = + - @ TAB or CR gets a leading apostrophe ('), and so does a
//           value that already starts with an apostrophe followed by one of those characters or by
//           another apostrophe (the escape that keeps such a value distinct);
//   import: a value starting with an apostrophe followed by one of = + - @ TAB CR or ' loses
//           exactly that first apostrophe. Any other value is read as written.
// So restoreCell(neutraliseCell(v)) === v for every v, and a spreadsheet shows the text, not a result.

const formulaStart = new Set(["=", "+", "-", "@", "\t", "\r"]);

function needsEscape(value: string): boolean {
  const first = value[0];
  if (first === undefined) return false;
  if (formulaStart.has(first)) return true;
  if (first !== "'") return false;
  const second = value[1];
  return second !== undefined && (second === "'" || formulaStart.has(second));
}

export function neutraliseCell(value: string): string {
  return needsEscape(value) ? `'${value}` : value;
}

export function restoreCell(value: string): string {
  return value.length > 1 && value[0] === "'" && needsEscape(value.slice(1)) ? value.slice(1) : value;
}

// C0 controls, DEL and C1 controls.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const controlCharacter = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlCharacter(value: string): boolean {
  return controlCharacter.test(value);
}

// What Excel shows for a long number in a General cell: 3.65275E+11. The digits after the
// sixth are gone, so the SKU or barcode can no longer be recovered from the file.
const scientific = /^[+-]?\d+(?:[.,]\d+)?E\+?\d+$/i;

export function isScientificNotation(value: string): boolean {
  return scientific.test(value);
}

/** Reason a SKU-like cell is unusable, or null. Expects the value trimmed. */
export function checkSkuCell(value: string): string | null {
  if (hasControlCharacter(value)) return "contains a control character";
  if (value.length > 200) return "is longer than 200 characters";
  if (isScientificNotation(value)) {
    return "is a number in scientific notation (as Excel shows long numbers): the digits were lost; format the column as text and export again";
  }
  return null;
}
