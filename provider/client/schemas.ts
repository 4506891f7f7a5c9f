/**
 * Zod schemas of the API objects the provider reads. Objects are loose (unknown fields pass
 * through) so that additions to the API do not break the provider, but every field the provider
 * relies on is checked, so a malformed response fails with a clear message instead of a crash.
 */
import { z } from "zod";

const unixSeconds = z.number().int();
const micros = z.number().int();

export const lifecycleStatus = z.enum(["active", "paused", "archived"]);
export const reviewStatus = z.enum(["in_review", "approved", "rejected"]);

export const errorBodySchema = z.object({
  error: z.object({
    message: z.string(),
    type: z
      .string()
      .nullish()
      .transform((value) => value ?? null),
    code: z
      .string()
      .nullish()
      .transform((value) => value ?? null),
    param: z
      .string()
      .nullish()
      .transform((value) => value ?? null),
  }),
});

export const adAccountSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  currency_code: z.string(),
});

export const uploadedFileSchema = z.looseObject({ file_id: z.string().min(1) });

export const campaignSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string(),
  description: z.string().nullish(),
  status: lifecycleStatus,
  review_status: reviewStatus,
  start_time: unixSeconds,
  end_time: unixSeconds.nullish(),
  budget: z.looseObject({ lifetime_spend_limit_micros: micros }),
  created_at: unixSeconds.optional(),
  updated_at: unixSeconds.optional(),
});

export const adGroupSchema = z.looseObject({
  id: z.string().min(1),
  campaign_id: z.string().min(1),
  name: z.string(),
  status: lifecycleStatus,
  context_hints: z.array(z.string()).nullish(),
  bidding_config: z.looseObject({ max_bid_micros: micros.nullish() }).nullish(),
});

export const chatCardCreativeSchema = z.looseObject({
  type: z.literal("chat_card"),
  title: z.string().nullish(),
  body: z.string().nullish(),
  file_id: z.string().nullish(),
  target_url: z.string().nullish(),
  cta_text: z.string().nullish(),
});

export const adSchema = z.looseObject({
  id: z.string().min(1),
  ad_group_id: z.string().min(1),
  name: z.string().nullish(),
  status: lifecycleStatus,
  review_status: reviewStatus.optional(),
  creative: z.looseObject({ type: z.string() }),
});

/** Builds the schema of a list envelope around items of one kind. */
export function listSchema<Item extends z.ZodType>(item: Item) {
  return z.looseObject({
    object: z.literal("list").optional(),
    data: z.array(item),
    has_more: z.boolean().optional().default(false),
    last_id: z.string().nullish(),
  });
}

export type AdAccount = z.infer<typeof adAccountSchema>;
export type UploadedFile = z.infer<typeof uploadedFileSchema>;
export type Campaign = z.infer<typeof campaignSchema>;
export type AdGroup = z.infer<typeof adGroupSchema>;
export type Ad = z.infer<typeof adSchema>;
export type LifecycleStatus = z.infer<typeof lifecycleStatus>;
export type ReviewStatus = z.infer<typeof reviewStatus>;
