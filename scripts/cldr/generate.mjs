// Generates api/Data/cldr/names.json from the CLDR JSON npm packages pinned in package.json.
// Usage: cd scripts/cldr && npm ci && node generate.mjs
// No dependencies other than Node's standard library and the CLDR data in node_modules.

import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const nm = join(here, "node_modules");
const outFile = join(here, "..", "..", "api", "Data", "cldr", "names.json");

const NAMES_PKG = "cldr-localenames-full";
const CORE_PKG = "cldr-core";

// Supported UI languages (ISO 639-1), in output order. Each maps to the CLDR locale used.
const LANGUAGES = {
  en: "en", fr: "fr", de: "de", es: "es", it: "it", pt: "pt", nl: "nl", pl: "pl",
  sv: "sv", da: "da", fi: "fi", nb: "nb", cs: "cs", ro: "ro", hu: "hu", el: "el",
  tr: "tr", uk: "uk", ja: "ja", zh: "zh",
};

const readJson = (...parts) => JSON.parse(readFileSync(join(nm, ...parts), "utf8"));
const fail = (msg) => { console.error(`ERROR: ${msg}`); process.exit(1); };

const namesPkg = readJson(NAMES_PKG, "package.json");
const corePkg = readJson(CORE_PKG, "package.json");
if (namesPkg.cldrVersion !== corePkg.cldrVersion) {
  fail(`CLDR version mismatch: ${NAMES_PKG} ${namesPkg.cldrVersion} vs ${CORE_PKG} ${corePkg.cldrVersion}`);
}

const territoriesOf = (locale) =>
  readJson(NAMES_PKG, "main", locale, "territories.json").main[locale].localeDisplayNames.territories;
const languagesOf = (locale) =>
  readJson(NAMES_PKG, "main", locale, "languages.json").main[locale].localeDisplayNames.languages;

// --- Country codes -----------------------------------------------------------------------------
// Start from every plain two-letter territory code CLDR names in English, then keep only
// officially assigned ISO 3166-1 alpha-2 codes:
//  * must have an ISO 3166-1 numeric code and alpha-3 code in CLDR's codeMappings
//    (drops exceptionally reserved codes CLDR uses, e.g. AC, CP, DG, EA, IC, TA, and codes
//    absent from codeMappings, e.g. CQ, EZ, UN);
//  * numeric code must be < 900 (900-999 is ISO's user-assigned range, e.g. EU=967, QO=961,
//    XA=973, XB=974, XK=983, ZZ=999);
//  * must not be in ISO's user-assigned alpha-2 ranges (AA, QM-QZ, XA-XZ, ZZ);
//  * must not be a CLDR macro-region grouping (territoryContainment keys such as EU, EZ, UN, QO);
//  * must not be a deprecated code (territoryAlias).
const codeMappings = readJson(CORE_PKG, "supplemental", "codeMappings.json").supplemental.codeMappings;
const containment = readJson(CORE_PKG, "supplemental", "territoryContainment.json").supplemental.territoryContainment;
const territoryAlias = readJson(CORE_PKG, "supplemental", "aliases.json").supplemental.metadata.alias.territoryAlias;
const isUserAssigned = (c) => c === "AA" || c === "ZZ" || /^Q[M-Z]$/.test(c) || /^X[A-Z]$/.test(c);

const enTerritories = territoriesOf("en");
const candidates = Object.keys(enTerritories).filter((k) => /^[A-Z]{2}$/.test(k)).sort();
const countryCodes = [];
const excluded = [];
for (const code of candidates) {
  const m = codeMappings[code];
  let reason = null;
  if (isUserAssigned(code)) reason = "ISO user-assigned / private-use code";
  else if (containment[code]) reason = "CLDR macro-region grouping";
  else if (territoryAlias[code]) reason = "deprecated (territoryAlias)";
  else if (!m || !m._numeric || !m._alpha3) reason = "no ISO 3166-1 numeric/alpha-3 code (exceptionally reserved or non-ISO)";
  else if (Number(m._numeric) >= 900) reason = `user-assigned numeric code ${m._numeric}`;
  if (reason) excluded.push(`${code} (${enTerritories[code]}): ${reason}`);
  else countryCodes.push(code);
}

// --- Per-language names ------------------------------------------------------------------------
const languages = {};
for (const [lang, locale] of Object.entries(LANGUAGES)) {
  const autonym = languagesOf(locale)[locale];
  if (!autonym) fail(`${locale}: no autonym in languages.json`);
  const terr = territoriesOf(locale);
  const countries = {};
  for (const code of countryCodes) {
    const name = terr[code]; // plain form only; "-alt-short"/"-alt-variant" keys are never looked up
    if (!name) fail(`${locale}: missing territory name for ${code}`);
    countries[code] = name;
  }
  languages[lang] = { name: autonym, countries };
}

// --- Write (compact: one line per top-level item / per language) ------------------------------
const source = `CLDR ${namesPkg.cldrVersion} via npm ${NAMES_PKG}@${namesPkg.version}`;
const langLines = Object.entries(languages).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
const text =
  "{\n" +
  `  "source": ${JSON.stringify(source)},\n` +
  `  "countryCodes": ${JSON.stringify(countryCodes)},\n` +
  `  "languages": {\n${langLines.join(",\n")}\n  }\n` +
  "}\n";

// Sanity check: round-trips to the same data.
const parsed = JSON.parse(text);
if (JSON.stringify(parsed.languages) !== JSON.stringify(languages)) fail("serialization round-trip mismatch");

mkdirSync(dirname(outFile), { recursive: true });
writeFileSync(outFile, text, "utf8");

console.log(`Source: ${source}`);
console.log(`Country codes: ${countryCodes.length}`);
console.log(`Excluded (${excluded.length}):\n  ${excluded.join("\n  ")}`);
console.log(`Languages: ${Object.keys(languages).join(", ")}`);
console.log(`Wrote ${outFile} (${Buffer.byteLength(text, "utf8")} bytes)`);
