/**
 * Recording a QC result. A number outside the test's plausible range for the product's source is refused
 * by the server (QC_VALUE_IMPLAUSIBLE, naming the range and its basis); the form then shows that message
 * on the value, and offers to confirm the value is correct with a required reason. The form keeps what
 * the user typed after any refusal, and a confirmation holds only for the value it was given for. A result
 * that contradicts an earlier one of its test and stage (RESULT_CONTRADICTS: a negative after a positive)
 * is never taken silently: the form asks whether it is a repeat or a confirmatory test, and why.
 */
import { Checkbox, NativeSelect, Paper, Stack, TextInput, Title } from "@mantine/core";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { ApiError, api } from "../../api";
import { QC_STAGES, QC_TESTS, RETEST_KINDS } from "../../bank-lists";
import { SubmitRow, fieldError, localToInstant, zoneName } from "../../components";
import { withMaterials } from "./ProcessingStep";

const EMPTY = {
  test: "",
  stage: "",
  value: "",
  result: "",
  testedAt: "",
  retest: "",
  reason: "",
  lot: "",
  asset: "",
};

export function QcStep({ din, product, onDone }: { din: string; product?: string; onDone: () => void }) {
  const [v, setV] = useState(EMPTY);
  const [confirm, setConfirm] = useState(false);
  const [confirmReason, setConfirmReason] = useState("");
  const [offerConfirm, setOfferConfirm] = useState(false);
  const [offerRetest, setOfferRetest] = useState(false);
  const [done, setDone] = useState("");
  // The test kit lot and the instrument used, picked from the bank's lists (issue 18).
  const lots = useQuery({ queryKey: ["lots"], queryFn: () => api.lots() });
  const equipment = useQuery({ queryKey: ["equipment"], queryFn: () => api.equipment() });
  const usable = (lots.data ?? []).filter((l) => l.acceptance === "accepted");
  const send = useMutation({
    mutationFn: (body: Record<string, unknown>) => api.step(din, "qc", body, product),
    onMutate: () => setDone(""),
    onSuccess: () => {
      setDone("Record a QC result: done");
      setV(EMPTY);
      setConfirm(false);
      setConfirmReason("");
      setOfferConfirm(false);
      setOfferRetest(false);
      onDone();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === "QC_VALUE_IMPLAUSIBLE") setOfferConfirm(true);
      if (e instanceof ApiError && e.code === "RESULT_CONTRADICTS") setOfferRetest(true);
    },
  });
  // A confirmation is for one test's one value: changing either asks for it again.
  const set = (k: keyof typeof EMPTY, value: string) => {
    setV((old) => ({ ...old, [k]: value }));
    if (k === "value" || k === "test") setConfirm(false);
  };
  return (
    <Paper
      component="form"
      withBorder
      p="sm"
      className="step"
      aria-label="Record a QC result"
      onSubmit={(e) => {
        e.preventDefault();
        const body: Record<string, unknown> = {
          test: v.test,
          stage: v.stage,
          testedAt: localToInstant(v.testedAt) ?? new Date().toISOString(),
        };
        if (v.value.trim() !== "") body.value = Number(v.value);
        if (v.result.trim() !== "") body.result = v.result;
        if (offerRetest && v.retest !== "") body.retest = v.retest;
        if (offerRetest && v.reason.trim() !== "") body.reason = v.reason;
        if (confirm) {
          body.confirmImplausible = true;
          body.confirmReason = confirmReason;
        }
        send.mutate(withMaterials({ ...body, lot: v.lot, asset: v.asset }, usable));
      }}
    >
      <Stack gap="xs">
        <Title order={3}>Record a QC result</Title>
        <NativeSelect
          name="test"
          label="Test"
          withAsterisk
          value={v.test}
          data={[{ value: "", label: "—" }, ...QC_TESTS]}
          onChange={(e) => set("test", e.currentTarget.value)}
          error={fieldError(send.error, "test")}
        />
        <NativeSelect
          name="stage"
          label="Stage"
          withAsterisk
          value={v.stage}
          data={[{ value: "", label: "—" }, ...QC_STAGES]}
          onChange={(e) => set("stage", e.currentTarget.value)}
          error={fieldError(send.error, "stage")}
        />
        <TextInput
          name="value"
          label="Value"
          placeholder="cells or %"
          inputMode="decimal"
          autoComplete="off"
          value={v.value}
          onChange={(e) => set("value", e.currentTarget.value)}
          error={fieldError(send.error, "value")}
        />
        <TextInput
          name="result"
          label="Result"
          placeholder="negative, GL string, O+"
          autoComplete="off"
          value={v.result}
          onChange={(e) => set("result", e.currentTarget.value)}
          error={fieldError(send.error, "result")}
        />
        <TextInput
          name="testedAt"
          label="Tested at (empty: now)"
          type="datetime-local"
          description={`Your local time (${zoneName()})`}
          value={v.testedAt}
          onChange={(e) => set("testedAt", e.currentTarget.value)}
          error={fieldError(send.error, "testedAt")}
        />
        <NativeSelect
          name="lot"
          label="Test kit or reagent lot used"
          value={v.lot}
          data={[{ value: "", label: "—" }, ...usable.map((l) => l.lotNumber)]}
          onChange={(e) => set("lot", e.currentTarget.value)}
          error={fieldError(send.error, "lotIds")}
        />
        <NativeSelect
          name="asset"
          label="Equipment used"
          value={v.asset}
          data={[{ value: "", label: "—" }, ...(equipment.data ?? []).map((e) => e.assetId)]}
          onChange={(e) => set("asset", e.currentTarget.value)}
          error={fieldError(send.error, "assetIds")}
        />
        {offerRetest && (
          <>
            <NativeSelect
              name="retest"
              label="This result contradicts an earlier one: it is a"
              withAsterisk
              value={v.retest}
              data={[
                { value: "", label: "—" },
                ...RETEST_KINDS.map((k) => ({ value: k, label: `${k} test` })),
              ]}
              onChange={(e) => set("retest", e.currentTarget.value)}
              error={fieldError(send.error, "retest")}
            />
            <TextInput
              name="reason"
              label="Why the test was done again"
              withAsterisk
              value={v.reason}
              onChange={(e) => set("reason", e.currentTarget.value)}
              error={fieldError(send.error, "reason")}
            />
          </>
        )}
        {offerConfirm && (
          <>
            <Checkbox
              name="confirmImplausible"
              label="I confirm the value is correct"
              checked={confirm}
              onChange={(e) => setConfirm(e.currentTarget.checked)}
            />
            <TextInput
              name="confirmReason"
              label="Why the value is right"
              withAsterisk={confirm}
              aria-required={confirm}
              disabled={!confirm}
              value={confirmReason}
              onChange={(e) => setConfirmReason(e.currentTarget.value)}
              error={fieldError(send.error, "confirmReason")}
            />
          </>
        )}
        <SubmitRow button="Record" busy={send.isPending} done={done} error={send.error} />
      </Stack>
    </Paper>
  );
}
