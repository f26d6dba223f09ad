// The example careers site: one page script, routed by path.
//   /                       → the visitor's language (navigator.languages) among those with postings
//   /{lang}/jobs            → list: language switcher, filters from the facets, "Load more" on the cursor
//   /{lang}/jobs/{slug}     → one posting: its sections as HTML, hreflang links, JobPosting JSON-LD
// Every path serves index.html (the server's fallback), so these are real, linkable pages, the
// ones the API's `url` fields point at (Careers__Site__PostingUrl = http://localhost:3000/{lang}/jobs/{slug}).
import { createCareersClient, unwrap, CareersApiError } from "@careers/client";
import config from "/config.js";

/** @typedef {import("@careers/client").PostingSummary} PostingSummary */
/** @typedef {import("@careers/client").FacetCounts} FacetCounts */
/** @typedef {import("@careers/client").LanguageFacet["items"][number]} Language */

const apiBaseUrl = apiBase();
const client = createCareersClient(apiBaseUrl);
const main = /** @type {HTMLElement} */ (document.getElementById("main"));

// The site's own words, per language; anything missing reads in English.
const words = {
  en: { jobs: "Open positions", country: "Country", department: "Department", workplace: "Workplace", employment: "Employment",
        seniority: "Seniority", any: "Any", rule: (l) => `Only countries with job postings published in ${l} are listed.`,
        more: "Load more", shown: (n) => `${n} shown`, none: "No open positions match these filters.",
        notFound: "This job posting does not exist. It may have been removed.", gone: "This position is closed and no longer takes applications.",
        back: "All open positions", apply: "Apply now", alsoIn: "Also in:", down: "The job listings cannot be loaded right now: the careers service does not answer. Please try again later.",
        failed: "The job listings cannot be loaded right now. Please try again later.", noLanguage: "There are no job postings in this language.",
        remote: "Remote", hybrid: "Hybrid", onsite: "On site", full_time: "Full-time", part_time: "Part-time", contract: "Contract",
        temporary: "Temporary", internship: "Internship", volunteer: "Volunteer", per: { hour: "hour", day: "day", week: "week", month: "month", year: "year" } },
  fr: { jobs: "Postes ouverts", country: "Pays", department: "Département", workplace: "Lieu de travail", employment: "Contrat",
        seniority: "Niveau", any: "Tous", rule: (l) => `Seuls les pays ayant des offres publiées en ${l} sont listés.`,
        more: "Voir plus", shown: (n) => `${n} affichées`, none: "Aucune offre ne correspond à ces filtres.",
        notFound: "Cette offre n'existe pas. Elle a peut-être été retirée.", gone: "Ce poste est pourvu ou fermé et n'accepte plus de candidatures.",
        back: "Toutes les offres", apply: "Postuler", alsoIn: "Aussi en :", down: "Les offres ne peuvent pas être chargées : le service ne répond pas. Réessayez plus tard.",
        failed: "Les offres ne peuvent pas être chargées. Réessayez plus tard.", noLanguage: "Aucune offre n'est publiée dans cette langue.",
        remote: "Télétravail", hybrid: "Hybride", onsite: "Sur site", full_time: "Temps plein", part_time: "Temps partiel", contract: "CDD / freelance",
        per: { hour: "heure", day: "jour", week: "semaine", month: "mois", year: "an" } },
  de: { jobs: "Offene Stellen", country: "Land", department: "Abteilung", workplace: "Arbeitsort", employment: "Anstellung",
        seniority: "Erfahrung", any: "Alle", rule: (l) => `Nur Länder mit Stellenanzeigen auf ${l} werden aufgeführt.`,
        more: "Mehr laden", shown: (n) => `${n} angezeigt`, none: "Keine offenen Stellen passen zu diesen Filtern.",
        notFound: "Diese Stellenanzeige gibt es nicht. Vielleicht wurde sie entfernt.", gone: "Diese Stelle ist geschlossen und nimmt keine Bewerbungen mehr an.",
        back: "Alle offenen Stellen", apply: "Jetzt bewerben", alsoIn: "Auch auf:", down: "Die Stellen können gerade nicht geladen werden: der Dienst antwortet nicht. Bitte später erneut versuchen.",
        failed: "Die Stellen können gerade nicht geladen werden. Bitte später erneut versuchen.", noLanguage: "In dieser Sprache gibt es keine Stellenanzeigen.",
        remote: "Remote", hybrid: "Hybrid", onsite: "Vor Ort", full_time: "Vollzeit", part_time: "Teilzeit", contract: "Befristet / freiberuflich",
        per: { hour: "Stunde", day: "Tag", week: "Woche", month: "Monat", year: "Jahr" } },
};
let lang = "en";
/** @param {string} key */
const t = (key) => words[lang]?.[key] ?? words.en[key] ?? key;

