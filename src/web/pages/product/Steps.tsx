/** The steps the server lets this user take on the product now: a form or a dialog each. */
import type { ProductAction } from "../../../bank/schemas.js";
import type { RuleResult } from "../../../contract/rules.js";
import type { User } from "../../api";
import { DiscardDialog } from "./DiscardDialog";
import { DivideDialog } from "./DivideDialog";
import { ProcessingStep } from "./ProcessingStep";
import { QcStep } from "./QcStep";
import { ReceiveDialog } from "./ReceiveDialog";
import { ReleaseDialog } from "./ReleaseDialog";
import { ReserveStep } from "./ReserveStep";
import { ShipDialog } from "./ShipDialog";
import { MoveStep, StoreStep } from "./StorageStep";
import { TemperatureLogDialog } from "./TemperatureLogDialog";

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
      {may("process") && <ProcessingStep din={din} product={code} onDone={reload} />}
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
