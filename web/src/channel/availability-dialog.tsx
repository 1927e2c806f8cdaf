// A listing's available quantity with its explanation: components, the limiting one, the buffer.
import { Alert, Loader, Modal, Stack, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { api, errorMessage } from "../api.ts";
import { AutoTable, type Row } from "../components/auto-table.tsx";
import { accountPath } from "../session.tsx";

type Availability = Row & { quantity?: number; explanation?: string; components?: Row[]; buffer?: number };

const componentColumns = [
  { key: "sku", label: "Internal SKU" },
  { key: "quantityPerUnit", label: "Per unit" },
  { key: "available", label: "Available" },
  { key: "canMake", label: "Can make" },
];

export function AvailabilityDialog(props: {
  accountId: string;
  channelId: string;
  listingId: string;
  channelSku: string;
  onClose: () => void;
}) {
  const availability = useQuery({
    queryKey: ["availability", props.accountId, props.channelId, props.listingId],
    queryFn: () =>
      api.get<Availability>(
        `${accountPath(props.accountId)}/channels/${props.channelId}/listings/${props.listingId}/availability`,
      ),
  });
  const a = availability.data;
  return (
    <Modal opened onClose={props.onClose} title={`Availability of ${props.channelSku}`} size="lg">
      {availability.isPending && <Loader aria-label="Loading availability" />}
      {availability.error && <Alert color="red">{errorMessage(availability.error)}</Alert>}
      {a && (
        <Stack>
          <Text size="xl" fw={700}>
            {a.quantity ?? "?"} available
          </Text>
          {typeof a.explanation === "string" && <Text>{a.explanation}</Text>}
          {typeof a.buffer === "number" && <Text size="sm">Channel buffer: {a.buffer}</Text>}
          {Array.isArray(a.components) && a.components.length > 0 && (
            <AutoTable items={a.components} columns={componentColumns} label="Components" />
          )}
        </Stack>
      )}
    </Modal>
  );
}
