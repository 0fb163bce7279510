/** Every migration, in order. A migration is never edited once released: add the next number instead. */
import type { Migration } from "kysely/migration";
import * as m0001 from "./0001-listings.js";
import * as m0002 from "./0002-din-allocation.js";

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001-listings": m0001,
  "0002-din-allocation": m0002,
};
