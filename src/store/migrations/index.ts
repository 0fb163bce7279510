/** Every migration, in order. A migration is never edited once released: add the next number instead. */
import type { Migration } from "kysely/migration";
import * as m0001 from "./0001-listings.js";
import * as m0002 from "./0002-din-allocation.js";
import * as m0003 from "./0003-accounts-audit.js";
import * as m0004 from "./0004-bank.js";
import * as m0005 from "./0005-sessions.js";
import * as m0006 from "./0006-product-indexes.js";
import * as m0007 from "./0007-therapy.js";
import * as m0008 from "./0008-outcomes.js";
import * as m0009 from "./0009-holds.js";
import * as m0010 from "./0010-dose-safety.js";
import * as m0011 from "./0011-auth-throttle.js";
import * as m0012 from "./0012-totp.js";
import * as m0013 from "./0013-session-activity.js";
import * as m0014 from "./0014-seed-load.js";
import * as m0015 from "./0015-ae-coding-deaths.js";
import * as m0016 from "./0016-storage-model.js";
import * as m0017 from "./0017-qc-plausible-ranges.js";
import * as m0018 from "./0018-label-prints.js";
import * as m0020 from "./0020-search-reports.js";
import * as m0021 from "./0021-materials-recalls.js";
import * as m0022 from "./0022-quality.js";
import * as m0023 from "./0023-frequencies.js";
import * as m0024 from "./0024-trial-arms.js";
import * as m0026 from "./0026-listing-changes.js";
import * as m0027 from "./0027-storage-stays.js";
import * as m0028 from "./0028-ranking-weights.js";
import * as m0029 from "./0029-vigilance-shipped-as.js";

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  "0001-listings": m0001,
  "0002-din-allocation": m0002,
  "0003-accounts-audit": m0003,
  "0004-bank": m0004,
  "0005-sessions": m0005,
  "0006-product-indexes": m0006,
  "0007-therapy": m0007,
  "0008-outcomes": m0008,
  "0009-holds": m0009,
  "0010-dose-safety": m0010,
  "0011-auth-throttle": m0011,
  "0012-totp": m0012,
  "0013-session-activity": m0013,
  "0014-seed-load": m0014,
  "0015-ae-coding-deaths": m0015,
  "0016-storage-model": m0016,
  "0017-qc-plausible-ranges": m0017,
  "0018-label-prints": m0018,
  "0020-search-reports": m0020,
  "0021-materials-recalls": m0021,
  "0022-quality": m0022,
  "0023-frequencies": m0023,
  "0024-trial-arms": m0024,
  "0026-listing-changes": m0026,
  "0027-storage-stays": m0027,
  "0028-ranking-weights": m0028,
  "0029-vigilance-shipped-as": m0029,
};
