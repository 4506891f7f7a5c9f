/**
 * `check` for campaigns: validates every input against the API's rules and normalizes times,
 * so that mistakes fail at `pulumi preview` with the property path, before any call.
 */
import { describe, FailureList, toUnixSeconds, type CheckFailure } from "../validation";
import { unknownValue } from "../unknown-value";
import {
  adGroupKey,
  adKey,
  type AdGroupInputs,
  type AdInputs,
  type CampaignInputs,
} from "./inputs";

/** API limits the provider enforces before calling. */
export const campaignLimits = {
  minLifetimeBudgetMicros: 990_000,
  minBidMicros: 1,
  maxBidMicros: 100_000_000,
  nameLength: { min: 3, max: 100 },
  adTitleLength: { min: 3, max: 50 },
  adBodyMax: 100,
  targetUrlMax: 2048,
  adGroupNameLength: { min: 3, max: 1000 },
  pollQuestionLength: { min: 3, max: 100 },
  pollOptions: { min: 2, max: 4 },
  pollOptionMax: 50,
  ctaTextMax: 30,
} as const;

const statuses = ["active", "paused"] as const;
const pricingModels = ["cpm", "cpc"] as const;
const frequencies = ["daily", "weekly", "monthly", "quarterly", "yearly"] as const;

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
  optionalOneOf("pricingModel", news["pricingModel"], pricingModels, failures);
  optionalOneOf("recurringFrequency", news["recurringFrequency"], frequencies, failures);
  failures.string("adoptId", news["adoptId"], { optional: true });
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
      failures.add(
        field,
        "must be Unix seconds (a positive integer) or an ISO 8601 date-time, " +
          `got ${describe(value)}`,
      );
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
    if (
      country !== unknownValue &&
      (typeof country !== "string" || !/^[A-Za-z]{2}$/.test(country))
    ) {
      failures.add(
        `targetCountries[${index}]`,
        `must be a two-letter ISO 3166-1 country code, got ${describe(country)}`,
      );
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
  failures.string(`${path}.name`, group["name"], campaignLimits.adGroupNameLength);
  optionalOneOf(`${path}.status`, group["status"], statuses, failures);
  failures.micros(`${path}.maxBidMicros`, group["maxBidMicros"], {
    min: campaignLimits.minBidMicros,
    max: campaignLimits.maxBidMicros,
  });
  const hints = failures.array(`${path}.contextHints`, group["contextHints"], { optional: true });
  hints.forEach((hint, index) =>
    failures.string(`${path}.contextHints[${index}]`, hint, { max: 200 }),
  );

  const ads = failures.array(`${path}.ads`, group["ads"], { min: 1 });
  checkUniqueKeys(`${path}.ads`, ads, (ad) => adKey(ad as AdInputs), failures);
  ads.forEach((ad, index) => checkAd(`${path}.ads[${index}]`, ad, failures));
  checkOneCreativeType(path, ads, failures);
}

/** Checks that an ad group contains ads of one creative type, the type of its first ad. */
function checkOneCreativeType(path: string, ads: unknown[], failures: FailureList): void {
  const typeOf = (ad: unknown) => (ad as Loose | null)?.["type"] ?? "chat_card";
  const first = typeOf(ads[0]);
  ads.forEach((ad, index) => {
    if (index > 0 && typeOf(ad) !== first && typeOf(ad) !== unknownValue) {
      failures.add(
        `${path}.ads[${index}].type`,
        `is "${String(typeOf(ad))}" but the first ad ` +
          `of this ad group is "${String(first)}"; an ad group holds one creative type only`,
      );
    }
  });
}

function optionalOneOf(
  property: string,
  value: unknown,
  allowed: readonly string[],
  failures: FailureList,
): void {
  if (value !== undefined) {
    failures.oneOf(property, value, allowed);
  }
}

function checkAd(path: string, value: unknown, failures: FailureList): void {
  if (value === null || typeof value !== "object") {
    failures.add(path, `must be an object, got ${describe(value)}`);
    return;
  }
  const ad = value as Loose;
  failures.string(`${path}.key`, ad["key"], { optional: true });
  failures.string(`${path}.name`, ad["name"], { optional: true, max: 1000 });
  optionalOneOf(`${path}.status`, ad["status"], statuses, failures);
  failures.url(`${path}.targetUrl`, ad["targetUrl"], campaignLimits.targetUrlMax);
  optionalOneOf(`${path}.type`, ad["type"], ["chat_card", "poll"], failures);

  if (ad["type"] === "poll") {
    checkPoll(path, ad, failures);
    return;
  }
  failures.string(`${path}.title`, ad["title"], campaignLimits.adTitleLength);
  failures.string(`${path}.body`, ad["body"], { max: campaignLimits.adBodyMax });
  failures.string(`${path}.fileId`, ad["fileId"], {});
  failures.string(`${path}.ctaText`, ad["ctaText"], {
    optional: true,
    max: campaignLimits.ctaTextMax,
  });
  for (const pollField of ["question", "options"]) {
    if (ad[pollField] !== undefined) {
      failures.add(`${path}.${pollField}`, 'belongs to poll ads; set type: "poll" or remove it');
    }
  }
}

function checkPoll(path: string, ad: Loose, failures: FailureList): void {
  failures.string(`${path}.question`, ad["question"], campaignLimits.pollQuestionLength);
  const options = failures.array(`${path}.options`, ad["options"], {
    min: campaignLimits.pollOptions.min,
  });
  if (options.length > campaignLimits.pollOptions.max) {
    failures.add(
      `${path}.options`,
      `must have at most ${campaignLimits.pollOptions.max} options, got ${options.length}`,
    );
  }
  options.forEach((option, index) =>
    failures.string(`${path}.options[${index}]`, option, {
      max: campaignLimits.pollOptionMax,
    }),
  );
  failures.string(`${path}.fileId`, ad["fileId"], { optional: true });
  for (const cardField of ["title", "body", "ctaText"]) {
    if (ad[cardField] !== undefined) {
      failures.add(
        `${path}.${cardField}`,
        "belongs to chat card ads; polls have a question " + "and options",
      );
    }
  }
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
      failures.add(
        `${path}[${index}]`,
        `has the same key "${key}" as ${path}[${earlier}]; ` +
          "give each item a unique name or an explicit key",
      );
    }
    seen.set(key, index);
  });
}
