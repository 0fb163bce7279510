/**
 * The choices the outcomes page offers: groupings and populations. Written here (the web app may not import
 * the server's constants at run time) and checked at compile time against the report query's schema type,
 * so a value the server adds or drops fails the build until the list follows.
 */
import type { ReportQuery } from "../outcomes/comparison-schemas";

type Grouping = NonNullable<ReportQuery["groupBy"]>;
type ProtocolId = NonNullable<ReportQuery["protocol"]>;
type Indication = NonNullable<ReportQuery["indication"]>;

/** The values, in order; compiles only when they are exactly every member of T. */
function every<T extends string>() {
  return <const V extends readonly T[]>(...values: V & ([T] extends [V[number]] ? unknown : never)): T[] => [
    ...values,
  ];
}

export const GROUPINGS = every<Grouping>()(
  "protocol",
  "protocol-version",
  "indication",
  "donor-type",
  "hla-match",
  "arm",
);
export const GROUPING_LABELS: Record<Grouping, string> = {
  protocol: "Protocol",
  "protocol-version": "Protocol version",
  indication: "Indication",
  "donor-type": "Donor type",
  "hla-match": "HLA match of the graft",
  arm: "Randomised arm (one protocol)",
};
export const PROTOCOLS = every<ProtocolId>()(
  "hie-autologous-cord-blood",
  "allogeneic-cord-blood-transplant",
  "msc-bronchopulmonary-dysplasia",
);
export const INDICATIONS = every<Indication>()(
  "genetic-disorder",
  "congenital-abnormality",
  "neonatal-brain-injury",
  "complication-of-prematurity",
);
