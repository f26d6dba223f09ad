// Types of index.js. The routes' types come from schema.d.ts, generated from openapi.yaml
// (`make clients`); nothing here repeats them.
import type { Client, ClientOptions } from "openapi-fetch";
import type { components, operations, paths } from "./schema.js";

export type { components, operations, paths };

/** openapi-fetch's client over the Careers API's routes: `client.GET("/v1/postings", { params: { query: { lang: "fr" } } })`. */
export type CareersClient = Client<paths>;

type Schemas = components["schemas"];
export type PostingSummary = Schemas["PostingSummary"];
export type Posting = Schemas["Posting"];
export type PostingPage = Schemas["PostingPage"];
export type FacetCounts = Schemas["FacetCounts"];
export type CountryFacet = Schemas["CountryFacet"];
export type LanguageFacet = Schemas["LanguageFacet"];
export type JobPostingJsonLd = Schemas["JobPostingJsonLd"];
export type Change = Schemas["Change"];
export type Problem = Schemas["Problem"];

/** The routes that page with `cursor`/`nextCursor`. */
export type PagedPath = "/v1/postings" | "/v1/changes";
/** A paged route's query, without the cursor the helpers manage. */
export type PagedQuery<P extends PagedPath> = Omit<NonNullable<paths[P]["get"]["parameters"]["query"]>, "cursor">;
/** One page of a paged route. */
export type PageOf<P extends PagedPath> = paths[P]["get"]["responses"][200]["content"]["application/json"];

/** A typed client for the Careers API (default base URL http://localhost:8080). */
export declare function createCareersClient(baseUrl?: string, options?: Omit<ClientOptions, "baseUrl">): CareersClient;

/** An answer other than 2xx, with the API's problem+json body when it sent one. */
export declare class CareersApiError extends Error {
  constructor(status: number, problem: Problem | undefined);
  readonly status: number;
  readonly problem: Problem | undefined;
}

/** The body of a successful answer, or throws CareersApiError. */
export declare function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T>;

/** Every page of a paged route, following nextCursor (for /v1/changes: until a page comes back empty). */
export declare function pages<P extends PagedPath>(
  client: CareersClient,
  path: P,
  query?: PagedQuery<P>,
  init?: { signal?: AbortSignal },
): AsyncGenerator<PageOf<P>, void, undefined>;

/** Every item of a paged route, across pages. */
export declare function items<P extends PagedPath>(
  client: CareersClient,
  path: P,
  query?: PagedQuery<P>,
  init?: { signal?: AbortSignal },
): AsyncGenerator<PageOf<P>["items"][number], void, undefined>;
