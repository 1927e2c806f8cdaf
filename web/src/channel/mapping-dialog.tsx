// Create or remap a mapping: exact channel SKU, components picked with the variant search (the
// internal SKU is then shown read-only), quantities for a kit, and the impact preview before saving.
// Creating a mapping for a listing that is mapped already offers to remap that mapping instead.
import { ActionIcon, Alert, Button, Group, Modal, NumberInput, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError, api, errorMessage } from "../api.ts";
import { declaresQuery, mappingPath, mappingsPath, useOpenApi } from "../capabilities.ts";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";
import { accountPath } from "../session.tsx";
import type { Mapping } from "../types.ts";
import { type Impact, ImpactPreview, isImpact } from "./impact-preview.tsx";
import { VariantSearch } from "./variant-search.tsx";

type Row = { key: number; variantId: string | null; sku: string; name: string | null; quantity: number };

let rowKey = 1;
const emptyRow = (): Row => ({ key: rowKey++, variantId: null, sku: "", name: null, quantity: 1 });

type DialogProps = {
  accountId: string;
  channelId: string;
  mapping: Mapping | null;
  initialChannelSku?: string;
  onClose: () => void;
  onSaved: (message: string, result: unknown) => Promise<void>;
};

/** The mapping a MAPPING_EXISTS answer names (the server sends its id in the details). */
function existingMappingId(error: unknown): string | null {
  if (!(error instanceof ApiError) || error.code !== "MAPPING_EXISTS") return null;
  const id = (error.details as { mappingId?: unknown } | null)?.mappingId;
  return typeof id === "string" ? id : null;
}

export function MappingDialog(props: DialogProps) {
  // "Remap it" swaps in the existing mapping; the key starts the form afresh with its components.
  const [mapping, setMapping] = useState(props.mapping);
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={mapping ? "Remap SKU mapping" : "Create SKU mapping"}
      size="lg"
    >
      <MappingForm key={mapping?.id ?? "new"} {...props} mapping={mapping} onRemap={setMapping} />
    </Modal>
  );
}

