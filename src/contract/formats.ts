/**
 * The string formats Cradle's schemas use, registered with TypeBox once: `instant` (ISO 8601 with its
 * zone, calendar-valid) and `calendar-date` (YYYY-MM-DD that exists). The HTTP API and the CLI validate
 * through the same registry, so both refuse the same values.
 */
import Format from "typebox/format";
import { isCalendarDate, isInstant } from "./time.js";

Format.Set("instant", isInstant);
Format.Set("calendar-date", isCalendarDate);
