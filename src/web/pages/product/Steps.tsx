/** The steps the server lets this user take on the product now: a form or a dialog each. */
import type { ProductAction } from "../../../bank/schemas.js";
import type { RuleResult } from "../../../contract/rules.js";
import { type User, api } from "../../api";
import { PROCESSING_STEPS } from "../../bank-lists";
import { type Field, Form, takeCode } from "../../components";
import { DiscardDialog } from "./DiscardDialog";
import { DivideDialog } from "./DivideDialog";
import { QcStep } from "./QcStep";
import { ReceiveDialog } from "./ReceiveDialog";
import { ReleaseDialog } from "./ReleaseDialog";
import { ReserveStep } from "./ReserveStep";
import { ShipDialog } from "./ShipDialog";
import { MoveStep, StoreStep } from "./StorageStep";
import { TemperatureLogDialog } from "./TemperatureLogDialog";

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
  releaseCheck,
  volumeMl,
}: {
  din: string;
  code: string | undefined;
  actions: ProductAction[];
  user: User;
  reload: () => void;
  releaseCheck: RuleResult[];
  volumeMl: number;
}) {
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
        <ReleaseDialog din={din} code={code} user={user} criteria={releaseCheck} onDone={reload} />
      )}
      {may("reserve") && <ReserveStep din={din} product={code} onDone={reload} />}
      {may("divide") && <DivideDialog din={din} volumeMl={volumeMl} onDone={reload} />}
      {may("ship") && <ShipDialog din={din} code={code} onDone={reload} />}
      {may("temperature-log") && <TemperatureLogDialog din={din} code={code} onDone={reload} />}
      {may("receive") && <ReceiveDialog din={din} code={code} onDone={reload} />}
      {may("discard") && <DiscardDialog din={din} code={code} onDone={reload} />}
    </div>
  );
}
