/**
 * The contract of the reference data in use: the server's health, the IMGT/HLA release, the MAC dictionary
 * and the search index loaded, and checking a typing against the release. The web app imports the types.
 */
import { Type } from "typebox";
import { Enum, Gl, Id, Instant, Int, Line, MAX, Num, Obj, type Static } from "../contract/schema.js";

export const HealthSchema = Obj({
  /** "unavailable" (HTTP 503) when the database is not ok, so a load balancer stops sending work here. */
  status: Enum(["ok", "unavailable"] as const),
  database: Obj({
    dialect: Enum(["sqlite", "postgres"] as const),
    state: Enum(["ok", "damaged", "unreachable"] as const),
    checkedAt: Instant(),
    problem: Type.Optional(Line(2000)),
  }),
  hla: Enum(["loaded", "absent"] as const),
  search: Enum(["ready", "absent"] as const),
});
export type Health = Static<typeof HealthSchema>;

export const ReferenceStatusSchema = Obj({
  hla: Type.Union([
    Obj({
      version: Id(),
      /** Where the release was read from, its checksums and cache (hla/reference/load.ts Provenance). */
      provenance: Type.Unknown(),
      loadMs: Num(0, 1e9),
    }),
    Type.Null(),
  ]),
  macs: Type.Union([
    Obj({ provenance: Type.Unknown(), updated: Line(MAX.name, { minLength: 0 }), count: Int(0, 1e9) }),
    Type.Null(),
  ]),
  search: Type.Union([
    Obj({ adults: Int(0, 1e10), cords: Int(0, 1e10), loadedAt: Instant(), loadMs: Num(0, 1e9) }),
    Type.Null(),
  ]),
});
export type ReferenceStatus = Static<typeof ReferenceStatusSchema>;

/** POST /api/hla/validate: the check every stored typing passes (hla/check-typing.ts). */
export const HlaCheckSchema = Obj({ glString: Gl() });
export type HlaCheck = Static<typeof HlaCheckSchema>;
export const HlaCheckAnswerSchema = Obj({
  valid: Type.Literal(true),
  /** The typing reduced to two-field ARD (lgx), for a glance. */
  lgx: Type.String(),
});
export type HlaCheckAnswer = Static<typeof HlaCheckAnswerSchema>;
