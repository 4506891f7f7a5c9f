/**
 * Malformed Campaign arguments, each with the property path that `check` must name. The
 * string "$fileId" stands for the creative's file id, as in the fault program.
 */

export interface BadProgram {
  name: string;
  args: Record<string, unknown>;
  /** Property path the failure must name, exactly as `check` reports it. */
  property: string;
  /** Part of the reason the failure must give. */
  reason: RegExp;
}

const chatCard = {
  title: "Grip on trails",
  body: "Light shoes.",
  targetUrl: "https://x.example",
  fileId: "$fileId",
};
const poll = {
  type: "poll",
  question: "Which trail next?",
  options: ["Ridge", "Valley"],
  targetUrl: "https://x.example",
};

function group(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "Trail group", maxBidMicros: 1_000_000, ads: [chatCard], ...overrides };
}

function campaign(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { name: "Bad input", lifetimeBudgetMicros: 20_000_000, adGroups: [group()], ...overrides };
}

function withAd(ad: Record<string, unknown>): Record<string, unknown> {
  return campaign({ adGroups: [group({ ads: [{ ...chatCard, ...ad }] })] });
}

function without(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _removed, ...rest } = record;
  return rest;
}

const long = (length: number) => "x".repeat(length);
const ad0 = "adGroups[0].ads[0]";

