// The site's settings. A deployment edits this file (or serves its own); `?api=` on any page
// overrides apiBaseUrl for the browser tab, to point the site at another API while trying it out.
export default {
  // Where the Careers API is served (`make run`: http://localhost:8080). Its CORS setting
  // (Careers__Cors__AllowedOrigins) must list this site's origin (default http://localhost:3000).
  apiBaseUrl: "http://localhost:8080",
  // Postings per request; "Load more" follows the API's cursor for the next ones.
  pageSize: 10,
  companyName: "Example Company",
};
