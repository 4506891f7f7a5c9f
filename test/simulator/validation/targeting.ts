import { invalidValue } from "../api-error";
import { COUNTRY_CODES } from "./country-codes";
import { LIMITS } from "./limits";
import { ObjectReader } from "./object-reader";

/**
 * Reads `targeting.locations.include` into uppercased, de-duplicated country codes.
 * A missing, `null` or empty targeting means no geographic restriction (an empty list).
 * Each entry names its country with `country_code` or its alias `id`, in any case.
 */
export function readTargeting(raw: unknown, path: string): string[] {
  if (raw === null) return [];

  const targeting = ObjectReader.from(raw, path);
  const locations = targeting.object("locations");
  if (!locations) return [];

  if (locations.has("exclude")) {
    throw invalidValue(
      locations.pathOf("exclude"),
      "Location exclusions are not supported; list the countries to include instead.",
    );
  }

  const includePath = locations.pathOf("include");
  const entries = locations.array("include", LIMITS.countriesPerCampaign) ?? [];
  const countries: string[] = [];
  for (const entry of entries) {
    const code = readCountryEntry(entry.value, entry.path, includePath);
    if (!countries.includes(code)) countries.push(code);
  }
  return countries;
}

function readCountryEntry(raw: unknown, path: string, includePath: string): string {
  const entry = ObjectReader.from(raw, path);
  const key = entry.has("country_code") ? "country_code" : "id";
  const code = entry.string(key);
  if (code === undefined) {
    // The API reports an entry without a country on the list itself, not on the entry.
    throw invalidValue(includePath, `${path} needs a country_code (or id).`);
  }

  const upper = code.toUpperCase();
  if (!COUNTRY_CODES.has(upper)) {
    throw invalidValue(
      entry.pathOf(key),
      `${entry.pathOf(key)} '${code}' is not an ISO 3166-1 alpha-2 country code.`,
    );
  }
  return upper;
}

/** Renders stored countries in the read-back form; an untargeted campaign reads `{}`. */
export function renderTargeting(countries: readonly string[]): Record<string, unknown> {
  if (countries.length === 0) return {};
  const include = countries.map((code) => ({ id: code, type: "country", country_code: code }));
  return { locations: { include } };
}
