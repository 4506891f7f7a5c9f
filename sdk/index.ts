/** Pulumi resources for the Thrad Advertiser API. */
export { Campaign, type CampaignArgs, type AdGroupArgs, type ChatCardAdArgs } from "./campaign";
export { Creative, type CreativeArgs } from "./creative";
export { cents, dollars, microsPerDollar } from "./money";
