import { jsonBody, param } from "../api-request";
import type { ApiRequest, ApiResult } from "../api-request";
import type { SimulatorCore } from "../core";
import { applyOutcome, decideChildAction } from "../state-machine";
import type { StatusAction } from "../state-machine";
import { paginate } from "../state/pagination";
import { adGroupView } from "../state/views";
import { readAdGroupFields } from "../validation/ad-group-fields";
import { LIMITS } from "../validation/limits";
import { readAdGroupDraft, storeAdGroupDraft } from "./campaign-create";
import type { ApiRoute } from "./handler";
import { requireOpenCampaign, requiredQuery } from "./parents";
import { applyFields } from "./records";

function listAdGroups(request: ApiRequest, core: SimulatorCore): ApiResult {
  const campaign = core.store.campaign(requiredQuery(request, "campaign_id"), "campaign_id");
  const groups = core.store.adGroupsOf(campaign.id);
  return { status: 200, body: paginate(groups, request.query, adGroupView) };
}

function getAdGroup(request: ApiRequest, core: SimulatorCore): ApiResult {
  return { status: 200, body: adGroupView(core.store.adGroup(param(request, "id"))) };
}

/** `POST /v1/ad_groups`: adds a group, with optional `ads`, to an existing campaign. */
function createAdGroup(request: ApiRequest, core: SimulatorCore): ApiResult {
  const body = jsonBody(request);
  const campaignId = body.string("campaign_id", { required: true }) ?? "";
  const campaign = core.store.campaign(campaignId, "campaign_id");
  requireOpenCampaign(campaign);
  const draft = readAdGroupDraft({ value: body.value, path: "" }, core, {
    minItems: 0,
    maxItems: LIMITS.adsPerNestedAdGroup.maxItems,
  });

  const group = storeAdGroupDraft(core, campaign.id, draft);
  core.store.commit();
  return { status: 201, body: adGroupView(group) };
}

function updateAdGroup(request: ApiRequest, core: SimulatorCore): ApiResult {
  const group = core.store.adGroup(param(request, "id"));
  requireOpenCampaign(core.store.campaign(group.campaign_id));
  const fields = readAdGroupFields(jsonBody(request), "update");

  if (applyFields(group, fields, core.clock.now())) core.store.commit();
  return { status: 200, body: adGroupView(group) };
}

function adGroupAction(action: StatusAction) {
  return (request: ApiRequest, core: SimulatorCore): ApiResult => {
    const group = core.store.adGroup(param(request, "id"));
    const campaign = core.store.campaign(group.campaign_id);
    const status = applyOutcome(decideChildAction(action, campaign.status));
    if (applyFields(group, { status }, core.clock.now())) core.store.commit();
    return { status: 200, body: adGroupView(group) };
  };
}

export const adGroupRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/v1/ad_groups", handler: listAdGroups },
  { method: "POST", pattern: "/v1/ad_groups", handler: createAdGroup },
  { method: "GET", pattern: "/v1/ad_groups/:id", handler: getAdGroup },
  { method: "POST", pattern: "/v1/ad_groups/:id", handler: updateAdGroup },
  { method: "POST", pattern: "/v1/ad_groups/:id/activate", handler: adGroupAction("activate") },
  { method: "POST", pattern: "/v1/ad_groups/:id/pause", handler: adGroupAction("pause") },
  { method: "POST", pattern: "/v1/ad_groups/:id/archive", handler: adGroupAction("archive") },
];