export const badPrograms: BadProgram[] = [
  {
    name: "campaign name missing",
    args: without(campaign(), "name"),
    property: "name",
    reason: /must be a string, got nothing/,
  },
  {
    name: "campaign name empty",
    args: campaign({ name: "" }),
    property: "name",
    reason: /at least 3 characters/,
  },
  {
    name: "campaign name too short",
    args: campaign({ name: "ab" }),
    property: "name",
    reason: /at least 3 characters/,
  },
  {
    name: "campaign name over 100 characters",
    args: campaign({ name: long(101) }),
    property: "name",
    reason: /at most 100 characters, got 101/,
  },
  {
    name: "campaign name a number",
    args: campaign({ name: 42 }),
    property: "name",
    reason: /must be a string, got number 42/,
  },
  {
    name: "description a number",
    args: campaign({ description: 7 }),
    property: "description",
    reason: /must be a string/,
  },
  {
    name: "description over 1000 characters",
    args: campaign({ description: long(1001) }),
    property: "description",
    reason: /at most 1000 characters/,
  },
  {
    name: "budget missing",
    args: without(campaign(), "lifetimeBudgetMicros"),
    property: "lifetimeBudgetMicros",
    reason: /integer number of micros, got nothing/,
  },
  {
    name: "budget as a string",
    args: campaign({ lifetimeBudgetMicros: "20000000" }),
    property: "lifetimeBudgetMicros",
    reason: /integer number of micros, got "20000000"/,
  },
  {
    name: "budget as a float",
    args: campaign({ lifetimeBudgetMicros: 12.5 }),
    property: "lifetimeBudgetMicros",
    reason: /integer number of micros.*dollars\(\)/,
  },
  {
    name: "budget under the minimum",
    args: campaign({ lifetimeBudgetMicros: 500_000 }),
    property: "lifetimeBudgetMicros",
    reason: /at least 990000 micros, got 500000/,
  },
  {
    name: "budget negative",
    args: campaign({ lifetimeBudgetMicros: -1 }),
    property: "lifetimeBudgetMicros",
    reason: /at least 990000/,
  },
  {
    name: "budget null",
    args: campaign({ lifetimeBudgetMicros: null }),
    property: "lifetimeBudgetMicros",
    reason: /got null/,
  },
  {
    name: "budget beyond safe integers",
    args: campaign({ lifetimeBudgetMicros: 1e20 }),
    property: "lifetimeBudgetMicros",
    reason: /integer number of micros/,
  },
  {
    name: "status unknown",
    args: campaign({ status: "running" }),
    property: "status",
    reason: /must be one of "active", "paused"/,
  },
  {
    name: "status a number",
    args: campaign({ status: 1 }),
    property: "status",
    reason: /must be one of/,
  },
  {
    name: "start time not a date",
    args: campaign({ startTime: "next tuesday" }),
    property: "startTime",
    reason: /Unix seconds .* or an ISO 8601 date-time/,
  },
  {
    name: "start time negative",
    args: campaign({ startTime: -5 }),
    property: "startTime",
    reason: /Unix seconds/,
  },
  {
    name: "end before start",
    args: campaign({ startTime: "2030-01-02T00:00:00Z", endTime: "2030-01-01T00:00:00Z" }),
    property: "endTime",
    reason: /must be after startTime/,
  },
  {
    name: "end equal to start",
    args: campaign({ startTime: 1_900_000_000, endTime: 1_900_000_000 }),
    property: "endTime",
    reason: /must be after startTime/,
  },
  {
    name: "pricing model unknown",
    args: campaign({ pricingModel: "cpa" }),
    property: "pricingModel",
    reason: /must be one of "cpm", "cpc"/,
  },
  {
    name: "recurring frequency unknown",
    args: campaign({ recurringFrequency: "hourly" }),
    property: "recurringFrequency",
    reason: /must be one of "daily"/,
  },
  {
    name: "countries not a list",
    args: campaign({ targetCountries: "US" }),
    property: "targetCountries",
    reason: /must be a list/,
  },
  {
    name: "country of three letters",
    args: campaign({ targetCountries: ["USA"] }),
    property: "targetCountries[0]",
    reason: /two-letter ISO 3166-1/,
  },
  {
    name: "country a number",
    args: campaign({ targetCountries: ["US", 1] }),
    property: "targetCountries[1]",
    reason: /two-letter/,
  },
  {
    name: "adopt id empty",
    args: campaign({ adoptId: "" }),
    property: "adoptId",
    reason: /must not be empty/,
  },
  {
    name: "ad groups missing",
    args: without(campaign(), "adGroups"),
    property: "adGroups",
    reason: /must be a list, got nothing/,
  },
  {
    name: "ad groups empty",
    args: campaign({ adGroups: [] }),
    property: "adGroups",
    reason: /at least 1 item/,
  },
  {
    name: "ad groups a string",
    args: campaign({ adGroups: "group" }),
    property: "adGroups",
    reason: /must be a list/,
  },
  {
    name: "ad group null",
    args: campaign({ adGroups: [null] }),
    property: "adGroups[0]",
    reason: /must be an object, got null/,
  },
  {
    name: "ad group name missing",
    args: campaign({ adGroups: [without(group(), "name")] }),
    property: "adGroups[0].name",
    reason: /got nothing/,
  },
  {
    name: "ad group name too short",
    args: campaign({ adGroups: [group({ name: "ab" })] }),
    property: "adGroups[0].name",
    reason: /at least 3 characters/,
  },
  {
    name: "ad group name oversized",
    args: campaign({ adGroups: [group({ name: long(1001) })] }),
    property: "adGroups[0].name",
    reason: /at most 1000 characters/,
  },
  {
    name: "bid zero",
    args: campaign({ adGroups: [group({ maxBidMicros: 0 })] }),
    property: "adGroups[0].maxBidMicros",
    reason: /between 1 and 100000000 micros, got 0/,
  },
  {
    name: "bid over $100",
    args: campaign({ adGroups: [group({ maxBidMicros: 150_000_000 })] }),
    property: "adGroups[0].maxBidMicros",
    reason: /between 1 and 100000000/,
  },
  {
    name: "bid as a float",
    args: campaign({ adGroups: [group({ maxBidMicros: 1.5 })] }),
    property: "adGroups[0].maxBidMicros",
    reason: /integer number of micros/,
  },
  {
    name: "bid as a string",
    args: campaign({ adGroups: [group({ maxBidMicros: "1000000" })] }),
    property: "adGroups[0].maxBidMicros",
    reason: /got "1000000"/,
  },
  {
    name: "ad group status archived",
    args: campaign({ adGroups: [group({ status: "archived" })] }),
    property: "adGroups[0].status",
    reason: /must be one of "active", "paused"/,
  },
  {
    name: "context hints not a list",
    args: campaign({ adGroups: [group({ contextHints: "hiking" })] }),
    property: "adGroups[0].contextHints",
    reason: /must be a list/,
  },
  {
    name: "context hint empty",
    args: campaign({ adGroups: [group({ contextHints: [""] })] }),
    property: "adGroups[0].contextHints[0]",
    reason: /must not be empty/,
  },
  {
    name: "context hint oversized",
    args: campaign({ adGroups: [group({ contextHints: [long(201)] })] }),
    property: "adGroups[0].contextHints[0]",
    reason: /at most 200 characters/,
  },
  {
    name: "duplicate ad group names",
    args: campaign({ adGroups: [group(), group()] }),
    property: "adGroups[1]",
    reason: /same key "Trail group" as adGroups\[0\]/,
  },
  {
    name: "duplicate ad group keys",
    args: campaign({ adGroups: [group({ key: "k" }), group({ key: "k", name: "Other group" })] }),
    property: "adGroups[1]",
    reason: /same key "k"/,
  },
  {
    name: "ads missing",
    args: campaign({ adGroups: [without(group(), "ads")] }),
    property: "adGroups[0].ads",
    reason: /must be a list, got nothing/,
  },
  {
    name: "ads empty",
    args: campaign({ adGroups: [group({ ads: [] })] }),
    property: "adGroups[0].ads",
    reason: /at least 1 item/,
  },
  {
    name: "ad a number",
    args: campaign({ adGroups: [group({ ads: [5] })] }),
    property: `${ad0}`,
    reason: /must be an object, got number 5/,
  },
  {
    name: "duplicate ad keys",
    args: campaign({ adGroups: [group({ ads: [chatCard, chatCard] })] }),
    property: "adGroups[0].ads[1]",
    reason: /same key "Grip on trails"/,
  },
  {
    name: "unknown ad type",
    args: withAd({ type: "video" }),
    property: `${ad0}.type`,
    reason: /must be one of "chat_card", "poll"/,
  },
  {
    name: "title missing",
    args: withAd({ title: undefined, key: "k" }),
    property: `${ad0}.title`,
    reason: /got nothing/,
  },
  {
    name: "title too short",
    args: withAd({ title: "ab" }),
    property: `${ad0}.title`,
    reason: /at least 3 characters/,
  },
  {
    name: "title over 50 characters",
    args: withAd({ title: long(51) }),
    property: `${ad0}.title`,
    reason: /at most 50 characters, got 51/,
  },
  {
    name: "body empty",
    args: withAd({ body: "" }),
    property: `${ad0}.body`,
    reason: /must not be empty/,
  },
  {
    name: "body over 100 characters",
    args: withAd({ body: long(101) }),
    property: `${ad0}.body`,
    reason: /at most 100 characters/,
  },
  {
    name: "creative missing",
    args: withAd({ fileId: undefined }),
    property: `${ad0}.fileId`,
    reason: /got nothing/,
  },
  {
    name: "target URL not http",
    args: withAd({ targetUrl: "ftp://x.example" }),
    property: `${ad0}.targetUrl`,
    reason: /http or https URL/,
  },
  {
    name: "target URL not a URL",
    args: withAd({ targetUrl: "shop dot example" }),
    property: `${ad0}.targetUrl`,
    reason: /absolute http or https URL/,
  },
  {
    name: "target URL oversized",
    args: withAd({ targetUrl: `https://x.example/${long(2040)}` }),
    property: `${ad0}.targetUrl`,
    reason: /at most 2048 characters/,
  },
  {
    name: "call to action oversized",
    args: withAd({ ctaText: long(31) }),
    property: `${ad0}.ctaText`,
    reason: /at most 30 characters/,
  },
  {
    name: "ad status unknown",
    args: withAd({ status: "deleted" }),
    property: `${ad0}.status`,
    reason: /must be one of "active", "paused"/,
  },
  {
    name: "ad name oversized",
    args: withAd({ name: long(1001) }),
    property: `${ad0}.name`,
    reason: /at most 1000 characters/,
  },
  {
    name: "card with a poll question",
    args: withAd({ question: "Which trail?" }),
    property: `${ad0}.question`,
    reason: /belongs to poll ads/,
  },
  {
    name: "poll with one option",
    args: campaign({ adGroups: [group({ ads: [{ ...poll, options: ["Ridge"] }] })] }),
    property: `${ad0}.options`,
    reason: /at least 2 items/,
  },
  {
    name: "poll with five options",
    args: campaign({
      adGroups: [
        group({
          ads: [{ ...poll, options: ["a", "b", "c", "d", "e"] }],
        }),
      ],
    }),
    property: `${ad0}.options`,
    reason: /at most 4 options, got 5/,
  },
  {
    name: "poll question missing",
    args: campaign({ adGroups: [group({ ads: [{ ...poll, question: undefined, key: "p" }] })] }),
    property: `${ad0}.question`,
    reason: /got nothing/,
  },
  {
    name: "poll option oversized",
    args: campaign({ adGroups: [group({ ads: [{ ...poll, options: ["Ridge", long(51)] }] })] }),
    property: `${ad0}.options[1]`,
    reason: /at most 50 characters/,
  },
  {
    name: "poll with a card title",
    args: campaign({ adGroups: [group({ ads: [{ ...poll, title: "A title" }] })] }),
    property: `${ad0}.title`,
    reason: /belongs to chat card ads/,
  },
  {
    name: "mixed creative types",
    args: campaign({ adGroups: [group({ ads: [chatCard, poll] })] }),
    property: "adGroups[0].ads[1].type",
    reason: /one creative type only/,
  },
];

/** The cases also run through a real `pulumi preview`: one or more of each kind of mistake. */
export const previewSample = [
  "campaign name empty",
  "budget as a float",
  "budget under the minimum",
  "end before start",
  "bid over $100",
  "duplicate ad group names",
  "unknown ad type",
  "creative missing",
  "poll with five options",
  "mixed creative types",
];
