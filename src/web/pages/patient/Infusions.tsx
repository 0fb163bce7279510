/** The infusions given, with the product, the route and any reactions. */
import type { Infusion } from "../../../therapy/schemas.js";
import { sci, utc } from "../../components";
import { Link } from "../../router";

export function Infusions({ infusions }: { infusions: Infusion[] }) {
  return (
    <>
      <h2>Infusions</h2>
      {infusions.length === 0 ? (
        <p>None.</p>
      ) : (
        <table className="list">
          <thead>
            <tr>
              <th>Started</th>
              <th>Product</th>
              <th>Volume</th>
              <th>Route</th>
              <th>Where</th>
              <th>Reactions</th>
              <th>Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {infusions.map((i) => (
              <tr key={i.id}>
                <td>{utc(i.startedAt)}</td>
                <td className="mono">
                  <Link to={`/products/${i.productId.split(":")[0]}`}>{i.productId}</Link>
                </td>
                <td className="num">
                  {i.volumeMl} mL: {sci(i.givenPerKg)} cells/kg (ordered {sci(i.orderedPerKg)})
                  {i.overrideReason && (
                    <small className="signature"> Signed override: {i.overrideReason}</small>
                  )}
                </td>
                <td>{i.route}</td>
                <td>{i.location}</td>
                <td>
                  {i.reactions.length
                    ? i.reactions.map((r) => `${r.description} (${r.severity})`).join("; ")
                    : "none"}
                </td>
                <td>{i.recordedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
