/**
 * The components pages share. Pages import them from here, never from the shell (App.tsx), so the shell
 * can import every page without a circle. Nothing in this folder imports a page or the shell.
 */
export { AuditTable } from "./AuditTable";
export { Countdown, useNow } from "./Countdown";
export { type Curve, CurveChart } from "./CurveChart";
export { OKABE_ITO, dayTicks } from "./curve-palette";
export { ErrorNote } from "./ErrorNote";
export { type Field, Form } from "./Form";
export { formatSpan, sci, utc, utcDay } from "./format";
export { Rules } from "./Rules";
export { codeField, coSignerCode, credentialsOf, takeCode } from "./second-factor";
