// The one table of error codes. Domain code throws AppError with a code from this closed set;
// src/http/error-handler.ts turns it into `{ error: { code, message, details, requestId } }`
// with the status below. Add a code here, and only here, when a new failure needs one.

export const errorStatus = {
  VALIDATION_FAILED: 400,
  INVALID_JSON: 400,
  INVALID_SKU: 400,
  INVALID_BARCODE: 400,
  INVALID_QUANTITY: 400,
  INVALID_CURSOR: 400,
  INVALID_FILE: 400,
  CONFIRMATION_REQUIRED: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ACCOUNT_NOT_FOUND: 404,
  USER_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  PRODUCT_NOT_FOUND: 404,
  VARIANT_NOT_FOUND: 404,
  CHANNEL_NOT_FOUND: 404,
  LISTING_NOT_FOUND: 404,
  PARENT_NOT_FOUND: 404,
  API_KEY_NOT_FOUND: 404,
  MAPPING_NOT_FOUND: 404,
  OPERATION_NOT_FOUND: 404,
  IMPORT_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  MEMBER_EXISTS: 409,
  SKU_CONFLICT: 409,
  VARIANT_IN_USE: 409,
  CHANNEL_IN_USE: 409,
  CHANNEL_NAME_TAKEN: 409,
  LISTING_EXISTS: 409,
  LISTING_HAS_CHILDREN: 409,
  LISTING_MAPPED: 409,
  LAST_OWNER: 409,
  SETUP_DONE: 409,
  MAPPING_EXISTS: 409,
  FAMILY_NOT_UNMAPPED: 409,
  UNDO_CONFLICT: 409,
  ALREADY_UNDONE: 409,
  NOT_UNDOABLE: 409,
  CONCURRENT_CHANGE: 409,
  INVALID_PARENT: 422,
  IMPORT_HAS_ERRORS: 422,
  FILE_FORMAT_MISMATCH: 422,
  MISSING_COLUMN: 422,
  PARENT_NOT_MAPPABLE: 422,
  PAYLOAD_TOO_LARGE: 413,
  IMPORT_FILE_EXPIRED: 410,
  IDEMPOTENCY_KEY_REUSED: 422,
  TOO_MANY_LINES: 413,
  NEGATIVE_STOCK: 409,
  LOCATION_NOT_FOUND: 404,
  DUPLICATE_STOCK_LEVEL: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  CHANNEL_CANNOT_IMPORT: 422,
  MASTER_CHANGE_UNCONFIRMED: 409,
  MASTER_SYNC_CONFLICT: 422,
  NO_MASTER_CHANNEL: 409,
  PUSH_TO_MASTER: 409,
  JOB_NOT_FOUND: 404,
  JOB_EXISTS: 409,
  JOB_RUNNING: 409,
  INTERNAL: 500,
} as const satisfies Record<string, number>;

export type ErrorCode = keyof typeof errorStatus;

export type ErrorDetails = Record<string, unknown> | Array<Record<string, unknown>> | undefined;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetails;

  constructor(code: ErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return errorStatus[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/**
 * True when PostgreSQL rolled a transaction back because another one changed the same rows at the
 * same time (deadlock detected, serialization failure): nothing was written, and a retry may pass.
 */
export function isConcurrencyFailure(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "40P01" || code === "40001";
}

/** True when a database error is a unique-constraint violation (SQLite or PostgreSQL). */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const code = (error as { code?: unknown }).code;
  return code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505";
}
