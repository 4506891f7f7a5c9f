/**
 * `check` for campaigns: validates every input against the API's rules and normalizes times,
 * so that mistakes fail at `pulumi preview` with the property path, before any call.
 */
import { describe, FailureList, toUnixSeconds, type CheckFailure } from "../validation";
import { unknownValue } from "../unknown-value";
import { adGroupKey, adKey, type AdGroupInputs, type AdInputs, type CampaignInputs } from "./inputs";

/** API limits the provider enforces before calling. */
export const campaignLimits = {
  minLifetimeBudgetMicros: 990_000,
  minBidMicros: 1,
  maxBidMicros: 100_000_000,
  nameLength: { min: 3, max: 100 },
  adTitleLength: { min: 3, max: 50 },
  adBodyMax: 100,
  targetUrlMax: 2048,
} as const;

type Loose = Record<string, unknown>;

export interface CheckResult {
  inputs: CampaignInputs;
  failures: CheckFailure[];
}

export function checkCampaign(news: Loose): CheckResult {
  const failures = new FailureList();
  const inputs: Loose = { ...news };

  failures.string("name", news["name"], campaignLimits.nameLength);
  failures.string("description", news["description"], { optional: true, max: 1000 });
  failures.micros("lifetimeBudgetMicros", news["lifetimeBudgetMicros"], {
    min: campaignLimits.minLifetimeBudgetMicros,
  });
  if (news["status"] === undefined) {
    inputs["status"] = "paused";
  } else {
    failures.oneOf("status", news["status"], ["active", "paused"]);
  }
  normalizeTimes(news, inputs, failures);
  checkCountries(news["targetCountries"], failures);

  const adGroups = failures.array("adGroups", news["adGroups"], { min: 1 });
  checkUniqueKeys("adGroups", adGroups, (group) => adGroupKey(group as AdGroupInputs), failures);
  adGroups.forEach((group, index) => checkAdGroup(`adGroups[${index}]`, group, failures));

  return { inputs: inputs as unknown as CampaignInputs, failures: failures.failures };
}

function normalizeTimes(news: Loose, inputs: Loose, failures: FailureList): void {
  for (const field of ["startTime", "endTime"] as const) {
    const value = news[field];
    if (value === undefined || value === unknownValue) {
      continue;
    }
    const seconds = toUnixSeconds(value);
    if (seconds === undefined) {
      failures.add(field, "must be Unix seconds (a positive integer) or an ISO 8601 date-time, " +
        `got ${describe(value)}`);
    } else {
      inputs[field] = seconds;
    }
  }
  const start = inputs["startTime"];
  const end = inputs["endTime"];
  if (typeof start === "number" && typeof end === "number" && end <= start) {
    failures.add("endTime", `must be after startTime (${new Date(start * 1000).toISOString()})`);
  }
}

function checkCountries(value: unknown, failures: FailureList): void {
  const countries = failures.array("targetCountries", value, { optional: true });
  countries.forEach((country, index) => {
    if (country !== unknownValue && (typeof country !== "string" || !/^[A-Za-z]{2}$/.test(country))) {
      failures.add(`targetCountries[${index}]`,
        `must be a two-letter ISO 3166-1 country code, got ${describe(country)}`);
    }
  });
}

function checkAdGroup(path: string, value: unknown, failures: FailureList): void {
  if (value === null || typeof value !== "object") {
    failures.add(path, `must be an object, got ${describe(value)}`);
    return;
  }
  const group = value as Loose;
  failures.string(`${path}.key`, group["key"], { optional: true });
  failures.string(`${path}.name`, group["name"], campaignLimits.nameLength);
  failures.micros(`${path}.maxBidMicros`, group["maxBidMicros"], {
    min: campaignLimits.minBidMicros,
    max: campaignLimits.maxBidMicros,
  });
  const hints = failures.array(`${path}.contextHints`, group["contextHints"], { optional: true });
  hints.forEach((hint, index) =>
    failures.string(`${path}.contextHints[${index}]`, hint, { max: 200 }));

  const ads = failures.array(`${path}.ads`, group["ads"], { min: 1 });
  checkUniqueKeys(`${path}.ads`, ads, (ad) => adKey(ad as AdInputs), failures);
  ads.forEach((ad, index) => checkAd(`${path}.ads[${index}]`, ad, failures));
}

function checkAd(path: string, value: unknown, failures: FailureList): void {
  if (value === null || typeof value !== "object") {
    failures.add(path, `must be an object, got ${describe(value)}`);
    return;
  }
  const ad = value as Loose;
  failures.string(`${path}.key`, ad["key"], { optional: true });
  failures.string(`${path}.name`, ad["name"], { optional: true, max: 100 });
  failures.string(`${path}.title`, ad["title"], campaignLimits.adTitleLength);
  failures.string(`${path}.body`, ad["body"], { max: campaignLimits.adBodyMax });
  failures.url(`${path}.targetUrl`, ad["targetUrl"], campaignLimits.targetUrlMax);
  failures.string(`${path}.fileId`, ad["fileId"], {});
  failures.string(`${path}.ctaText`, ad["ctaText"], { optional: true, max: 30 });
}

function checkUniqueKeys(
  path: string,
  items: unknown[],
  keyOf: (item: unknown) => unknown,
  failures: FailureList,
): void {
  const seen = new Map<unknown, number>();
  items.forEach((item, index) => {
    if (item === null || typeof item !== "object") {
      return;
    }
    const key = keyOf(item);
    if (typeof key !== "string" || key === unknownValue) {
      return;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      failures.add(`${path}[${index}]`, `has the same key "${key}" as ${path}[${earlier}]; ` +
        "give each item a unique name or an explicit key");
    }
    seen.set(key, index);
  });
}
