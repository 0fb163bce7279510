/** The analysis dataset's answer: its rows and the data dictionary. Typebox and the contract only. */
import { type Static, Type } from "typebox";
import { Int, Line, List, Obj } from "../contract/schema.js";

export const DictionaryEntrySchema = Obj({
  column: Line(100),
  meaning: Line(),
  unit: Line(),
  allowed: Line(),
});
export const AnalysisRowSchema = Type.Record(Line(100), Type.Union([Type.Number(), Line(), Type.Null()]));
export type AnalysisRow = Static<typeof AnalysisRowSchema>;
export const AnalysisDatasetSchema = Obj({
  dictionary: List(DictionaryEntrySchema, 200),
  rows: List(AnalysisRowSchema, 1_000_000),
  /** Plans left out: no research consent in force. */
  excluded: Int(0, Number.MAX_SAFE_INTEGER),
});
export type AnalysisDataset = Static<typeof AnalysisDatasetSchema>;
