/** A protocol named by its identifier: one of the built-in protocols, compared as own values. */
import { Enum } from "../../contract/schema.js";
import { PROTOCOL_IDS } from "../protocols.js";

export const ProtocolIdSchema = Enum(PROTOCOL_IDS, { description: "a protocol's identifier" });
