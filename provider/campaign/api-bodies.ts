/** Maps campaign inputs (camelCase, as the program writes them) to API request bodies. */
import type {
  AdBody,
  AdGroupBody,
  CampaignCreateBody,
  CampaignFieldsBody,
  NestedAdGroupBody,
  TargetingBody,
} from "../client/bodies";
import {
  adName,
  creativeTypeOf,
  type AdGroupInputs,
  type AdInputs,
  type CampaignInputs,
} from "./inputs";

/** Builds an ad's body; `check` has made sure the fields of its creative type are set. */
export function adBody(ad: AdInputs): AdBody {
  if (creativeTypeOf(ad) === "poll") {
    return {
      name: adName(ad),
      creative: {
        type: "poll",
        question: ad.question ?? "",
        options: ad.options ?? [],
        target_url: ad.targetUrl,
        ...(ad.fileId !== undefined ? { file_id: ad.fileId } : {}),
      },
    };
  }
  return {
    name: adName(ad),
    creative: {
      type: "chat_card",
      title: ad.title ?? "",
      body: ad.body ?? "",
      file_id: ad.fileId ?? "",
      target_url: ad.targetUrl,
      ...(ad.ctaText !== undefined ? { cta_text: ad.ctaText } : {}),
    },
  };
}

export function adGroupBody(group: Omit<AdGroupInputs, "ads">): AdGroupBody {
  return {
    name: group.name,
    context_hints: group.contextHints ?? [],
    bidding_config: { max_bid_micros: group.maxBidMicros },
  };
}

function nestedAdGroupBody(group: AdGroupInputs): NestedAdGroupBody {
  return { ...adGroupBody(group), ads: group.ads.map(adBody) };
}

function targetingBody(countries: string[]): TargetingBody {
  return {
    locations: { include: countries.map((code) => ({ country_code: code.toUpperCase() })) },
  };
}

/** Builds the nested create. `status` is never sent: a new campaign is always paused. */
export function campaignCreateBody(inputs: CampaignInputs): CampaignCreateBody {
  return {
    name: inputs.name,
    ...(inputs.description !== undefined ? { description: inputs.description } : {}),
    budget: { lifetime_spend_limit_micros: inputs.lifetimeBudgetMicros },
    ...(inputs.startTime !== undefined ? { start_time: inputs.startTime } : {}),
    ...(inputs.endTime !== undefined ? { end_time: inputs.endTime } : {}),
    ...(inputs.targetCountries?.length ? { targeting: targetingBody(inputs.targetCountries) } : {}),
    ...(inputs.pricingModel !== undefined ? { pricing_model: inputs.pricingModel } : {}),
    ...(inputs.recurringFrequency !== undefined
      ? { recurring_frequency: inputs.recurringFrequency }
      : {}),
    ad_groups: inputs.adGroups.map(nestedAdGroupBody),
  };
}

/**
 * Builds a campaign update that holds only the fields that differ between the old and new
 * inputs. A field the program stopped setting is left as it is on the API side.
 */
export function campaignUpdateBody(
  olds: Partial<CampaignInputs>,
  news: CampaignInputs,
): CampaignFieldsBody {
  const body: CampaignFieldsBody = {};
  if (news.name !== olds.name) {
    body.name = news.name;
  }
  if (news.description !== undefined && news.description !== olds.description) {
    body.description = news.description;
  }
  if (news.lifetimeBudgetMicros !== olds.lifetimeBudgetMicros) {
    body.budget = { lifetime_spend_limit_micros: news.lifetimeBudgetMicros };
  }
  if (news.startTime !== undefined && news.startTime !== olds.startTime) {
    body.start_time = news.startTime;
  }
  if (news.endTime !== undefined && news.endTime !== olds.endTime) {
    body.end_time = news.endTime;
  }
  if (news.pricingModel !== undefined && news.pricingModel !== olds.pricingModel) {
    body.pricing_model = news.pricingModel;
  }
  if (
    news.recurringFrequency !== undefined &&
    news.recurringFrequency !== olds.recurringFrequency
  ) {
    body.recurring_frequency = news.recurringFrequency;
  }
  const newCountries = normalizedCountries(news.targetCountries);
  if (newCountries !== normalizedCountries(olds.targetCountries)) {
    body.targeting = targetingBody(news.targetCountries ?? []);
  }
  return body;
}

function normalizedCountries(countries: string[] | undefined): string {
  return (countries ?? [])
    .map((code) => code.toUpperCase())
    .sort()
    .join(",");
}
