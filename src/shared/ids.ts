// Identifiers: UUID version 7, so ids sort by creation time and keyset pagination by id
// returns rows in the order they were made.
import { randomFillSync } from "node:crypto";

let lastMs = 0;
let counter = 0;

// Random bytes are drawn 4 KiB at a time: one call per id cost more than the rest of newId
// (0.6 s of a 300k-variant catalog import).
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

export function newId(): string {
  let ms = Date.now();
  if (ms <= lastMs) {
    counter += 1;
    if (counter > 0xfff) {
      lastMs += 1;
      counter = 0;
    }
    ms = lastMs;
  } else {
    lastMs = ms;
    counter = 0;
  }
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  // each 16 bytes of the pool are used once
  const bytes = pool.subarray(poolOffset, poolOffset + 16);
  poolOffset += 16;
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | ((counter >> 8) & 0x0f);
  bytes[7] = counter & 0xff;
  bytes[8] = 0x80 | ((bytes[8] ?? 0) & 0x3f);
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function nowIso(): string {
  return new Date().toISOString();
}
