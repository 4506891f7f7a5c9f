/**
 * Field rules of the simulated API. Values stated by Thrad: campaign name 3-100 characters,
 * budget at least 990000 micros, bid 1-100000000 micros, poll 2-4 options. The rest are the
 * simulator's choices (most taken from the OpenAI Ads API), listed in docs/SIMULATOR.md.
 */
export const LIMITS = {
  campaignName: { minLength: 3, maxLength: 100 },
  campaignDescription: { minLength: 0, maxLength: 1000 },
  lifetimeSpendLimitMicros: { min: 990_000, max: 1_000_000_000_000_000 },
  /** Earliest and latest accepted Unix timestamps, from the OpenAI Ads API. */
  timestamp: { min: 946_684_800, max: 4_102_444_800 },
  /** Minimum delay between now and a new `start_time`; also the default delay. */
  startLeadSeconds: 48 * 3600,
  adGroupsPerCampaign: { minItems: 1, maxItems: 100 },
  adsPerNestedAdGroup: { minItems: 1, maxItems: 50 },
  adGroupName: { minLength: 3, maxLength: 1000 },
  contextHints: { maxItems: 50 },
  contextHint: { minLength: 1, maxLength: 200 },
  maxBidMicros: { min: 1, max: 100_000_000 },
  adName: { minLength: 1, maxLength: 1000 },
  cardTitle: { minLength: 3, maxLength: 50 },
  cardBody: { minLength: 1, maxLength: 100 },
  ctaText: { minLength: 1, maxLength: 30 },
  targetUrl: { minLength: 1, maxLength: 2048 },
  pollQuestion: { minLength: 3, maxLength: 100 },
  pollOptions: { minItems: 2, maxItems: 4 },
  pollOption: { minLength: 1, maxLength: 50 },
  countriesPerCampaign: { maxItems: 250 },
  /** Largest accepted upload: 5 MB, read as 5 MiB. */
  uploadMaxBytes: 5 * 1024 * 1024,
  /** Deposit charged by every successful `POST /v1/campaigns`: $10. */
  depositMicros: 10_000_000,
} as const;
