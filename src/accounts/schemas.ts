/**
 * The contract of accounts: sign-in, sessions, password changes and users, as the API, the CLI and the web
 * app see them. Built from ROLES and the password policy (NIST SP 800-63B-4: the schema bounds the
 * length; password-policy.ts holds the rest, which depends on the user and the settings). The web app imports the types only.
 */
import { Type } from "typebox";
import { Enum, Instant, Line, List, MAX, Name, Obj, Secret, type Static } from "../contract/schema.js";
import { AREAS, ROLES } from "./roles.js";

/** No password shorter than this is ever accepted (NIST SP 800-63B-4's floor, with a second factor). */
export const MIN_PASSWORD_LENGTH = 8;
/** Passphrases up to this long are accepted (NIST asks to accept at least 64). */
export const MAX_PASSWORD_LENGTH = 256;

export const RoleSchema = Enum(ROLES, { description: "a role of Cradle" });

/** A new user's name: the form the audit trail and signatures print. */
export const UsernameSchema = Line(40, {
  minLength: 2,
  pattern: "^[a-z][a-z0-9._-]{1,39}$",
  description: "2-40 lower-case letters, digits, '.', '_' or '-', starting with a letter",
});
/** A user name as typed at sign-in: bounded, no control characters; its form is not told to a stranger. */
export const SignInNameSchema = Line(MAX.id);
/** A password as typed at sign-in (the policy applies when one is set). */
export const PasswordSchema = Secret(MAX_PASSWORD_LENGTH);
/** A password being set: NIST's floor here; the policy (password-policy.ts) asks 15 without a second factor. */
export const NewPasswordSchema = Secret(MAX_PASSWORD_LENGTH, {
  minLength: MIN_PASSWORD_LENGTH,
  description: `at least ${MIN_PASSWORD_LENGTH} characters`,
});
/** The name printed with each signature (21 CFR 11.50). */
export const PrintedNameSchema = Name({ minLength: 2 });
export const RolesSchema = List(RoleSchema, ROLES.length, { minItems: 1, description: "at least one role" });

/** A second-factor code: the authenticator's 6 digits, or a recovery code (xxxxx-xxxxx); never quoted back. */
export const TotpCodeSchema = Secret(24, {
  description: "the 6-digit code of the authenticator app, or a recovery code",
});

export const UserSchema = Obj({
  username: Line(MAX.id),
  printedName: Name(),
  roles: Type.Array(RoleSchema),
  mustChangePassword: Type.Boolean(),
  /** The user has an active second factor (TOTP): signatures ask for its code. */
  totp: Type.Optional(Type.Boolean()),
  /** The user's role requires TOTP and none is active: the user may do nothing but enrol. */
  mustEnrolTotp: Type.Optional(Type.Boolean()),
});
export type User = Static<typeof UserSchema>;

export const SignInSchema = Obj({
  username: SignInNameSchema,
  password: PasswordSchema,
  /** The TOTP or recovery code, given with the password when the account has a second factor. */
  code: Type.Optional(TotpCodeSchema),
});
export type SignIn = Static<typeof SignInSchema>;

/** The areas the user may read (the server's access table decides; the web shows these alone). */
export const AreasSchema = Type.Array(Enum(AREAS, { description: "an area of the app" }));

export const SessionAnswerSchema = Obj({
  user: UserSchema,
  areas: AreasSchema,
  csrfToken: Line(MAX.id),
  expiresAt: Instant(),
});
export type SessionAnswer = Static<typeof SessionAnswerSchema>;
/** GET /api/session: who is signed in, what they may read, and the CSRF token a reloaded page needs. */
export const WhoAmISchema = Obj({ user: UserSchema, areas: AreasSchema, csrfToken: Line(MAX.id) });
export type WhoAmI = Static<typeof WhoAmISchema>;

export const ChangePasswordSchema = Obj({
  oldPassword: PasswordSchema,
  newPassword: NewPasswordSchema,
  /** The second factor's code, when the account has TOTP. */
  code: Type.Optional(TotpCodeSchema),
});
export type ChangePassword = Static<typeof ChangePasswordSchema>;

