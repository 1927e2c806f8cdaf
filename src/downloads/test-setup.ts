// Test set-up shared by the download and matching tests (not used by the service): a fresh
// database with an account, its owner and one channel, all made through the users' own use cases,
// and the fixture reader.
import { readFileSync } from "node:fs";
import { createTestDatabase, type TestDatabase } from "../../test/support/test-database.ts";
import { createAccount } from "../accounts/accounts.ts";
import { createUser } from "../accounts/users.ts";
import { createProduct } from "../catalog/create-product.ts";
import { readChannelFile } from "../channel-files/read-channel-file.ts";
import type { ChannelFileFormat, DownloadedListing, ReadResult } from "../channel-files/types.ts";
import { createChannel } from "../channels/create-channel.ts";
import type { DialectName } from "../db/dialect.ts";

export type DownloadTestSetup = {
  database: TestDatabase;
  accountId: string;
  otherAccountId: string;
  userId: string;
  channelId: string;
  addChannel: (name: string) => Promise<string>;
};

export async function setUpDownloadTest(dialect: DialectName): Promise<DownloadTestSetup> {
  const database = await createTestDatabase(dialect);
  const { db } = database;
  const tag = Math.random().toString(36).slice(2, 8);
  const user = await createUser(db, { email: `dl-${tag}@example.com`, password: "correct horse" });
  const account = await createAccount(db, { name: "Downloads", ownerUserId: user.id });
  const other = await createAccount(db, { name: "Other", ownerUserId: user.id });
  const addChannel = async (name: string) =>
    (
      await createChannel(db, {
        accountId: account.id,
        channel: { name, kind: "sales", platform: "generic" },
      })
    ).id;
  return {
    database,
    accountId: account.id,
    otherAccountId: other.id,
    userId: user.id,
    channelId: await addChannel("Main"),
    addChannel,
  };
}

export function fixtureBytes(path: string): Buffer {
  return readFileSync(new URL(`../../../shared/fixtures/${path}`, import.meta.url));
}

export async function readFixture(path: string, format: ChannelFileFormat): Promise<ReadResult> {
  return readChannelFile(fixtureBytes(path), { format });
}

/** The WooCommerce sample as a catalog: one product per parent with its variations, simple products alone. */
export async function importAsCatalog(t: DownloadTestSetup, read: ReadResult): Promise<number> {
  const sellable = read.listings.filter((l) => l.sellable && l.type !== "parent");
  const byParent = new Map<string, DownloadedListing[]>();
  let created = 0;
  for (const listing of sellable) {
    if (listing.parentChannelSku) {
      byParent.set(listing.parentChannelSku, [...(byParent.get(listing.parentChannelSku) ?? []), listing]);
      continue;
    }
    await createProduct(t.database.db, {
      accountId: t.accountId,
      input: { name: listing.title ?? listing.channelSku, sku: listing.channelSku },
    });
    created += 1;
  }
  for (const [parentSku, variations] of byParent) {
    const parent = read.listings.find((l) => l.channelSku === parentSku);
    await createProduct(t.database.db, {
      accountId: t.accountId,
      input: {
        name: parent?.title ?? parentSku,
        variants: variations.map((v) => ({
          sku: v.channelSku,
          name: v.title ?? null,
          options: v.options ?? {},
        })),
      },
    });
    created += variations.length;
  }
  return created;
}
