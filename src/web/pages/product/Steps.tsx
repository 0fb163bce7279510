/** The steps the server lets this user take on the product now, one form each. */
import type { ProductAction } from "../../../bank/schemas.js";
import { type User, api } from "../../api";
import { PROCESSING_STEPS, QC_STAGES, QC_TESTS } from "../../bank-lists";
import { type Field, Form, SigningDialog, codeField, takeCode } from "../../components";

/** One form per step of a product's life; the server checks the rules and names the field at fault. */
function StepForm({
  din,
  product,
  step,
  title,
  fields,
  button,
  onDone,
}: {
  din: string;
  product?: string;
  step: string;
  title: string;
  fields: Field[];
  button: string;
  onDone: () => void;
}) {
  return (
    <Form
      title={title}
      fields={fields}
      button={button}
      onSubmit={async (form) => {
        const [body, code] = takeCode(form);
        await api.step(din, step, body, product, code);
        onDone();
        return undefined;
      }}
    />
  );
}

export function Steps({
  din,
  code,
  actions,
  user,
  reload,
}: { din: string; code: string | undefined; actions: ProductAction[]; user: User; reload: () => void }) {
  const may = (a: ProductAction) => actions.includes(a);
  return (
    <div className="actions">
      {may("qc") && (
        <StepForm
          din={din}
          product={code}
          step="qc"
          title="Record a QC result"
          button="Record"
          onDone={reload}
          fields={[
            {
              name: "test",
              required: true,
              label: "Test",
              options: QC_TESTS,
            },
            {
              name: "stage",
              required: true,
              label: "Stage",
              options: QC_STAGES,
            },
            { name: "value", label: "Value", type: "number", placeholder: "cells or %" },
            { name: "result", label: "Result", placeholder: "negative, GL string, O+" },
            { name: "testedAt", label: "Tested at (empty: now)", type: "datetime" },
          ]}
        />
      )}
      {may("process") && (
        <StepForm
          din={din}
          product={code}
          step="processing"
          title="Record processing"
          button="Record"
          onDone={reload}
          fields={[
            {
              name: "step",
              required: true,
              label: "Step",
              options: PROCESSING_STEPS,
            },
            { name: "performedAt", label: "Performed at (empty: now)", type: "datetime" },
            { name: "volumeAfterMl", label: "Volume after (mL)", type: "number" },
            { name: "complete", label: "Processing complete", type: "checkbox" },
          ]}
        />
      )}
      {may("store") && (
        <StepForm
          din={din}
          product={code}
          step="storage"
          title="Store"
          button="Store"
          onDone={reload}
          fields={[{ name: "location", label: "Position", placeholder: "LN2-01/R03/B12/A1", required: true }]}
        />
      )}
      {may("release") && (
        <SigningDialog
          opener="Release…"
          title={`Release: sign as ${user.printedName}, meaning "released"`}
          button="Sign and release"
          fields={[
            { name: "password", label: "Your password", type: "password", required: true },
            ...codeField(user),
          ]}
          onSubmit={async (form) => {
            const [body, secondFactor] = takeCode(form);
            await api.step(din, "release", body, code, secondFactor);
            reload();
            return undefined;
          }}
        />
      )}
      {may("reserve") && (
        <StepForm
          din={din}
          product={code}
          step="reservation"
          title="Reserve for a patient"
          button="Reserve"
          onDone={reload}
          fields={[
            { name: "patientId", label: "Patient", required: true },
            { name: "reason", label: "Reason", required: true },
          ]}
        />
      )}
      {may("discard") && (
        <StepForm
          din={din}
          product={code}
          step="discard"
          title="Discard"
          button="Discard"
          onDone={reload}
          fields={[{ name: "reason", label: "Reason", required: true }]}
        />
      )}
    </div>
  );
}
