// Create a product with its variants, or edit a product's name and category and its variants.
// Errors such as "variants.0.sku" appear next to that variant's field.
import { ActionIcon, Alert, Button, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";
import { accountPath } from "../session.tsx";
import type { Product } from "../types.ts";

type VariantRow = { key: number; id?: string; sku: string; barcode: string; name: string; options: string };
let nextKey = 1;
const blank = (): VariantRow => ({ key: nextKey++, sku: "", barcode: "", name: "", options: "" });

/** "colour=red, size=M" <-> { colour: "red", size: "M" }; empty parts ("a=1,") are ignored. */
function parseOptions(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of text.split(",")) {
    const [k, ...v] = part.split("=");
    if (k?.trim() && v.length > 0) out[k.trim()] = v.join("=").trim();
  }
  return out;
}

/** A part without "=" or without a name would be dropped silently by parseOptions: refuse it. */
function optionsError(text: string): string | undefined {
  const bad = text
    .split(",")
    .map((part) => part.trim())
    .find((part) => part !== "" && (!part.includes("=") || part.startsWith("=")));
  return bad === undefined ? undefined : `Write options as name=value, not "${bad}"`;
}

const formatOptions = (o: Record<string, string>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}=${v}`)
    .join(", ");

export function ProductDialog(props: {
  accountId: string;
  product: Product | null;
  onClose: () => void;
  onSaved: (message: string) => Promise<void>;
}) {
  const editing = props.product !== null;
  const [name, setName] = useState(props.product?.name ?? "");
  const [category, setCategory] = useState(props.product?.category ?? "");
  const [rows, setRows] = useState<VariantRow[]>(
    props.product?.variants.map((v) => ({
      key: nextKey++,
      id: v.id,
      sku: v.sku,
      barcode: v.barcode ?? "",
      name: v.name ?? "",
      options: formatOptions(v.options),
    })) ?? [blank()],
  );
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const base = accountPath(props.accountId);
  const set = (key: number, change: Partial<VariantRow>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  const variantBody = (r: VariantRow) => ({
    sku: r.sku,
    ...(r.barcode ? { barcode: r.barcode } : {}),
    ...(r.name ? { name: r.name } : {}),
    options: parseOptions(r.options),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const optionErrors = Object.fromEntries(
      rows.flatMap((r, index) => {
        const message = optionsError(r.options);
        return message ? [[`variants.${index}.options`, message]] : [];
      }),
    );
    if (Object.keys(optionErrors).length > 0) {
      setErrors({ fields: optionErrors, alert: null });
      return;
    }
    setBusy(true);
    try {
      if (!props.product) {
        await api.post(`${base}/products`, {
          name,
          ...(category ? { category } : {}),
          variants: rows.map(variantBody),
        });
      } else {
        await api.patch(`${base}/products/${props.product.id}`, { name, category: category || null });
        for (const [index, row] of rows.entries()) {
          try {
            if (row.id) await api.patch(`${base}/variants/${row.id}`, variantBody(row));
            else await api.post(`${base}/products/${props.product.id}/variants`, variantBody(row));
          } catch (error) {
            // Name the variant row the error belongs to, as the create route does.
            setErrors(toFormErrors(error, () => false));
            const fe = toFormErrors(error, () => true).fields;
            const fields = Object.fromEntries(
              Object.entries(fe).map(([f, m]) => [`variants.${index}.${f}`, m]),
            );
            if (Object.keys(fields).length > 0) setErrors({ fields, alert: null });
            return;
          }
        }
      }
      setErrors(noErrors);
      await props.onSaved(editing ? `Product ${name} saved.` : `Product ${name} created.`);
      props.onClose();
    } catch (error) {
      setErrors(
        toFormErrors(
          error,
          (f) => f === "name" || f === "category" || f === "sku" || f.startsWith("variants."),
        ),
      );
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (index: number, field: string) => errors.fields[`variants.${index}.${field}`];

  return (
    <Modal opened onClose={props.onClose} title={editing ? "Edit product" : "Create product"} size="xl">
      <Stack component="form" onSubmit={submit}>
        {errors.alert && <Alert color="red">{errors.alert}</Alert>}
        <Group grow>
          <TextInput
            label="Product name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.fields.name}
          />
          <TextInput
            label="Category"
            value={category}
            onChange={(e) => setCategory(e.currentTarget.value)}
            error={errors.fields.category}
          />
        </Group>
        <Text fw={600}>Variants</Text>
        {rows.map((row, index) => (
          <Group key={row.key} align="flex-start" wrap="wrap" gap="xs">
            <TextInput
              label={`SKU ${index + 1}`}
              required
              value={row.sku}
              onChange={(e) => set(row.key, { sku: e.currentTarget.value })}
              error={fieldError(index, "sku") ?? (index === 0 ? errors.fields.sku : undefined)}
              w={170}
            />
            <TextInput
              label={`Barcode ${index + 1}`}
              value={row.barcode}
              onChange={(e) => set(row.key, { barcode: e.currentTarget.value })}
              error={fieldError(index, "barcode")}
              w={160}
            />
            <TextInput
              label={`Variant name ${index + 1}`}
              value={row.name}
              onChange={(e) => set(row.key, { name: e.currentTarget.value })}
              error={fieldError(index, "name")}
              w={170}
            />
            <TextInput
              label={`Options ${index + 1}`}
              placeholder="colour=red, size=M"
              value={row.options}
              onChange={(e) => set(row.key, { options: e.currentTarget.value })}
              error={fieldError(index, "options")}
              w={180}
            />
            {!row.id && rows.length > 1 && (
              <ActionIcon
                mt={26}
                variant="subtle"
                color="red"
                size="lg"
                aria-label={`Remove variant ${index + 1}`}
                onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
              >
                ✕
              </ActionIcon>
            )}
          </Group>
        ))}
        <Group justify="space-between">
          <Button variant="light" onClick={() => setRows((all) => [...all, blank()])}>
            Add variant
          </Button>
          <Group>
            <Button variant="default" onClick={props.onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={busy}>
              {editing ? "Save product" : "Create product"}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}
