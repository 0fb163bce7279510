/** What the routes share: the store, the clock, and the HLA engine and search index when loaded. */
import type {} from "@fastify/swagger";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from "fastify";
import type { OpenedHla } from "../hla/reference/open.js";
import type { ScanPool } from "../matching/scan-pool.js";
import type { SearchIndex } from "../matching/search-index.js";
import type { CtcaeDictionary } from "../outcomes/index.js";
import type { Store } from "../store/connect.js";

export interface ServerContext {
  store: Store;
  now: () => Date;
  /** The IMGT/HLA release and MACs; without them, HLA routes answer 503. */
  hla?: OpenedHla;
  /** CTCAE v5.0 from NCI's spreadsheet; without it, recording adverse events answers 503. */
  ctcae?: CtcaeDictionary;
  search?: { index: SearchIndex; pool?: ScanPool; loadedAt: string; loadMs: number };
}

export type Api = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;
