// The channel fields, shared by "Add channel" and the channel's Settings tab.
import { Alert, Button, Checkbox, Group, NativeSelect, NumberInput, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";
import { optionsOf, platformLabels } from "../labels.ts";
import type { Channel } from "../types.ts";

export type ChannelInput = Pick<
  Channel,
  "name" | "kind" | "platform" | "sellerId" | "enabled" | "canImportProducts" | "buffer" | "familyLock"
>;

const fieldNames = new Set([
  "name",
  "kind",
  "platform",
  "sellerId",
  "enabled",
  "canImportProducts",
  "buffer",
  "familyLock",
]);

export const emptyChannel: ChannelInput = {
  name: "",
  kind: "sales",
  platform: "generic",
  sellerId: "",
  enabled: true,
  canImportProducts: false,
  buffer: 0,
  familyLock: false,
};

export function ChannelForm(props: {
  initial: ChannelInput;
  submitLabel: string;
  readOnly?: boolean;
  onSubmit: (input: ChannelInput) => Promise<void>;
}) {
  const [value, setValue] = useState<ChannelInput>(props.initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof ChannelInput>(key: K, v: ChannelInput[K]) =>
    setValue((old) => ({ ...old, [key]: v }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await props.onSubmit(value);
      setErrors(noErrors);
    } catch (error) {
      setErrors(toFormErrors(error, (f) => fieldNames.has(f)));
    } finally {
      setBusy(false);
    }
  };
  const disabled = props.readOnly === true;

  return (
    <Stack component="form" onSubmit={submit}>
      {errors.alert && <Alert color="red">{errors.alert}</Alert>}
      <TextInput
        label="Name"
        required
        disabled={disabled}
        value={value.name}
        onChange={(e) => set("name", e.currentTarget.value)}
        error={errors.fields.name}
      />
      <Group grow>
        <NativeSelect
          label="Kind"
          disabled={disabled}
          data={[
            { value: "sales", label: "Sales (marketplace, web shop)" },
            { value: "fulfillment", label: "Fulfillment (3PL, warehouse)" },
          ]}
          value={value.kind}
          onChange={(e) => set("kind", e.currentTarget.value as Channel["kind"])}
          error={errors.fields.kind}
        />
        <NativeSelect
          label="Platform"
          disabled={disabled}
          data={optionsOf(platformLabels)}
          value={value.platform}
          onChange={(e) => set("platform", e.currentTarget.value)}
          error={errors.fields.platform}
        />
      </Group>
      <Group grow>
        <TextInput
          label="Seller id"
          description="The seller's id on the channel (listings are identified by it)"
          disabled={disabled}
          value={value.sellerId}
          onChange={(e) => set("sellerId", e.currentTarget.value)}
          error={errors.fields.sellerId}
        />
        <NumberInput
          label="Stock buffer"
          description="Held back from every listing's quantity"
          disabled={disabled}
          min={0}
          value={value.buffer}
          onChange={(v) => set("buffer", typeof v === "number" ? v : Number(v) || 0)}
          error={errors.fields.buffer}
        />
      </Group>
      <Checkbox
        label="Enabled"
        disabled={disabled}
        checked={value.enabled}
        onChange={(e) => set("enabled", e.currentTarget.checked)}
      />
      <Checkbox
        label="Can import products (may be the master product source)"
        disabled={disabled}
        checked={value.canImportProducts}
        onChange={(e) => set("canImportProducts", e.currentTarget.checked)}
      />
      <Checkbox
        label="Family lock (a parent's variations are mapped within one product)"
        disabled={disabled}
        checked={value.familyLock}
        onChange={(e) => set("familyLock", e.currentTarget.checked)}
      />
      {!disabled && (
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {props.submitLabel}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
