/**
 * The look-back: from a lot (pick it), equipment over a window, a donor or mother id, or a DIN; the answer
 * lists every affected product and where it is; opening the recall holds them (the server, in one step).
 */
import { SimpleGrid, Title } from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useNavigate } from "react-router";
import type { Lookback } from "../../../bank/quality/recall-schemas.js";
import { api } from "../../api";
import { LOOKBACK_ORIGINS } from "../../bank-lists";
import { Form } from "../../components";
import { AffectedTable } from "./AffectedTable";

export function LookbackPanel() {
  const queries = useQueryClient();
  const navigate = useNavigate();
  const lots = useQuery({ queryKey: ["lots"], queryFn: () => api.lots() });
  const [found, setFound] = useState<{ query: Record<string, unknown>; answer: Lookback }>();
  // A lot is picked by its number; the server takes its id.
  const refOf = (b: Record<string, unknown>) => {
    const lot = (lots.data ?? []).find((l) => l.lotNumber === b.ref);
    return b.origin === "lot" && lot ? { ...b, ref: lot.id } : b;
  };
  return (
    <>
      <Title order={2}>Look back</Title>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm" my="sm">
        <Form
          title="Look back"
          button="Look back"
          fields={[
            { name: "origin", label: "From", required: true, options: LOOKBACK_ORIGINS },
            {
              name: "ref",
              label: "Lot number, asset id, donor or mother id, or DIN",
              required: true,
            },
            { name: "from", label: "Equipment: window from", type: "datetime" },
            { name: "to", label: "Equipment: window to", type: "datetime" },
          ]}
          onSubmit={async (b) => {
            const query = refOf(b);
            // The window is for equipment only; a datetime left empty is sent as now by the form.
            if (query.origin !== "equipment") {
              delete query.from;
              delete query.to;
            }
            const answer = await api.lookback(query as never);
            setFound({ query, answer });
            return `${answer.products.length} product(s) in ${answer.collections} collection(s)`;
          }}
        />
        {found && found.answer.products.length > 0 && (
          <Form
            title="Open a recall"
            button="Open the recall and hold the products"
            fields={[{ name: "reason", label: "Reason", required: true }]}
            onSubmit={async ({ reason }) => {
              const r = await api.openRecall({
                ...(found.query as object),
                reason: String(reason ?? ""),
              } as never);
              void queries.invalidateQueries({ queryKey: ["recalls"] });
              navigate(`/recalls/${r.recall.id}`);
              return undefined;
            }}
          />
        )}
      </SimpleGrid>
      {found && <AffectedTable products={found.answer.products} label="Products found" />}
      {found && found.answer.parties.length > 0 && (
        <p>To notify: {found.answer.parties.map((p) => `${p.name} (${p.kind})`).join(", ")}</p>
      )}
    </>
  );
}
