/**
 * The quality system's own vocabulary and defaults (issue 18): pure constants, imported by the schemas the
 * web app compiles.
 */

export const DEVIATION_KINDS = ["planned", "unplanned"] as const;
export type DeviationKind = (typeof DEVIATION_KINDS)[number];
/** open → assessed (impact assessed by a quality manager) → closed (signed decision). */
export const DEVIATION_STATES = ["open", "assessed", "closed"] as const;
export type DeviationState = (typeof DEVIATION_STATES)[number];
/** What a deviation touched: a product (its id), a processing step (its id), equipment (an asset id). */
export const DEVIATION_LINK_KINDS = ["product", "step", "equipment"] as const;
export type DeviationLinkKind = (typeof DEVIATION_LINK_KINDS)[number];
/** The closing decision, signed: the products may be released, or stay barred and are discarded. */
export const DEVIATION_DECISIONS = ["accept", "reject"] as const;
export type DeviationDecision = (typeof DEVIATION_DECISIONS)[number];

/** A product at or past release counts as distributed for 21 CFR 1271.350(b) (released, shipped, used). */
export const DISTRIBUTED_STATUSES = ["available", "reserved", "shipped", "received", "infused"] as const;

export const CAPA_KINDS = ["corrective", "preventive"] as const;
export type CapaKind = (typeof CAPA_KINDS)[number];
export const CAPA_STATES = ["open", "done"] as const;
export type CapaState = (typeof CAPA_STATES)[number];

/**
 * The regulatory clocks, in calendar days after the UTC calendar day the bank learned of the event (that
 * day is day 0): the report is on time through the whole of the last day, overdue from the next.
 * 21 CFR 1271.350(b): HCT/P deviations in distributed products, within 45 days of discovery;
 * 21 CFR 1271.350(a): a serious adverse reaction involving a communicable disease, within 15 calendar days.
 */
export const CLOCK_DAYS = { deviation: 45, fdaReaction: 15 } as const;
export const CLOCK_STATES = ["due", "overdue", "submitted"] as const;
export type ClockState = (typeof CLOCK_STATES)[number];

export const ALARM_KINDS = ["excursion", "ln2-low", "silent"] as const;
export type AlarmKind = (typeof ALARM_KINDS)[number];
export const ALARM_STATES = ["open", "acknowledged", "closed"] as const;
export type AlarmState = (typeof ALARM_STATES)[number];
export const READING_SOURCES = ["csv", "http"] as const;
export type ReadingSource = (typeof READING_SOURCES)[number];

/**
 * Monitoring defaults: vapour-phase LN2 storage alarms warmer than −150 °C (FIELD-FACTS); an alarm
 * escalates when not acknowledged within 15 minutes; a sensor is silent after 30 minutes without a reading.
 * A freezer has no default threshold: a quality manager sets it.
 */
export const MONITORING_DEFAULTS = { ln2MaxCelsius: -150, ackMinutes: 15, silentMinutes: 30 } as const;
/** The bounds a reading or threshold may take: below absolute zero or above 100 °C is no reading. */
export const CELSIUS = { min: -273.15, max: 100 } as const;
/** LN2 level, in percent of the tank's capacity. */
export const LN2_LEVEL = { min: 0, max: 100 } as const;
/** How far ahead of the server's clock a reading's time may be (sensor clocks drift). */
export const READING_FUTURE_GRACE_MS = 5 * 60 * 1000;
/** The most readings one import or post may carry. */
export const MAX_READINGS = 10_000;

export const VIGILANCE_KINDS = ["adverse-reaction", "complaint"] as const;
export type VigilanceKind = (typeof VIGILANCE_KINDS)[number];
export const VIGILANCE_STATES = ["open", "investigated", "closed"] as const;
export type VigilanceState = (typeof VIGILANCE_STATES)[number];
export const AUTHORITIES = ["fda", "eu"] as const;
export type Authority = (typeof AUTHORITIES)[number];

/** A documented decision or assessment holds at least this many characters. */
export const QUALITY_TEXT_MIN = 10;
