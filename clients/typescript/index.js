// The Careers API client: openapi-fetch over the types openapi-typescript generates from
// openapi.yaml (schema.d.ts). Plain ES module, no build step: a browser loads it as is with an
// import map for "openapi-fetch" (see examples/website/index.html); Node and bundlers resolve it
// from node_modules. Types are in index.d.ts.
import createClient from "openapi-fetch";

/**
 * A typed client for the Careers API.
 * @param {string} [baseUrl] where the API is served, e.g. "https://careers-api.example.com"
 * @param {Omit<import("openapi-fetch").ClientOptions, "baseUrl">} [options] passed to openapi-fetch (fetch, headers, …)
 * @returns {import("./index.js").CareersClient}
 */
export function createCareersClient(baseUrl = "http://localhost:8080", options = {}) {
  return createClient({ ...options, baseUrl: baseUrl.replace(/\/+$/, "") });
}

/** An answer other than 2xx/304, with the API's problem+json body when it sent one. */
export class CareersApiError extends Error {
  /**
   * @param {number} status
   * @param {any} problem
   */
  constructor(status, problem) {
    super(problem?.detail ?? problem?.title ?? `The Careers API answered ${status}`);
    this.name = "CareersApiError";
    this.status = status;
    this.problem = problem;
  }
}

/**
 * The body of a successful answer, or a CareersApiError.
 * @template T
 * @param {Promise<{ data?: T, error?: any, response: Response }>} call a client call, e.g. client.GET(...)
 * @returns {Promise<T>}
 */
export async function unwrap(call) {
  const { data, error, response } = await call;
  if (error !== undefined || !response.ok) throw new CareersApiError(response.status, error);
  return /** @type {T} */ (data);
}

/**
 * Every page of a cursor-paged route (/v1/postings, /v1/changes), one request per page, following
 * nextCursor until it is null. The query (filters) is sent unchanged with each cursor, as the API asks.
 * @param {import("./index.js").CareersClient} client
 * @param {"/v1/postings" | "/v1/changes"} path
 * @param {Record<string, unknown>} [query]
 * @param {{ signal?: AbortSignal }} [init]
 */
export async function* pages(client, path, query = {}, init = {}) {
  let cursor = /** @type {string | undefined} */ (undefined);
  do {
    const page = await unwrap(
      client.GET(/** @type {any} */ (path), { params: { query: cursor ? { ...query, cursor } : query }, signal: init.signal }),
    );
    yield page;
    // /v1/changes always answers a cursor (keep polling it); one pass stops at an empty page.
    if (path === "/v1/changes" && page.items.length === 0) return;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * Every item of a cursor-paged route, across pages.
 * @param {import("./index.js").CareersClient} client
 * @param {"/v1/postings" | "/v1/changes"} path
 * @param {Record<string, unknown>} [query]
 * @param {{ signal?: AbortSignal }} [init]
 */
export async function* items(client, path, query = {}, init = {}) {
  for await (const page of pages(client, path, query, init)) yield* page.items;
}
