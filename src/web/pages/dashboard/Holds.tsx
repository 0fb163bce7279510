import { Alert, Title } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import type { BankDashboard } from "../../../bank/schemas.js";
import { ApiError, type SignedIn, api } from "../../api";
import { ErrorNote, when } from "../../components";

/**
 * Products on hold, flagged for the people they concern (issue 14): the physician and the ward see the open
 * dose orders of held products; the bank sees every hold with the reservation and the shipment it affects,
 * the holds of the user's own reservations first.
 */
export function HeldOrders() {
  const { data, error } = useQuery({ queryKey: ["held-orders"], queryFn: api.heldOrders });
  if (error instanceof ApiError && error.code === "FORBIDDEN") return null;
  if (error) return <ErrorNote error={error} />;
  if (!data || data.items.length === 0) return null;
  return (
    <Alert color="red" role="alert" className="alert" my="sm">
      <Title order={2}>Do not give: dose orders of products on hold</Title>
      <ul className="held-orders">
        {data.items.map((o) => (
          <li key={o.orderId}>
            <Link to={`/patients/${o.mrn}`}>{o.name}</Link> <span className="mono">{o.mrn}</span> dose{" "}
            {o.doseNumber} ({o.state}): product{" "}
            <Link to={`/products/${o.productId.split(":")[0]}`}>{o.productId}</Link> is on hold —{" "}
            {o.holdReason}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

type Held = BankDashboard["holds"][number];

function HeldLine({ h, mine }: { h: Held; mine: boolean }) {
  return (
    <li>
      <Link to={`/products/${h.hold.din}`}>{h.hold.productId}</Link> ({h.status}) since {when(h.hold.heldAt)}{" "}
      — {h.hold.reason}
      {h.reservationPatientId && (
        <>
          ; reserved for {h.reservationPatientId}
          {h.reservedBy && ` by ${mine ? "you" : h.reservedBy}`}
        </>
      )}
      {h.shipmentDestination && <>; shipment in transit to {h.shipmentDestination}</>}
    </li>
  );
}

export function BankHolds({ holds, user }: { holds: Held[]; user: SignedIn }) {
  if (holds.length === 0) return null;
  const mine = holds.filter((h) => h.reservedBy === user.username);
  const shipped = holds.filter((h) => h.shipmentDestination !== null);
  return (
    <Alert color="orange" role="alert" className="alert holds" my="sm">
      <Title order={2}>Products on hold ({holds.length})</Title>
      <p>
        Not to be reserved, shipped, received or given until a quality manager signs a disposition.
        {mine.length > 0 && ` ${mine.length} of your reservations are affected.`}
        {shipped.length > 0 && ` ${shipped.length} are in a shipment still in transit.`}
      </p>
      <ul>
        {[...mine, ...holds.filter((h) => !mine.includes(h))].map((h) => (
          <HeldLine key={h.hold.id} h={h} mine={h.reservedBy === user.username} />
        ))}
      </ul>
    </Alert>
  );
}