/**
 * `?api=` overrides the configured API for this tab (kept while the visitor browses), but only while
 * the site itself is served from this machine (development, the tests): the page puts the API's HTML
 * into the document, so on a public host a link carrying `?api=` of someone else's server would let
 * that server write into our pages.
 */
function apiBase() {
  const local = ["localhost", "127.0.0.1", "[::1]"].includes(location.hostname);
  if (!local) return config.apiBaseUrl;
  const fromQuery = new URLSearchParams(location.search).get("api");
  if (fromQuery) sessionStorage.setItem("careers.api", fromQuery);
  return fromQuery ?? sessionStorage.getItem("careers.api") ?? config.apiBaseUrl;
}

/** @param {string} tag @param {Record<string, any>} [props] @param {(Node | string | null | undefined)[]} children */
function el(tag, props = {}, ...children) {
  const { dataset, ...rest } = props;
  const node = Object.assign(document.createElement(tag), rest);
  Object.assign(node.dataset, dataset);
  for (const c of children) if (c != null) node.append(c);
  return node;
}

/** A visible error instead of a blank page; the page's state for tests and assistive technology. */
function showError(/** @type {unknown} */ e) {
  console.error(e);
  const box = /** @type {HTMLElement} */ (document.getElementById("error"));
  // fetch rejects with a TypeError when nothing answers or CORS refuses: the service is down for the visitor.
  const down = e instanceof TypeError && /fetch|network/i.test(e.message);
  box.textContent = e instanceof CareersApiError ? `${t("failed")} (${e.status}: ${e.message})` : down ? t("down") : t("failed");
  box.hidden = false;
  main.replaceChildren();
  main.dataset.state = "error";
  main.setAttribute("aria-busy", "false");
}

async function route() {
  const [, pathLang, section, slug] = location.pathname.split("/");
  const languages = (await unwrap(client.GET("/v1/languages"))).items;
  if (!pathLang || section !== "jobs") {
    const preferred = navigator.languages.map((l) => l.slice(0, 2).toLowerCase()).find((l) => languages.some((x) => x.code === l));
    location.replace(`/${preferred ?? languages[0]?.code ?? "en"}/jobs`);
    return;
  }
  lang = pathLang;
  document.documentElement.lang = lang;
  renderLanguages(languages, slug);
  if (slug) await postingPage(slug);
  else await listPage(languages);
  main.setAttribute("aria-busy", "false");
}

/** The switcher: every language with visible postings, each named in itself (/v1/languages). */
function renderLanguages(/** @type {Language[]} */ languages, /** @type {string | undefined} */ slug) {
  const nav = /** @type {HTMLElement} */ (document.getElementById("languages"));
  nav.replaceChildren(...languages.map((l) =>
    el("a", { href: `/${l.code}/jobs`, textContent: l.name, hreflang: l.code, lang: l.code, title: `${l.count}` ,
              ariaCurrent: String(l.code === lang && !slug) , dataset: { lang: l.code } })));
  const brand = /** @type {HTMLAnchorElement} */ (document.getElementById("brand"));
  brand.textContent = `${config.companyName} · ${t("jobs")}`;
  brand.href = `/${lang}/jobs`;
}

/** The filters a visitor has chosen, as the list's URL holds them (?country=FR&workplace=remote). */
const filterNames = /** @type {const} */ (["country", "department", "workplace", "employment", "seniority"]);
function chosenFilters() {
  const params = new URLSearchParams(location.search);
  /** @type {Record<string, string>} */
  const chosen = {};
  for (const name of filterNames) { const v = params.get(name); if (v) chosen[name] = v; }
  return chosen;
}

