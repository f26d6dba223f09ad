// Compiled (never run) by `make test` (tsc --noEmit): the hand-written types still fit the generated schema.
import { createCareersClient, items, pages, unwrap, type Posting, type PostingSummary } from "../index.js";

const client = createCareersClient("http://localhost:8080");

export async function usage(): Promise<void> {
  const facets = await unwrap(client.GET("/v1/facets", { params: { query: { lang: "fr" } } }));
  const countries: string[] = facets.countries.map((c) => c.code);

  for await (const page of pages(client, "/v1/postings", { lang: "fr", country: countries, limit: 20 })) {
    const first: PostingSummary | undefined = page.items[0];
    void first;
  }
  for await (const posting of items(client, "/v1/postings", { lang: "en", workplace: ["remote"] })) {
    const slug: string = posting.slug;
    const detail: Posting = await unwrap(
      client.GET("/v1/postings/{idOrSlug}", { params: { path: { idOrSlug: slug }, query: { lang: "en", format: "html" } } }),
    );
    void detail.sections;
  }
  for await (const change of items(client, "/v1/changes", { limit: 100 })) void change.type;

  // @ts-expect-error: not a paged route
  pages(client, "/v1/languages");
}
