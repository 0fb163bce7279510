/**
 * Who does a write and when. Every service function that writes takes an Act: the user (the face signed
 * them in) and the time, which the caller owns so tests and imports can set it.
 */
import type { User } from "./users.js";

export interface Act {
  user: User;
  at: Date;
  /** The client's address when the act comes over HTTP: throttles and audits re-authentication. */
  address?: string;
  /**
   * The signer's second-factor code (TOTP or a recovery code) for a re-authentication, when the user has
   * one: over HTTP the X-Second-Factor header of the signing request.
   */
  code?: string;
}