async function listPage(/** @type {Language[]} */ languages) {
  const language = languages.find((l) => l.code === lang);
  document.title = `${t("jobs")} · ${config.companyName}`;
  // One request for every filter's options and counts; the countries are the careers page's rule:
  // only those with postings visible in this language.
  const facets = await unwrap(client.GET("/v1/facets", { params: { query: { lang: /** @type {any} */ (lang) } } }));
  const chosen = chosenFilters();

  /** @param {string} name @param {{ value: string, label: string, count: number }[]} options */
  const select = (name, options) => {
    const s = el("select", { name, id: `filter-${name}` },
      el("option", { value: "", textContent: t("any") }),
      ...options.map((o) => el("option", { value: o.value, textContent: `${o.label} (${o.count})`, selected: chosen[name] === o.value,
                                           dataset: { count: String(o.count) } })));
    s.addEventListener("change", () => {
      const params = new URLSearchParams(location.search);
      if (s.value) params.set(name, s.value); else params.delete(name);
      history.replaceState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}`);
      void loadList();
    });
    return el("label", {}, t(name), s);
  };

  const list = el("ul", { id: "postings" });
  const more = el("button", { id: "load-more", type: "button", textContent: t("more"), hidden: true });
  const count = el("p", { className: "count", id: "shown" });
  const countryNames = new Map(facets.countries.map((c) => [c.code, c.name]));

  main.replaceChildren(
    el("h1", {}, t("jobs")),
    el("form", { className: "filters", id: "filters", onsubmit: (/** @type {Event} */ e) => e.preventDefault() },
      select("country", facets.countries.map((c) => ({ value: c.code, label: c.name, count: c.count }))),
      select("department", facets.departments.map((d) => ({ value: d.name, label: d.name, count: d.count }))),
      select("workplace", facets.workplaceTypes.map((w) => ({ value: w.value, label: t(w.value), count: w.count }))),
      select("employment", facets.employmentTypes.map((w) => ({ value: w.value, label: t(w.value), count: w.count }))),
      select("seniority", facets.seniorities.map((w) => ({ value: w.value, label: w.value, count: w.count })))),
    el("p", { className: "rule", id: "country-rule" }, t("rule")(language?.name ?? lang)),
    count, list, more);
  if (facets.total === 0) list.replaceWith(el("p", { className: "empty", id: "no-postings" }, t("noLanguage")));

  /** @type {string | null} */
  let cursor = null;
  let shown = 0;
  let generation = 0;

  async function loadList() {
    const mine = ++generation;
    list.replaceChildren();
    shown = 0;
    cursor = null;
    await loadPage(mine);
  }

  async function loadPage(/** @type {number} */ mine) {
    more.disabled = true;
    main.setAttribute("aria-busy", "true");
    const f = chosenFilters();
    const page = await unwrap(client.GET("/v1/postings", { params: { query: {
      lang: /** @type {any} */ (lang), limit: config.pageSize, cursor: cursor ?? undefined,
      country: f.country ? [f.country] : undefined, department: f.department,
      workplace: f.workplace ? [/** @type {any} */ (f.workplace)] : undefined,
      employment: f.employment ? [/** @type {any} */ (f.employment)] : undefined,
      seniority: f.seniority ? [/** @type {any} */ (f.seniority)] : undefined,
    } } }));
    if (mine !== generation) return; // the filters changed while this page was on its way
    list.append(...page.items.map(item));
    shown += page.items.length;
    cursor = page.nextCursor;
    more.hidden = !cursor;
    more.disabled = false;
    count.textContent = shown === 0 ? t("none") : t("shown")(shown);
    main.dataset.state = cursor ? "more" : "done";
    main.dataset.filters = new URLSearchParams(f).toString();
    main.setAttribute("aria-busy", "false");
  }

  /** @param {PostingSummary} p */
  const item = (p) => el("li", { dataset: { id: p.id, slug: p.slug } },
    el("a", { href: `/${p.language}/jobs/${p.slug}`, textContent: p.title }),
    el("div", { className: "meta" },
      el("span", { className: "tag" }, p.department), el("span", { className: "tag" }, t(p.workplaceType)),
      el("span", { className: "tag" }, t(p.employmentType)),
      p.countries.map((c) => countryNames.get(c) ?? c).join(", "),
      p.pay ? ` · ${pay(p.pay)}` : ""));

  more.addEventListener("click", () => loadPage(generation).catch(showError));
  await loadList();
}

/** A pay range in the visitor's language: the API gives numbers and codes, formatting is ours. */
function pay(/** @type {NonNullable<PostingSummary["pay"]>} */ p) {
  const money = new Intl.NumberFormat(lang, { style: "currency", currency: p.currency, maximumFractionDigits: 0 });
  const range = p.min === p.max ? money.format(p.min) : money.formatRange(p.min, p.max);
  return `${range} / ${t("per")[p.period] ?? p.period}`;
}

async function postingPage(/** @type {string} */ slug) {
  const path = { idOrSlug: slug };
  const query = { lang: /** @type {any} */ (lang) };
  // Sections come rendered and sanitized by the API (format=html: an allowlist of formatting tags);
  // the title is plain text in every format.
  const [detail, jsonLd] = await Promise.all([
    client.GET("/v1/postings/{idOrSlug}", { params: { path, query: { ...query, format: "html" } } }),
    client.GET("/v1/postings/{idOrSlug}/jobposting", { params: { path, query } }),
  ]);
  if (detail.response.status === 404 || detail.response.status === 410) {
    const gone = detail.response.status === 410;
    document.title = `${t(gone ? "gone" : "notFound")} · ${config.companyName}`;
    main.replaceChildren(
      el("p", { className: "notice", id: gone ? "gone" : "not-found" }, t(gone ? "gone" : "notFound")),
      el("a", { href: `/${lang}/jobs` }, t("back")));
    main.dataset.state = gone ? "gone" : "not-found";
    return;
  }
  const p = await unwrap(Promise.resolve(detail));
  document.title = `${p.title} · ${config.companyName}`;

  // hreflang: every language version of this posting, this one included (search engines want both ways).
  for (const tr of p.translations) {
    document.head.append(el("link", { rel: "alternate", hreflang: tr.language, href: `${location.origin}/${tr.language}/jobs/${tr.slug}` }));
  }
  // The JobPosting markup as the API serves it, for search engines' job results. textContent, so
  // nothing in it is parsed as HTML.
  const markup = await unwrap(Promise.resolve(jsonLd));
  document.head.append(el("script", { type: "application/ld+json", id: "jobposting", textContent: JSON.stringify(markup) }));

  const html = (/** @type {string} */ s) => { const d = el("div"); d.innerHTML = s; return [...d.childNodes]; };
  const others = p.translations.filter((tr) => tr.language !== p.language);
  const apply = p.apply?.url ?? (p.apply?.email ? `mailto:${p.apply.email}` : null);
  main.replaceChildren(el("article", { id: "posting", dataset: { id: p.id } },
    el("a", { href: `/${lang}/jobs` }, `← ${t("back")}`),
    el("h1", {}, p.title),
    el("div", { className: "meta" },
      el("span", { className: "tag" }, p.department), el("span", { className: "tag" }, t(p.workplaceType)),
      el("span", { className: "tag" }, t(p.employmentType)),
      [...p.countries.map((c) => c.name), ...p.cities].join(", "), p.pay ? ` · ${pay(p.pay)}` : ""),
    others.length ? el("p", { className: "translations" }, `${t("alsoIn")} `,
      ...others.flatMap((tr, i) => [i ? ", " : "", el("a", { href: `/${tr.language}/jobs/${tr.slug}`, hreflang: tr.language, lang: tr.language },
        new Intl.DisplayNames([tr.language], { type: "language" }).of(tr.language) ?? tr.language)])) : null,
    el("div", { className: "summary" }, ...html(p.summary)),
    ...p.sections.map((s) => el("section", { dataset: { kind: s.kind } },
      el("h2", {}, ...html(s.heading)),
      ...s.paragraphs.map((para) => el("div", {}, ...html(para))),
      s.items.length ? el("ul", {}, ...s.items.map((i) => el("li", {}, ...html(i)))) : null)),
    apply ? el("a", { className: "apply", href: apply }, t("apply")) : null));
  main.dataset.state = "posting";
}

route().catch(showError);
