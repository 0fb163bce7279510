/**
 * A product's open holds (issue 14): why it is held, since when and by which result, and — for a quality
 * manager — the signed disposition that alone closes them: discard, release with a documented
 * justification, or return to quarantine. The server checks the decision, the justification's length and
 * the signature, and holds the siblings of a division the same way.
 */
import { Alert, Title } from "@mantine/core";
import { type ProductPageData, type User, api } from "../../api";
import { HOLD_DECISIONS } from "../../bank-lists";
import { SigningDialog, codeField, takeCode, when } from "../../components";

export function Holds({
  data,
  code,
  user,
  reload,
}: { data: ProductPageData; code: string | undefined; user: User; reload: () => void }) {
  if (data.holds.length === 0) return null;
  const may = data.actions.includes("disposition");
  return (
    <Alert color="red" role="alert" className="alert holds" my="sm">
      <Title order={2}>On hold: do not reserve, ship or give</Title>
      <ul>
        {data.holds.map((h) => (
          <li key={h.id}>
            Since {when(h.heldAt)} (was {h.statusAtHold.replace("_", " ")}, placed by {h.heldBy}): {h.reason}
          </li>
        ))}
      </ul>
      {may ? (
        <SigningDialog
          opener="Sign a disposition…"
          title={`Disposition: sign as ${user.printedName}`}
          button="Sign the disposition"
          fields={[
            {
              name: "decision",
              label: "Decision: discard, release (with the justification), or quarantine (back to it)",
              required: true,
              options: HOLD_DECISIONS,
            },
            { name: "reason", label: "Justification (at least 20 characters)", required: true },
            { name: "password", label: "Your password", type: "password", required: true },
            ...codeField(user),
          ]}
          onSubmit={async (form) => {
            const [body, secondFactor] = takeCode(form);
            await api.step(data.product.din, "disposition", body, code, secondFactor);
            reload();
            return undefined;
          }}
        />
      ) : (
        <p>Only a quality manager's signed disposition lifts the hold.</p>
      )}
    </Alert>
  );
}
