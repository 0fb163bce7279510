/**
 * The components pages share. Pages import them from here, never from the shell (App.tsx), so the shell
 * can import every page without a circle. Nothing in this folder imports a page or the shell.
 */
export { AuditTable } from "./AuditTable";
export { ListTable } from "./ListTable";
export { Countdown, useNow } from "./Countdown";
export { type Curve, CurveChart } from "./CurveChart";
export { OKABE_ITO, dayTicks } from "./curve-palette";
export { ErrorNote } from "./ErrorNote";
export { type Field, Form } from "./Form";
export { SigningDialog } from "./SigningDialog";
export { PrintButton } from "./PrintButton";
export {
  calendarDay,
  day,
  formatSpan,
  instantToLocal,
  localTimesIn,
  localToInstant,
  sci,
  when,
  whenExact,
  zoneName,
} from "./format";
export { fieldWords, inUserWords } from "./field-words";
export { fieldError } from "./field-error";
export { SubmitRow } from "./SubmitRow";
export { Rules } from "./Rules";
export { codeField, coSignerCode, credentialsOf, takeCode } from "./second-factor";
export { RecordAudit } from "./RecordAudit";
export { PatientPicker } from "./PatientPicker";
