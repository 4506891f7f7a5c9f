import { invalidState, invalidValue } from "../api-error";
import type { ApiRequest } from "../api-request";
import type { StoredCampaign } from "../state/model";

/** Raises `invalid_state` for writes below an archived campaign, which can no longer change. */
export function requireOpenCampaign(campaign: StoredCampaign): void {
  if (campaign.status === "archived") {
    throw invalidState(
      "The campaign is archived; its ad groups and ads cannot be created or changed.",
    );
  }
}

/** Reads a required query parameter such as `campaign_id`, raising `invalid_value` if absent. */
export function requiredQuery(request: ApiRequest, name: string): string {
  const value = request.query.get(name);
  if (value === null || value === "") {
    throw invalidValue(name, `Missing required query parameter: ${name}.`);
  }
  return value;
}
