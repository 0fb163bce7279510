/**
 * A treating centre's report about a distributed product — a recipient's adverse reaction or a complaint —
 * recorded by whoever takes the call (a coordinator, a physician, quality). The case goes to the quality
 * system, whose clocks start at the time the bank learned of it; the recorder need not read the quality
 * records, so the dialog says what happens next.
 */
import { Text } from "@mantine/core";
import { api } from "../../api";
import { VIGILANCE_KINDS } from "../../bank-lists";
import { StepDialog } from "./StepDialog";

export function ReportVigilance({
  din,
  code,
  shippedTo,
}: {
  din: string;
  code: string | undefined;
  /** The centre the product was last shipped to: a report from another is refused as the wrong product. */
  shippedTo: string | undefined;
}) {
  return (
    <StepDialog
      {...(shippedTo ? { initial: { centre: shippedTo } } : {})}
      opener="Report a reaction or complaint…"
      title="Report an adverse reaction or a complaint about this product"
      button="Record the report"
      intro={
        <Text size="sm">
          Quality investigates it. A serious reaction involving a communicable disease is reported to FDA
          within 15 days of the time below (21 CFR 1271.350(a)); a serious one to the EU authority as
          configured.
        </Text>
      }
      fields={[
        { name: "kind", label: "What is reported", required: true, options: VIGILANCE_KINDS },
        {
          name: "centre",
          label: "The treating centre that reported it (as the shipment names it)",
          required: true,
        },
        {
          name: "shippedAs",
          label: "Only if the centre was renamed since: the name it was shipped to",
        },
        { name: "learnedAt", label: "When the bank learned of it", type: "datetime" },
        { name: "description", label: "What was reported (at least 10 characters)", required: true },
        {
          name: "serious",
          label: "Serious (fatal, life-threatening, lasting harm, or needing intervention)",
          type: "checkbox",
        },
        { name: "communicableDisease", label: "Involves a communicable disease", type: "checkbox" },
      ]}
      onSubmit={async (form) => {
        const c = await api.recordVigilance({
          ...form,
          // An unticked box is a "no", which the server must be told (it guesses nothing).
          serious: form.serious === true,
          communicableDisease: form.communicableDisease === true,
          din,
          ...(code ? { product: code } : {}),
        } as never);
        const due = [c.fda && `FDA by ${c.fda.dueDate}`, c.eu && `the EU authority by ${c.eu.dueDate}`]
          .filter(Boolean)
          .join(" and ");
        return <Text>Recorded for quality to investigate{due ? `; to be reported to ${due}` : ""}.</Text>;
      }}
    />
  );
}
