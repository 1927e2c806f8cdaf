// Products and their variants: search, create, edit; stock per location where the server has it;
// the catalog and stock files (Files menu); a notice when a channel is the master product source.
import { Alert, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api, errorMessage, type Page, query } from "../api.ts";
import { useNotify } from "../components/notices.tsx";
import { FilesMenu } from "../products/files-menu.tsx";
import { MasterNotice } from "../products/master-notice.tsx";
import { ProductDialog } from "../products/product-dialog.tsx";
import { StockDialog, type StockLevel } from "../products/stock-dialog.tsx";
import { accountPath, useAccount } from "../session.tsx";
import { atLeast, type Product } from "../types.ts";
import { useChannels } from "./channels.tsx";

export function ProductsPage() {
  const { accountId, role } = useAccount();
  const canEdit = atLeast(role, "editor");
  const queryClient = useQueryClient();
  const notify = useNotify();
  const [search, setSearch] = useState("");
  const [q] = useDebouncedValue(search.trim(), 250);
  const [cursors, setCursors] = useState<string[]>([]);
  const [editing, setEditing] = useState<Product | null | "new">(null);
  const [stocking, setStocking] = useState<string | null>(null);
  const channels = useChannels(accountId);
  const cursor = cursors[cursors.length - 1];
  const base = accountPath(accountId);
  const products = useQuery({
    queryKey: ["products", accountId, q, cursor],
    queryFn: () => api.get<Page<Product>>(`${base}/products${query({ q, cursor, limit: 50 })}`),
    placeholderData: keepPreviousData,
  });
  const stock = useQuery({
    queryKey: ["stock", accountId],
    queryFn: async () => {
      try {
        return await api.get<Page<StockLevel>>(`${base}/stock?limit=500`);
      } catch (e) {
        if (e instanceof ApiError && e.missingRoute) return null;
        throw e;
      }
    },
  });
  // A location is "default" (the account's own warehouse) or a fulfillment channel's id.
  const locations = [
    { value: "default", label: "Own warehouse" },
    ...(channels.data?.items ?? [])
      .filter((c) => c.kind === "fulfillment")
      .map((c) => ({ value: c.id, label: c.displayName })),
  ];
  const locationLabel = (id: string) => locations.find((l) => l.value === id)?.label ?? id;
  /** After a change: its notice, and the products and stock read again. */
  const changed = async (message: string) => {
    notify({ message });
    await queryClient.invalidateQueries({ queryKey: ["products", accountId] });
    await queryClient.invalidateQueries({ queryKey: ["stock", accountId] });
  };
  const stockOf = (sku: string) =>
    (stock.data?.items ?? [])
      .filter((s) => s.sku === sku)
      .map((s) => `${locationLabel(s.location)}: ${s.onHand}${s.reserved ? ` (${s.reserved} reserved)` : ""}`)
      .join(", ");

  return (
    <Stack>
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Products</Title>
        <Group gap="xs">
          <FilesMenu accountId={accountId} canEdit={canEdit} onApplied={changed} />
          {canEdit && <Button onClick={() => setEditing("new")}>Create product</Button>}
        </Group>
      </Group>
      <MasterNotice accountId={accountId} />
      <TextInput
        label="Search products"
        placeholder="Name, SKU or barcode"
        value={search}
        onChange={(e) => {
          setSearch(e.currentTarget.value);
          setCursors([]);
        }}
        maw={360}
      />
      {products.error && <Alert color="red">{errorMessage(products.error)}</Alert>}
      <Table.ScrollContainer minWidth={700}>
        <Table striped aria-label="Products">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Product</Table.Th>
              <Table.Th>Variant SKU</Table.Th>
              <Table.Th>Barcode</Table.Th>
              <Table.Th>Options</Table.Th>
              {stock.data && <Table.Th>Stock</Table.Th>}
              {canEdit && <Table.Th>Actions</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {products.data?.items.flatMap((p) =>
              p.variants.map((v, i) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{i === 0 ? p.name : ""}</Table.Td>
                  <Table.Td>{v.sku}</Table.Td>
                  <Table.Td>{v.barcode}</Table.Td>
                  <Table.Td>
                    {Object.entries(v.options)
                      .map(([k, val]) => `${k}: ${val}`)
                      .join(", ")}
                  </Table.Td>
                  {stock.data && <Table.Td>{stockOf(v.sku)}</Table.Td>}
                  {canEdit && (
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        {stock.data && (
                          <Button
                            size="xs"
                            variant="default"
                            onClick={() => setStocking(v.sku)}
                            aria-label={`Set stock of ${v.sku}`}
                          >
                            Stock
                          </Button>
                        )}
                        {i === 0 && (
                          <Button
                            size="xs"
                            variant="light"
                            onClick={() => setEditing(p)}
                            aria-label={`Edit ${p.name}`}
                          >
                            Edit
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              )),
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {products.isSuccess && products.data.items.length === 0 && <Text c="dimmed">No products.</Text>}
      <Group justify="flex-end">
        <Button
          variant="default"
          disabled={cursors.length === 0}
          onClick={() => setCursors((c) => c.slice(0, -1))}
        >
          Previous page
        </Button>
        <Button
          variant="default"
          disabled={!products.data?.nextCursor}
          onClick={() => setCursors((c) => [...c, products.data?.nextCursor ?? ""])}
        >
          Next page
        </Button>
      </Group>
      {stocking !== null && (
        <StockDialog
          accountId={accountId}
          sku={stocking}
          locations={locations}
          levels={stock.data?.items ?? []}
          onClose={() => setStocking(null)}
          onSaved={async (message) => {
            notify({ message });
            await queryClient.invalidateQueries({ queryKey: ["stock", accountId] });
          }}
        />
      )}
      {editing !== null && (
        <ProductDialog
          accountId={accountId}
          product={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={changed}
        />
      )}
    </Stack>
  );
}
