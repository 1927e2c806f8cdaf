// Create internal products from unmappable listings (one listing, or all of them): a parent
// brings its variations as one product with variants; each listing is then mapped to its new
// variant. Listings whose SKU already exists are reported, not duplicated.
import { Alert, Button, Group, List, Modal, Stack, Text } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api, errorMessage } from "../api.ts";
import { accountPath } from "../session.tsx";
import { useChangeNotice } from "./undo.ts";

export type CreateProductsTarget = { listingIds: string[]; label: string } | { allUnmappable: true };

type Result = {
  operationId: string | null;
  products: number;
  created: number;
  failed: { listingId: string; channelSku: string; reason: string }[];
};

export function CreateProductsDialog(props: {
  accountId: string;
  channelId: string;
  target: CreateProductsTarget;
  onClose: () => void;
}) {
  const changed = useChangeNotice(props.accountId);
  const queryClient = useQueryClient();
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const all = "allUnmappable" in props.target;
  const what = "allUnmappable" in props.target ? "every unmappable listing" : props.target.label;

  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const body =
        "allUnmappable" in props.target ? { allUnmappable: true } : { listingIds: props.target.listingIds };
      const answer = await api.post<Result>(
        `${accountPath(props.accountId)}/channels/${props.channelId}/listings/create-products`,
        body,
      );
      setResult(answer);
      await queryClient.invalidateQueries({ queryKey: ["products", props.accountId] });
      await changed(`Created ${answer.products} products, mapped ${answer.created} listings.`, answer);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title="Create products from listings">
      <Stack>
        {!result && (
          <Text>
            Create internal products from {what}, with the listing's SKU, title and barcode, and map
            {all ? " each listing" : " it"} to the new variant. A parent listing brings its variations as one
            product with variants. Existing SKUs are never duplicated.
          </Text>
        )}
        {error && <Alert color="red">{error}</Alert>}
        {result && (
          <Alert color={result.failed.length ? "orange" : "teal"} title="Products created from listings">
            <Text size="sm">
              Products created: <b>{result.products}</b>, listings mapped: <b>{result.created}</b>, not
              created: <b>{result.failed.length}</b>
            </Text>
            {result.failed.length > 0 && (
              <List size="sm" mt="xs">
                {result.failed.slice(0, 20).map((f) => (
                  <List.Item key={f.listingId}>
                    {f.channelSku}: {f.reason}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            {result ? "Close" : "Cancel"}
          </Button>
          {!result && (
            <Button onClick={run} loading={busy}>
              Create products
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
