/** The steps the server lets this user take on the product now, one form each. */
import type { ProductAction } from "../../../bank/schemas.js";
import { type User, api } from "../../api";
import { PROCESSING_STEPS } from "../../bank-lists";
import { type Field, Form, SigningDialog, codeField, takeCode } from "../../components";
import { QcStep } from "./QcStep";
import { ReserveStep } from "./ReserveStep";
import { MoveStep, StoreStep } from "./StorageStep";

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
      {may("qc") && <QcStep din={din} product={code} onDone={reload} />}
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
      {may("store") && <StoreStep din={din} product={code} onDone={reload} />}
      {may("move") && <MoveStep din={din} product={code} onDone={reload} />}
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
      {may("reserve") && <ReserveStep din={din} product={code} onDone={reload} />}
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
