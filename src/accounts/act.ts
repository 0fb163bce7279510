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
}
