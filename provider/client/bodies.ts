/** Request bodies sent to the API, in its own snake_case spelling. Money is integer micros. */

export interface ChatCardCreativeBody {
  type: "chat_card";
  title: string;
  body: string;
  file_id: string;
  target_url: string;
  cta_text?: string;
}

export interface PollCreativeBody {
  type: "poll";
  question: string;
  options: string[];
  target_url: string;
  file_id?: string;
}

export interface AdBody {
  name: string;
  creative: ChatCardCreativeBody | PollCreativeBody;
}

export interface AdGroupBody {
  name: string;
  context_hints: string[];
  bidding_config: { max_bid_micros: number };
}

export interface NestedAdGroupBody extends AdGroupBody {
  ads: AdBody[];
}

export interface TargetingBody {
  locations: { include: { country_code: string }[] };
}

export interface CampaignFieldsBody {
  name?: string;
  description?: string | null;
  budget?: { lifetime_spend_limit_micros: number };
  start_time?: number;
  end_time?: number | null;
  targeting?: TargetingBody;
  pricing_model?: "cpm" | "cpc";
  recurring_frequency?: "daily" | "weekly" | "monthly" | "quarterly" | "yearly";
}

export interface CampaignCreateBody extends CampaignFieldsBody {
  name: string;
  budget: { lifetime_spend_limit_micros: number };
  ad_groups: NestedAdGroupBody[];
}