export const NewUserSchema = Obj({
  username: UsernameSchema,
  printedName: PrintedNameSchema,
  roles: RolesSchema,
  password: NewPasswordSchema,
  mustChangePassword: Type.Optional(Type.Boolean()),
});
export type NewUser = Static<typeof NewUserSchema>;
/** Why an admin changes an account, for the trail: required, not blank. */
export const ReasonSchema = Line(MAX.line, {
  minLength: 1,
  // No control characters, and something other than spaces.
  pattern: "^[^\\u0000-\\u001f\\u007f]*[^\\s\\u0000-\\u001f\\u007f][^\\u0000-\\u001f\\u007f]*$",
  description: "why, for the audit trail (not blank)",
});

/**
 * POST /api/users: an admin adds a user, who changes the password at first sign-in. Without a password
 * the server makes a one-time password and answers it once.
 */
export const AddUserSchema = Obj({
  username: UsernameSchema,
  printedName: PrintedNameSchema,
  roles: RolesSchema,
  password: Type.Optional(NewPasswordSchema),
  reason: ReasonSchema,
});
export type AddUser = Static<typeof AddUserSchema>;
/** The user added, and the one-time password when the server made it (shown once, never stored plain). */
export const AddedUserSchema = Obj({
  user: UserSchema,
  oneTimePassword: Type.Optional(Line(MAX.id)),
});
export type AddedUser = Static<typeof AddedUserSchema>;

/** An account after an admin's change: the user and whether it is disabled. */
export const AccountSchema = Obj({
  username: Line(MAX.id),
  printedName: Name(),
  roles: Type.Array(RoleSchema),
  mustChangePassword: Type.Boolean(),
  disabled: Type.Boolean(),
});
export type AccountState = Static<typeof AccountSchema>;

/** Disable, enable, end sessions, reset password: only why. */
export const AccountChangeSchema = Obj({ reason: ReasonSchema });
export type AccountChange = Static<typeof AccountChangeSchema>;
/** New roles for a user (replacing the old), and why. */
export const RolesChangeSchema = Obj({ roles: RolesSchema, reason: ReasonSchema });
export type RolesChange = Static<typeof RolesChangeSchema>;
/** A password reset: the one-time password, shown once; the user must change it at next sign-in. */
export const PasswordResetSchema = Obj({ username: Line(MAX.id), oneTimePassword: Line(MAX.id) });
export type PasswordReset = Static<typeof PasswordResetSchema>;
/** Sessions ended by an admin: how many were open. */
export const SessionsEndedSchema = Obj({ username: Line(MAX.id), ended: Type.Integer({ minimum: 0 }) });
export type SessionsEnded = Static<typeof SessionsEndedSchema>;

export const UserListItemSchema = Obj({
  username: Line(MAX.id),
  printedName: Name(),
  roles: Type.Array(RoleSchema),
  disabled: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  createdAt: Instant(),
  /** The last web sign-in; null when none is recorded. */
  lastSignInAt: Type.Union([Instant(), Type.Null()]),
  /** Locked after failed sign-ins until then; null when not locked. */
  lockedUntil: Type.Union([Instant(), Type.Null()]),
});
export type UserListItem = Static<typeof UserListItemSchema>;
export const UserListSchema = Obj({ items: Type.Array(UserListItemSchema) });

/** The user an admin acts on, in a route's path. */
export const UserParamsSchema = Obj({ username: SignInNameSchema });
/** Lifting a lockout: why, for the trail. */
export const UnlockSchema = Obj({ reason: ReasonSchema });
export const UnlockAnswerSchema = Obj({ username: SignInNameSchema, wasLocked: Type.Boolean() });

/** POST /api/session/totp: a new secret, shown once, pending until confirmed. */
export const TotpEnrolmentSchema = Obj({
  uri: Line(MAX.line),
  secret: Line(64),
  /** The URI as a QR code (SVG) for the authenticator app to scan. */
  qrSvg: Type.String(),
});
export const TotpConfirmSchema = Obj({ code: TotpCodeSchema });
export const TotpRecoveryCodesSchema = Obj({ recoveryCodes: Type.Array(Line(16)) });
export const TotpStatusSchema = Obj({
  state: Enum(["none", "pending", "active"] as const, { description: "the second factor's state" }),
  recoveryCodesLeft: Type.Integer({ minimum: 0 }),
  required: Type.Boolean(),
});
export type TotpStatus = Static<typeof TotpStatusSchema>;
/** An admin removes a user's TOTP (a lost device): why, for the trail. */
export const RemoveTotpSchema = Obj({ reason: Line(MAX.line, { minLength: 1 }) });
export const RemoveTotpAnswerSchema = Obj({ username: SignInNameSchema, removed: Type.Boolean() });
