/**
 * The second factor (TOTP): the signed-in user's enrolment under /api/session/totp (open to a user whose
 * role requires it and who has none yet, as the password change is to a one-time password), and an
 * admin's removal for a lost device.
 */
import {
  RemoveTotpAnswerSchema,
  RemoveTotpSchema,
  TotpConfirmSchema,
  TotpEnrolmentSchema,
  TotpRecoveryCodesSchema,
  TotpStatusSchema,
  UserParamsSchema,
} from "../../accounts/schemas.js";
import { beginTotp, confirmTotp, removeTotp, totpQrSvg, totpStatus } from "../../accounts/users.js";
import { Obj } from "../../contract/schema.js";
import { ACCESS } from "../access.js";
import { userOf } from "../auth.js";
import type { Api, ServerContext } from "../context.js";

const tags = ["session"];

export function totpRoutes(app: Api, ctx: ServerContext): void {
  app.get(
    "/api/session/totp",
    {
      config: { access: "signed-in" },
      schema: { tags, summary: "Your second factor's state", response: { 200: TotpStatusSchema } },
    },
    async (request) => totpStatus(ctx.store, userOf(request).username),
  );
  app.post(
    "/api/session/totp",
    {
      config: { access: "signed-in", rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Begin enrolling an authenticator app: a new secret, shown once as a URI and QR code",
        // Nothing to give (an empty object): a body that says more is refused, not ignored.
        body: Obj({}),
        response: { 200: TotpEnrolmentSchema },
      },
    },
    async (request, reply) => {
      const e = await beginTotp(ctx.store, userOf(request), ctx.now());
      // The secret is in this answer alone: no cache may keep it.
      void reply.header("cache-control", "no-store");
      return { ...e, qrSvg: await totpQrSvg(e.uri) };
    },
  );
  app.post(
    "/api/session/totp/confirm",
    {
      config: { access: "signed-in", rateLimit: { max: 10, timeWindow: "1 minute" } },
      schema: {
        tags,
        summary: "Confirm enrolment with a first code; answers the ten recovery codes, shown once",
        body: TotpConfirmSchema,
        response: { 200: TotpRecoveryCodesSchema },
      },
    },
    async (request, reply) => {
      const user = userOf(request);
      const r = await confirmTotp(ctx.store, user, request.body.code, ctx.now());
      // The session's user (this server's cached copy) now has the factor: the enrolment gate opens at once.
      user.totp = true;
      user.mustEnrolTotp = false;
      void reply.header("cache-control", "no-store");
      return r;
    },
  );
  app.post(
    "/api/users/:username/totp/remove",
    {
      config: { access: ACCESS.manageUsers },
      schema: {
        tags: ["users"],
        summary: "Remove a user's second factor (a lost device), audited with why; the user may enrol again",
        params: UserParamsSchema,
        body: RemoveTotpSchema,
        response: { 200: RemoveTotpAnswerSchema },
      },
    },
    async (request) =>
      removeTotp(ctx.store, request.params.username, userOf(request), request.body.reason, ctx.now()),
  );
}
