import type { Act } from "../accounts/act.js";
/**
 * Protocols are versioned data: a version is used for patients only after a physician or quality manager
 * activates it with an electronic signature over its whole definition. The definition is stored as it was
 * signed; if the code's definition of that version differs from what was signed, enrolment refuses until
 * a new version is activated, so no patient is treated under rules nobody approved.
 */
import { authenticate } from "../accounts/users.js";
import { recordHash } from "../audit/canonical.js";
import { type Signature, auditedSignatureAuth, sign } from "../audit/signatures.js";
import { check } from "../contract/validate.js";
import { CradleError } from "../errors.js";
import type { Store } from "../store/connect.js";
import { type Tx, write } from "../store/write.js";
import { allowTherapy } from "./act.js";
import { PROTOCOLS, type Protocol, protocolById } from "./protocols.js";
import { PasswordSchema } from "./schemas/common.js";
import { ProtocolIdSchema } from "./schemas/protocol-id.js";
import type { ProtocolStatus } from "./schemas/protocol.js";

export type { ProtocolStatus };

const entityId = (p: Protocol) => `${p.id}@${p.version}`;

export async function activateProtocol(
  store: Store,
  protocolId: string,
  password: string,
  act: Act,
): Promise<{ protocol: Protocol; signature: Signature }> {
  allowTherapy(act, "activateProtocol", "activate protocols");
  check(ProtocolIdSchema, protocolId, "protocol");
  check(PasswordSchema, password, "password");
  const protocol = protocolById(protocolId);
  const signer = await auditedSignatureAuth(
    store,
    {
      signer: act.user.username,
      actor: act.user.username,
      meaning: "approved",
      entityType: "protocol",
      entityId: entityId(protocol),
      at: act.at,
    },
    () =>
      authenticate(store, act.user.username, password, act.at, {
        purpose: "e-signature",
        address: act.address,
        code: act.code,
      }),
  );
  return write(store, async (tx) => {
    const rows = await tx
      .selectFrom("protocolVersion")
      .selectAll()
      .where("protocolId", "=", protocol.id)
      .execute();
    if (rows.some((r) => r.version >= protocol.version)) {
      throw new CradleError(
        "INVALID_INPUT",
        `protocol ${protocol.id} version ${protocol.version} was already activated: a change needs a new version`,
        { field: "protocol", value: protocol.id },
      );
    }
    const signature = await sign(tx, signer, {
      meaning: "approved",
      entityType: "protocol",
      entityId: entityId(protocol),
      record: protocol,
      at: act.at,
    });
    await tx
      .updateTable("protocolVersion")
      .set({ active: 0 })
      .where("protocolId", "=", protocol.id)
      .execute();
    await tx
      .insertInto("protocolVersion")
      .values({
        protocolId: protocol.id,
        version: protocol.version,
        definition: JSON.stringify(protocol),
        active: 1,
        activatedAt: act.at.toISOString(),
        activatedBy: act.user.username,
        signatureId: signature.id,
      })
      .execute();
    return { protocol, signature };
  });
}

/** The protocol to enrol under: its active version, refused when none is active or the code drifted. */
export async function activeProtocol(db: Store["db"] | Tx, protocolId: string): Promise<Protocol> {
  const protocol = protocolById(protocolId);
  const row = await db
    .selectFrom("protocolVersion")
    .selectAll()
    .where("protocolId", "=", protocol.id)
    .where("active", "=", 1)
    .executeTakeFirst();
  if (!row) {
    throw new CradleError(
      "PROTOCOL_NOT_ACTIVE",
      `protocol ${protocol.id}: no version has been activated with a signature`,
      { field: "protocol", value: protocol.id },
    );
  }
  if (row.version !== protocol.version || recordHash(JSON.parse(row.definition)) !== recordHash(protocol)) {
    throw new CradleError(
      "PROTOCOL_NOT_ACTIVE",
      `protocol ${protocol.id}: version ${row.version} was signed, but this software defines version ${protocol.version} differently; activate the new version`,
      { field: "protocol", value: protocol.id },
    );
  }
  return protocol;
}

/** The protocol as it was signed, for a plan enrolled under an earlier version. */
export async function signedProtocol(
  db: Store["db"] | Tx,
  protocolId: string,
  version: number,
): Promise<Protocol> {
  const row = await db
    .selectFrom("protocolVersion")
    .select("definition")
    .where("protocolId", "=", protocolId)
    .where("version", "=", version)
    .executeTakeFirst();
  if (!row) {
    throw new CradleError(
      "PROTOCOL_NOT_ACTIVE",
      `protocol ${protocolId} version ${version} was never activated`,
      {
        field: "protocol",
        value: protocolId,
      },
    );
  }
  return JSON.parse(row.definition) as Protocol;
}

export async function listProtocols(store: Store, act: Pick<Act, "user">): Promise<ProtocolStatus[]> {
  allowTherapy(act, "readPatients", "read protocols");
  const rows = await store.db.selectFrom("protocolVersion").selectAll().where("active", "=", 1).execute();
  return Object.values(PROTOCOLS).map((protocol: Protocol) => {
    const row = rows.find((r) => r.protocolId === protocol.id);
    return {
      protocol,
      active: row
        ? {
            version: row.version,
            activatedAt: row.activatedAt,
            activatedBy: row.activatedBy,
            signatureId: row.signatureId,
          }
        : null,
      current:
        row !== undefined &&
        row.version === protocol.version &&
        recordHash(JSON.parse(row.definition)) === recordHash(protocol),
    };
  });
}
