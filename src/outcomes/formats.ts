/** The outcomes report's CSV tables and the research export's formats. Pure constants for the schemas. */
export const REPORT_TABLES = ["survival", "engraftment", "adverse-events"] as const;
export type ReportTable = (typeof REPORT_TABLES)[number];

export const EXPORT_FORMATS = ["json", "csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
