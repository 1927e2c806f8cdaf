// Maps an API error to the form fields it names; whatever names no known field becomes an alert.
import { ApiError, errorMessage } from "../api.ts";

export type FormErrors = { fields: Record<string, string>; alert: string | null };

export const noErrors: FormErrors = { fields: {}, alert: null };

/** `known` lists the field paths the form shows ("channelSku", "variants.0.sku", ...). */
export function toFormErrors(error: unknown, known: (field: string) => boolean): FormErrors {
  if (!(error instanceof ApiError)) return { fields: {}, alert: errorMessage(error) };
  const fields: Record<string, string> = {};
  let unplaced = false;
  for (const [field, message] of Object.entries(error.fieldErrors())) {
    if (known(field)) fields[field] = message;
    else unplaced = true;
  }
  const placed = Object.keys(fields).length > 0;
  return { fields, alert: placed && !unplaced ? null : errorMessage(error) };
}
