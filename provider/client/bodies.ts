/** Request bodies sent to the API, in its own snake_case spelling. Money is integer micros. */

export interface ChatCardCreativeBody {
  type: "chat_card";
  title: string;
  body: string;
  file_id: string;
  target_url: string;
  cta_text?: string;
}

export interface AdBody {
  name: string;
  creative: ChatCardCreativeBody;
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
}

export interface CampaignCreateBody extends CampaignFieldsBody {
  name: string;
  budget: { lifetime_spend_limit_micros: number };
  ad_groups: NestedAdGroupBody[];
}
