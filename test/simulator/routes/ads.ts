import { jsonBody, param } from "../api-request";
import type { ApiRequest, ApiResult } from "../api-request";
import type { SimulatorCore } from "../core";
import { applyOutcome, decideChildAction } from "../state-machine";
import type { StatusAction } from "../state-machine";
import type { StoredAd, StoredAdGroup } from "../state/model";
import { paginate } from "../state/pagination";
import { adView } from "../state/views";
import { readAdFields } from "../validation/ad-fields";
import type { ApiRoute } from "./handler";
import { requireOpenCampaign, requiredQuery } from "./parents";
import { applyFields, newAd } from "./records";

function renderAd(core: SimulatorCore) {
  return (ad: StoredAd) => adView(ad, core.store.campaignOfAd(ad));
}

function adContext(core: SimulatorCore, group: StoredAdGroup) {
  return {
    groupCreativeType: group.creative_type,
    fileExists: (fileId: string) => core.store.state.files[fileId] !== undefined,
  };
}

function listAds(request: ApiRequest, core: SimulatorCore): ApiResult {
  const group = core.store.adGroup(requiredQuery(request, "ad_group_id"), "ad_group_id");
  return { status: 200, body: paginate(core.store.adsOf(group.id), request.query, renderAd(core)) };
}

function getAd(request: ApiRequest, core: SimulatorCore): ApiResult {
  return { status: 200, body: renderAd(core)(core.store.ad(param(request, "id"))) };
}

/** `POST /v1/ads`: the first ad of an empty ad group fixes the group's creative type. */
function createAd(request: ApiRequest, core: SimulatorCore): ApiResult {
  const body = jsonBody(request);
  const groupId = body.string("ad_group_id", { required: true }) ?? "";
  const group = core.store.adGroup(groupId, "ad_group_id");
  requireOpenCampaign(core.store.campaign(group.campaign_id));
  const fields = readAdFields(body, "create", adContext(core, group));

  const ad = newAd(core, group.id, fields);
  core.store.state.ads[ad.id] = ad;
  group.creative_type ??= ad.creative.type;
  core.store.commit();
  return { status: 201, body: renderAd(core)(ad) };
}

/** Partial update; a `creative` replaces the stored creative whole. */
function updateAd(request: ApiRequest, core: SimulatorCore): ApiResult {
  const ad = core.store.ad(param(request, "id"));
  const group = core.store.adGroup(ad.ad_group_id);
  const context = { ...adContext(core, group), groupCreativeType: ad.creative.type };
  requireOpenCampaign(core.store.campaign(group.campaign_id));
  const fields = readAdFields(jsonBody(request), "update", context);

  const { auto_generate: _createOnly, ...changes } = fields;
  if (applyFields(ad, changes, core.clock.now())) core.store.commit();
  return { status: 200, body: renderAd(core)(ad) };
}

function adAction(action: StatusAction) {
  return (request: ApiRequest, core: SimulatorCore): ApiResult => {
    const ad = core.store.ad(param(request, "id"));
    const campaign = core.store.campaignOfAd(ad);
    const status = applyOutcome(decideChildAction(action, campaign.status));
    if (applyFields(ad, { status }, core.clock.now())) core.store.commit();
    return { status: 200, body: adView(ad, campaign) };
  };
}

export const adRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/v1/ads", handler: listAds },
  { method: "POST", pattern: "/v1/ads", handler: createAd },
  { method: "GET", pattern: "/v1/ads/:id", handler: getAd },
  { method: "POST", pattern: "/v1/ads/:id", handler: updateAd },
  { method: "POST", pattern: "/v1/ads/:id/activate", handler: adAction("activate") },
  { method: "POST", pattern: "/v1/ads/:id/pause", handler: adAction("pause") },
  { method: "POST", pattern: "/v1/ads/:id/archive", handler: adAction("archive") },
];
