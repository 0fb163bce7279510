/**
 * A quality record's e-signature: the signer gives the password again (and the second factor in Act.code);
 * a failed attempt is audited against the record it was to sign (signature.refused).
 */
import type { Act } from "../../accounts/act.js";
import { authenticate } from "../../accounts/users.js";
import { type SignatureMeaning, type Signer, auditedSignatureAuth } from "../../audit/signatures.js";
import { check } from "../../contract/validate.js";
import type { Store } from "../../store/connect.js";
import { ReleaseBodySchema } from "../schemas.js";

export async function qualitySigner(
  store: Store,
  act: Act,
  password: string,
  meaning: SignatureMeaning,
  entityType: string,
  entityId: string,
): Promise<Signer> {
  check(ReleaseBodySchema, { password });
  const attempt = {
    signer: act.user.username,
    actor: act.user.username,
    meaning,
    entityType,
    entityId,
    at: act.at,
  };
  return auditedSignatureAuth(store, attempt, () =>
    authenticate(store, act.user.username, password, act.at, {
      purpose: "e-signature",
      address: act.address,
      code: act.code,
    }),
  );
}
