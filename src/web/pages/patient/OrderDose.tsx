/**
 * Ordering a dose from the baby's record: the product is chosen (or scanned) from those the bank holds
 * reserved for this baby, never typed; a dose that already has an open order shows which order this one
 * replaces and asks why. The server decides (reservation, holds, dose arithmetic, the signed exception)
 * and names the field at fault.
 */
import { Button, NativeSelect, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import type { ReservedProduct } from "../../../bank/reserved-schemas.js";
import type { PlanRecord } from "../../../therapy/schemas.js";
import { type User, api } from "../../api";
import { ErrorNote, day, fieldError, sci, when } from "../../components";
import { productsOfScan } from "../../scanner";

function describe(r: ReservedProduct): string {
  return [
    `${r.dinWithCheck} ${r.code}`,
    r.description ?? undefined,
    `${r.volumeMl} mL`,
    r.expiresAt ? `expires ${day(r.expiresAt)}` : undefined,
    r.onHold ? "ON HOLD" : undefined,
  ]
    .filter(Boolean)
    .join(" · ");
}

export function OrderDose({
  plan,
  reserved,
  user,
  reload,
}: {
  plan: PlanRecord;
  reserved: readonly ReservedProduct[];
  user: User;
  reload: () => void;
}) {
  const doses = plan.doses.filter((d) => d.state === "due" || d.state === "upcoming");
  const [dose, setDose] = useState(String(doses[0]?.number ?? ""));
  const [productId, setProductId] = useState(reserved.length === 1 ? (reserved[0]?.productId ?? "") : "");
  const [scan, setScan] = useState("");
  const [scanNote, setScanNote] = useState("");
  const [target, setTarget] = useState("");
  const [exception, setException] = useState("");
  const [password, setPassword] = useState("");
  const [code, setCode] = useState("");
  const [replaceReason, setReplaceReason] = useState("");
  const open = [...plan.orders]
    .reverse()
    .find((o) => o.doseNumber === Number(dose) && (o.state === "ordered" || o.state === "verified"));
  const chosen = reserved.find((r) => r.productId === productId);
  const order = useMutation({
    mutationFn: () => {
      const body: Record<string, unknown> = { doseNumber: Number(dose) };
      if (chosen) {
        body.din = chosen.din;
        body.productCode = chosen.code;
      } else body.din = "";
      if (target.trim()) body.targetPerKg = Number(target);
      if (exception.trim()) body.exceptionReason = exception;
      if (password) body.password = password;
      if (open) {
        body.replaces = open.id;
        body.replaceReason = replaceReason;
      }
      return api.orderDose(plan.id, body, code || undefined);
    },
    onSuccess: () => {
      setPassword("");
      setCode("");
      setReplaceReason("");
      reload();
    },
  });
  const onScan = () => {
    const found = productsOfScan(scan, reserved);
    if (found.length === 1 && found[0]) {
      setProductId(found[0].productId);
      setScanNote(`scanned: ${describe(found[0])}`);
    } else if (found.length > 1)
      setScanNote("this DIN has several reserved products: scan the product code too");
    else setScanNote(`${scan.trim()} is not a product reserved for this baby`);
    setScan("");
  };
  const error = (name: string) => fieldError(order.error, name);
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      className="step"
      aria-label="Order a dose"
      onSubmit={(e) => {
        e.preventDefault();
        order.mutate();
      }}
    >
      <Stack gap="xs">
        <Title order={3}>Order a dose</Title>
        <NativeSelect
          label="Dose"
          withAsterisk
          value={dose}
          onChange={(e) => setDose(e.currentTarget.value)}
          data={doses.map((d) => ({
            value: String(d.number),
            label: `Dose ${d.number} (${d.state}, ${when(d.earliest)} – ${when(d.latest)})`,
          }))}
          error={error("doseNumber")}
        />
        {reserved.length === 0 ? (
          <Text c="red.9" role="alert">
            No product is reserved for this baby: the bank reserves one first (Find a graft, or the product's
            page).
          </Text>
        ) : (
          <NativeSelect
            label="Product reserved for this baby"
            withAsterisk
            value={productId}
            onChange={(e) => setProductId(e.currentTarget.value)}
            data={[
              { value: "", label: "choose a product…" },
              ...reserved.map((r) => ({ value: r.productId, label: describe(r) })),
            ]}
            error={error("din") ?? error("productCode")}
          />
        )}
        <TextInput
          label="…or scan the bag (DIN or product code)"
          description="scans type into this field; Enter chooses the product"
          value={scan}
          onChange={(e) => setScan(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              onScan();
            }
          }}
        />
        {scanNote && (
          <Text size="sm" aria-live="polite">
            {scanNote}
          </Text>
        )}
        <TextInput
          label="Cells/kg (blank: the protocol's)"
          inputMode="decimal"
          value={target}
          onChange={(e) => setTarget(e.currentTarget.value)}
          error={error("targetPerKg")}
        />
        {open && (
          <>
            <Text size="sm" data-testid="replaces">
              Dose {open.doseNumber} already has order {open.id.slice(0, 8)}: {open.productId}, draw{" "}
              {open.drawMl} mL ({sci(open.deliveredPerKg)} cells/kg), ordered {when(open.orderedAt)} by{" "}
              {open.orderedBy}. This order replaces it.
            </Text>
            <TextInput
              label="Why it is replaced"
              withAsterisk
              value={replaceReason}
              onChange={(e) => setReplaceReason(e.currentTarget.value)}
              error={error("replaceReason") ?? error("replaces")}
            />
          </>
        )}
        <TextInput
          label="Reason for a dose outside the protocol"
          value={exception}
          onChange={(e) => setException(e.currentTarget.value)}
          error={error("exceptionReason")}
        />
        <PasswordInput
          label="Password (signs the exception)"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={error("password")}
        />
        {user.totp && (
          <PasswordInput
            label="Authenticator code (signs the exception)"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
        )}
        <Button type="submit" loading={order.isPending} disabled={reserved.length === 0}>
          Order
        </Button>
        {order.data && (
          <Text className="ok" aria-live="polite">
            ordered: draw {order.data.drawMl} mL
          </Text>
        )}
        <ErrorNote error={order.error} />
      </Stack>
    </Paper>
  );
}
