/** Pulumi resources for the Thrad Advertiser API. */
export {
  Campaign,
  type AdArgs,
  type AdGroupArgs,
  type CampaignArgs,
  type ChatCardAdArgs,
  type PollAdArgs,
} from "./campaign";
export { Creative, type CreativeArgs } from "./creative";
export { cents, dollars, microsPerDollar } from "./money";
export * from "./insights";
