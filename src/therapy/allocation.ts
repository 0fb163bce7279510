/**
 * A randomised protocol's allocation: the arm the trial's randomisation system assigned a baby, recorded at
 * enrolment. Cradle does not randomise; it refuses an allocation it cannot stand behind (a missing one on a
 * randomised protocol, an arm the protocol does not have, one made before the parents consented or in the
 * future) and keeps a baby on an arm without cells from being given any.
 */
import { CradleError } from "../errors.js";
import type { NewPlan, Plan } from "./schemas/plan.js";
import type { Arm, Protocol } from "./schemas/protocol.js";

export interface Allocation {
  arm: Arm;
  reference: string;
  randomisedAt: string;
}

const refuse = (message: string, value: unknown, field = "allocation") =>
  new CradleError("ALLOCATION_INVALID", message, { field, value });

/** The allocation to record for a plan on this protocol, or null on a protocol without arms. */
export function allocationFor(
  protocol: Protocol,
  given: NewPlan["allocation"],
  consentSignedAt: string,
  now: Date,
): Allocation | null {
  const arms = protocol.arms ?? [];
  if (arms.length === 0) {
    if (given === undefined) return null;
    throw refuse(
      `allocation: ${protocol.id} version ${protocol.version} is not randomised; it has no arms to allocate`,
      given.arm,
    );
  }
  if (given === undefined) {
    throw refuse(
      `allocation: ${protocol.id} version ${protocol.version} is randomised: give the arm its randomisation assigned (${arms.map((a) => a.id).join(" or ")}), the allocation's reference and when it was made`,
      null,
    );
  }
  const arm = arms.find((a) => a.id === given.arm);
  if (!arm) {
    throw refuse(
      `allocation.arm: "${given.arm}" is not an arm of ${protocol.id} version ${protocol.version} (${arms.map((a) => a.id).join(", ")})`,
      given.arm,
      "allocation.arm",
    );
  }
  const at = Date.parse(given.randomisedAt);
  if (at > now.getTime()) {
    throw refuse(
      `allocation.randomisedAt: ${given.randomisedAt} is in the future`,
      given.randomisedAt,
      "allocation.randomisedAt",
    );
  }
  if (at < Date.parse(consentSignedAt)) {
    throw refuse(
      `allocation.randomisedAt: ${given.randomisedAt} is before the treatment consent was signed (${consentSignedAt}); a baby is randomised only after consent`,
      given.randomisedAt,
      "allocation.randomisedAt",
    );
  }
  return { arm, reference: given.reference.trim(), randomisedAt: new Date(at).toISOString() };
}

/** Refuses an order for a plan whose arm receives no cells. */
export function requireArmReceivesCells(plan: Pick<Plan, "id" | "protocolId" | "allocation">): void {
  const a = plan.allocation;
  if (a === null || a.receivesCells) return;
  throw new CradleError(
    "ARM_RECEIVES_NO_CELLS",
    `plan ${plan.id} is on the ${a.arm} arm of ${plan.protocolId} (${a.title}), which receives no cells: no dose may be ordered`,
    { field: "planId", value: plan.id, arm: a.arm },
  );
}