function MappingForm(props: DialogProps & { onRemap: (mapping: Mapping) => void }) {
  const editing = props.mapping !== null;
  const [channelSku, setChannelSku] = useState(props.mapping?.channelSku ?? props.initialChannelSku ?? "");
  const [rows, setRows] = useState<Row[]>(
    props.mapping ? props.mapping.components.map((c) => ({ key: rowKey++, ...c })) : [emptyRow()],
  );
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [impact, setImpact] = useState<Impact | null>(null);
  const [busy, setBusy] = useState(false);
  const [existingId, setExistingId] = useState<string | null>(null);
  const base = `${accountPath(props.accountId)}/channels/${props.channelId}/mappings`;
  const openApi = useOpenApi();
  const previews = editing
    ? declaresQuery(openApi.data, "put", mappingPath, "preview")
    : declaresQuery(openApi.data, "post", mappingsPath, "preview");

  const update = (key: number, change: Partial<Row>) => {
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
    setImpact(null);
  };
  const body = () => {
    const components = rows
      .filter((r) => r.variantId !== null)
      .map((r) => ({ variantId: r.variantId as string, quantity: r.quantity }));
    return editing ? { components } : { channelSku, components };
  };
  const send = (preview: boolean) => {
    const suffix = preview ? "?preview=true" : "";
    return editing
      ? api.put<unknown>(`${base}/${props.mapping?.id}${suffix}`, body())
      : api.post<unknown>(`${base}${suffix}`, body());
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (rows.every((r) => r.variantId === null)) {
      setErrors({ fields: { "components.0": "Pick a product variant." }, alert: null });
      return;
    }
    setBusy(true);
    try {
      if (impact === null && previews) {
        // First press shows what the change does; a server without previews saves at once.
        const preview = await send(true);
        if (isImpact(preview)) {
          setImpact(preview);
          setErrors(noErrors);
          return;
        }
      }
      const result = await send(false);
      setErrors(noErrors);
      await props.onSaved(editing ? `Remapped ${channelSku}.` : `Mapping ${channelSku} created.`, result);
      props.onClose();
    } catch (error) {
      setImpact(null);
      setExistingId(existingMappingId(error));
      setErrors(
        toFormErrors(error, (f) => f === "channelSku" || f === "sellerId" || f.startsWith("components")),
      );
    } finally {
      setBusy(false);
    }
  };

  const openExisting = async () => {
    setBusy(true);
    try {
      props.onRemap(await api.get<Mapping>(`${base}/${existingId}`));
    } catch (error) {
      setErrors({ fields: {}, alert: errorMessage(error) });
      setBusy(false);
    }
  };

  const componentError = (index: number) =>
    Object.entries(errors.fields).find(
      ([f]) => f === `components.${index}` || f.startsWith(`components.${index}.`),
    )?.[1] ?? (index === 0 ? errors.fields.components : undefined);

  return (
    <Stack component="form" onSubmit={submit}>
      {errors.alert && <Alert color="red">{errors.alert}</Alert>}
      <TextInput
        label="Sales channel SKU"
        description="Exactly as the channel lists it"
        required
        disabled={editing}
        value={channelSku}
        onChange={(e) => {
          setChannelSku(e.currentTarget.value);
          setImpact(null);
          setExistingId(null);
        }}
        error={errors.fields.channelSku ?? errors.fields.sellerId}
        data-autofocus
      />
      {existingId && (
        <Group>
          <Button size="compact-sm" variant="light" onClick={openExisting} loading={busy}>
            Remap it
          </Button>
        </Group>
      )}
      {rows.map((row, index) => (
        <Stack key={row.key} gap={4} p="sm" bg="gray.0" style={{ borderRadius: 6 }}>
          <Group align="flex-end" wrap="wrap">
            {row.variantId === null ? (
              <div style={{ flex: 1, minWidth: 220 }}>
                <VariantSearch
                  accountId={props.accountId}
                  label={rows.length > 1 ? `Product variant ${index + 1}` : "Product variant"}
                  error={componentError(index)}
                  onPick={(v) => update(row.key, { variantId: v.id, sku: v.sku, name: v.name })}
                />
              </div>
            ) : (
              <TextInput
                style={{ flex: 1, minWidth: 220 }}
                label={rows.length > 1 ? `Internal SKU ${index + 1}` : "Internal SKU"}
                readOnly
                value={row.sku}
                description={row.name ?? undefined}
                error={componentError(index)}
              />
            )}
            <NumberInput
              label="Quantity"
              w={100}
              min={1}
              value={row.quantity}
              onChange={(v) => update(row.key, { quantity: typeof v === "number" ? v : Number(v) || 1 })}
            />
            {row.variantId !== null && (
              <Button
                variant="default"
                onClick={() => update(row.key, { variantId: null, sku: "", name: null })}
              >
                Change
              </Button>
            )}
            {rows.length > 1 && (
              <ActionIcon
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove component ${index + 1}`}
                onClick={() => {
                  setRows((all) => all.filter((r) => r.key !== row.key));
                  setImpact(null);
                }}
              >
                ✕
              </ActionIcon>
            )}
          </Group>
        </Stack>
      ))}
      <Group>
        <Button variant="light" onClick={() => setRows((all) => [...all, emptyRow()])}>
          Add component (kit)
        </Button>
        {rows.length > 1 && (
          <Text size="sm" c="dimmed">
            A kit sells {rows.length} components together.
          </Text>
        )}
      </Group>
      {impact && <ImpactPreview impact={impact} />}
      <Group justify="flex-end">
        <Button variant="default" onClick={props.onClose}>
          Cancel
        </Button>
        <Button type="submit" loading={busy}>
          {impact ? "Confirm and save" : "Save"}
        </Button>
      </Group>
    </Stack>
  );
}
