// Set a variant's stock at one location: the account's own warehouse ("default") or a
// fulfillment channel. POST /stock { levels: [{ sku, location, onHand, reserved }] }; errors
// naming levels.0.* appear next to their field.
import { Alert, Button, Group, Modal, NativeSelect, NumberInput, Stack, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { api } from "../api.ts";
import { type FormErrors, noErrors, toFormErrors } from "../components/field-errors.ts";
import { accountPath } from "../session.tsx";

export type StockLevel = {
  sku: string;
  variantId: string;
  location: string;
  onHand: number;
  reserved: number;
};
export type StockLocation = { value: string; label: string };

export function StockDialog(props: {
  accountId: string;
  sku: string;
  locations: StockLocation[];
  levels: StockLevel[];
  onClose: () => void;
  onSaved: (message: string) => Promise<void>;
}) {
  const levelAt = (location: string) =>
    props.levels.find((l) => l.sku === props.sku && l.location === location);
  const [location, setLocation] = useState("default");
  const [onHand, setOnHand] = useState<number>(levelAt("default")?.onHand ?? 0);
  const [reserved, setReserved] = useState<number>(levelAt("default")?.reserved ?? 0);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const field = (name: string) => errors.fields[`levels.0.${name}`];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await api.post(`${accountPath(props.accountId)}/stock`, {
        levels: [{ sku: props.sku, location, onHand, reserved }],
      });
      const where = props.locations.find((l) => l.value === location)?.label ?? location;
      await props.onSaved(`Stock of ${props.sku} at ${where}: ${onHand} on hand, ${reserved} reserved.`);
      props.onClose();
    } catch (e) {
      setErrors(toFormErrors(e, (f) => f.startsWith("levels.0.")));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={props.onClose} title={`Set stock of ${props.sku}`}>
      <Stack component="form" onSubmit={submit}>
        {errors.alert && <Alert color="red">{errors.alert}</Alert>}
        <TextInput label="Variant SKU" value={props.sku} readOnly error={field("sku")} />
        <NativeSelect
          label="Location"
          data={props.locations}
          value={location}
          error={field("location")}
          onChange={(e) => {
            const next = e.currentTarget.value;
            setLocation(next);
            setOnHand(levelAt(next)?.onHand ?? 0);
            setReserved(levelAt(next)?.reserved ?? 0);
          }}
        />
        <NumberInput
          label="On hand"
          min={0}
          allowDecimal={false}
          value={onHand}
          onChange={(v) => setOnHand(typeof v === "number" ? v : Number(v) || 0)}
          error={field("onHand")}
          data-autofocus
        />
        <NumberInput
          label="Reserved"
          min={0}
          allowDecimal={false}
          value={reserved}
          onChange={(v) => setReserved(typeof v === "number" ? v : Number(v) || 0)}
          error={field("reserved")}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={props.onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={busy}>
            Save stock
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
