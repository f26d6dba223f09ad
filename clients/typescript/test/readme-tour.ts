// The README's "Sixty seconds" website tour, compiled (never run) by `make test` (tsc --noEmit), so the
// snippet a newcomer copies cannot drift from the client. Keep the two in step.
import { createCareersClient, items, unwrap } from "../index.js";

export async function tour(): Promise<void> {
  const api = createCareersClient("http://localhost:8080");
  const { items: langs } = await unwrap(api.GET("/v1/languages"));
  const countries = await unwrap(api.GET("/v1/countries", { params: { query: { lang: "fr" } } }));  // only countries with French postings
  for await (const p of items(api, "/v1/postings", { lang: "fr", country: ["FR"] })) console.log(p.title, p.url);
  const job = await unwrap(api.GET("/v1/postings/{idOrSlug}", { params: { path: { idOrSlug: "senior-backend-engineer-ii" }, query: { lang: "fr", format: "html" } } }));
  void langs; void countries; void job;
}
