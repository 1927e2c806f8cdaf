// The impact preview of a mapping change: which listings' quantities change, before -> after.
import { Alert, Table, Text } from "@mantine/core";

export type ImpactChange = {
  listingId: string;
  channelSku: string;
  quantityBefore: number | null;
  quantityAfter: number | null;
};

export type Impact = { preview: true; changes: ImpactChange[] };

export function isImpact(value: unknown): value is Impact {
  return (
    typeof value === "object" && value !== null && Array.isArray((value as { changes?: unknown }).changes)
  );
}

const show = (n: number | null) => (n === null ? "not mapped" : String(n));

export function ImpactPreview({ impact }: { impact: Impact }) {
  if (impact.changes.length === 0) {
    return <Alert color="gray">No listing quantity changes.</Alert>;
  }
  const shown = impact.changes.slice(0, 20);
  return (
    <Alert color="blue" title="Impact preview" aria-label="Impact preview">
      <Table fz="sm" withRowBorders={false}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Listing</Table.Th>
            <Table.Th>Quantity before</Table.Th>
            <Table.Th>After</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {shown.map((change) => (
            <Table.Tr key={change.listingId}>
              <Table.Td>{change.channelSku}</Table.Td>
              <Table.Td>{show(change.quantityBefore)}</Table.Td>
              <Table.Td>{show(change.quantityAfter)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {impact.changes.length > shown.length && (
        <Text size="xs">and {impact.changes.length - shown.length} more listings</Text>
      )}
    </Alert>
  );
}
