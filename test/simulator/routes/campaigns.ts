import { invalidState } from "../api-error";
import { jsonBody, param } from "../api-request";
import type { ApiRequest, ApiResult } from "../api-request";
import type { SimulatorCore } from "../core";
import { applyOutcome, decideCampaignAction } from "../state-machine";
import type { StatusAction } from "../state-machine";
import { paginate } from "../state/pagination";
import { campaignView } from "../state/views";
import {
  checkCampaignTimes,
  checkPricingModelUnchanged,
  readCampaignFields,
} from "../validation/campaign-fields";
import { createCampaign } from "./campaign-create";
import type { ApiRoute } from "./handler";
import { applyFields } from "./records";

function getCampaign(request: ApiRequest, core: SimulatorCore): ApiResult {
  return { status: 200, body: campaignView(core.store.campaign(param(request, "id"))) };
}

function listCampaigns(request: ApiRequest, core: SimulatorCore): ApiResult {
  const campaigns = Object.values(core.store.state.campaigns);
  return { status: 200, body: paginate(campaigns, request.query, campaignView) };
}

/** Partial update: only the fields present change; `status` is refused. */
function updateCampaign(request: ApiRequest, core: SimulatorCore): ApiResult {
  const campaign = core.store.campaign(param(request, "id"));
  if (campaign.status === "archived") {
    throw invalidState("The campaign is archived; an archived campaign cannot be updated.");
  }
  const fields = readCampaignFields(jsonBody(request), "update");
  checkPricingModelUnchanged(fields, campaign);
  checkCampaignTimes(fields, campaign, core.clock.now());

  if (applyFields(campaign, fields, core.clock.now())) core.store.commit();
  return { status: 200, body: campaignView(campaign) };
}

function campaignAction(action: StatusAction) {
  return (request: ApiRequest, core: SimulatorCore): ApiResult => {
    const campaign = core.store.campaign(param(request, "id"));
    const outcome = decideCampaignAction(action, campaign.status, campaign.review_status);
    const status = applyOutcome(outcome);
    if (applyFields(campaign, { status }, core.clock.now())) core.store.commit();
    return { status: 200, body: campaignView(campaign) };
  };
}

export const campaignRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/v1/campaigns", handler: listCampaigns },
  { method: "POST", pattern: "/v1/campaigns", handler: createCampaign },
  { method: "GET", pattern: "/v1/campaigns/:id", handler: getCampaign },
  { method: "POST", pattern: "/v1/campaigns/:id", handler: updateCampaign },
  { method: "POST", pattern: "/v1/campaigns/:id/activate", handler: campaignAction("activate") },
  { method: "POST", pattern: "/v1/campaigns/:id/pause", handler: campaignAction("pause") },
  { method: "POST", pattern: "/v1/campaigns/:id/archive", handler: campaignAction("archive") },
];
