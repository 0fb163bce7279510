/**
 * The components pages share. Pages import them from here, never from the shell (App.tsx), so the shell
 * can import every page without a circle. Nothing in this folder imports a page or the shell.
 */
export { AuditTable } from "./AuditTable";
export { Countdown, useNow } from "./Countdown";
export { ErrorNote } from "./ErrorNote";
export { type Field, Form } from "./Form";
export { formatSpan, sci, utc, utcDay } from "./format";
export { Rules } from "./Rules";
export { type Series, StepChart } from "./StepChart";
