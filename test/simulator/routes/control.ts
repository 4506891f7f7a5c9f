import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError, invalidValue } from "../api-error";
import { jsonBody, param } from "../api-request";
import type { ApiRequest, ApiResult } from "../api-request";
import type { SimulatorCore } from "../core";
import { FAULT_KINDS, FAULT_STATUSES } from "../fault-injector";
import type { FaultSpec } from "../fault-injector";
import { readBody, sendJson } from "../http-io";
import { parseBody } from "../request-body";
import { matchRoute } from "../router";
import { isReviewTransitionAllowed } from "../state-machine";
import { BILLING_STATES, LIFECYCLE_STATUSES, REVIEW_STATUSES } from "../state/model";
import { adGroupView, adView, campaignView } from "../state/views";
import { readAdFields } from "../validation/ad-fields";
import { readAdGroupFields } from "../validation/ad-group-fields";
import { readCampaignValues } from "../validation/campaign-fields";
import type { ObjectReader } from "../validation/object-reader";
import type { ApiHandler, ApiRoute } from "./handler";
import { applyFields } from "./records";

/** Large enough for a base64 remote image just over the 5 MB upload limit. */
const MAX_CONTROL_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Serves `/_sim/`: test hooks with no authentication. These requests are never rate
 * limited, faulted or written to the call log.
 */
export async function handleControlRequest(
  core: SimulatorCore,
  incoming: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const method = incoming.method ?? "GET";
  try {
    const raw = await readBody(incoming, MAX_CONTROL_BODY_BYTES);
    if (raw === undefined)
      throw invalidValue(null, "Control request bodies are limited to 16 MiB.");

    const match = matchRoute(controlRoutes, method, url.pathname);
    if (!match) {
      throw new ApiError(404, "not_found", `Unknown control URL: ${method} ${url.pathname}.`);
    }
    const request: ApiRequest = {
      method,
      path: url.pathname,
      query: url.searchParams,
      params: match.params,
      body: await parseBody(incoming, raw),
      idempotencyKey: null,
    };
    const result = await match.handler(request, core);
    sendJson(response, result.status, result.body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    sendJson(response, error.status, error.toBody());
  }
}

function ok(body: unknown): ApiResult {
  return { status: 200, body };
}

const setReview: ApiHandler = (request, core) => {
  const campaign = core.store.campaign(param(request, "id"));
  const body = jsonBody(request);
  const review = body.enumValue("review_status", REVIEW_STATUSES, true) ?? "in_review";
  const reason = body.nullableString("reason") ?? null;
  if (!isReviewTransitionAllowed(campaign.review_status, review)) {
    const move = `${campaign.review_status} to ${review}`;
    throw invalidValue("review_status", `Review cannot move from ${move}.`);
  }
  applyFields(campaign, { review_status: review, review_reason: reason }, core.clock.now());
  core.store.commit();
  return ok(campaignView(campaign));
};

const setBilling: ApiHandler = (request, core) => {
  const state = jsonBody(request).enumValue("state", BILLING_STATES, true) ?? "ok";
  core.store.state.billing = state;
  core.store.commit();
  return ok({ state });
};

/** Dashboard edit of a campaign: any writable field plus `status`, without the API's checks. */
const editCampaign: ApiHandler = (request, core) => {
  const campaign = core.store.campaign(param(request, "id"));
  const body = jsonBody(request);
  const fields = readCampaignValues(body, false);
  const status = body.enumValue("status", LIFECYCLE_STATUSES);
  const changes = status === undefined ? fields : { ...fields, status };
  if (applyFields(campaign, changes, core.clock.now())) core.store.commit();
  return ok(campaignView(campaign));
};

const editAdGroup: ApiHandler = (request, core) => {
  const group = core.store.adGroup(param(request, "id"));
  const fields = readAdGroupFields(jsonBody(request), "update");
  if (applyFields(group, fields, core.clock.now())) core.store.commit();
  return ok(adGroupView(group));
};

const editAd: ApiHandler = (request, core) => {
  const ad = core.store.ad(param(request, "id"));
  const fields = readAdFields(jsonBody(request), "update", {
    groupCreativeType: ad.creative.type,
    fileExists: (fileId) => core.store.state.files[fileId] !== undefined,
  });
  const { auto_generate: _createOnly, ...changes } = fields;
  if (applyFields(ad, changes, core.clock.now())) core.store.commit();
  return ok(adView(ad, core.store.campaignOfAd(ad)));
};

/** Lists every stored campaign with its ad groups, ads and internal fields, for assertions. */
const listCampaignTrees: ApiHandler = (_request, core) => {
  const campaigns = Object.values(core.store.state.campaigns).sort((a, b) => a.seq - b.seq);
  const data = campaigns.map((campaign) => ({
    ...campaignView(campaign),
    review_reason: campaign.review_reason,
    ad_groups: core.store
      .adGroupsOf(campaign.id)
      .sort((a, b) => a.seq - b.seq)
      .map((group) => ({
        ...adGroupView(group),
        creative_type: group.creative_type,
        ads: core.store
          .adsOf(group.id)
          .sort((a, b) => a.seq - b.seq)
          .map((ad) => ({ ...adView(ad, campaign), serving: ad.serving })),
      })),
  }));
  return ok({ data });
};

const advanceClock: ApiHandler = (request, core) => {
  const seconds = jsonBody(request).integer("seconds", { required: true, min: 0 }) ?? 0;
  core.clock.advance(seconds);
  core.store.commit();
  return ok({ now: core.clock.now() });
};

const injectFault: ApiHandler = (request, core) => {
  return ok(core.faults.add(readFaultSpec(jsonBody(request))));
};

function readFaultSpec(body: ObjectReader): FaultSpec {
  const spec: FaultSpec = { kind: body.enumValue("kind", FAULT_KINDS, true) ?? "status" };
  const route = body.string("route", { minLength: 1 });
  if (route !== undefined) spec.route = route;

  const status = body.integer("status");
  if (status !== undefined) {
    const allowed = FAULT_STATUSES.find((candidate) => candidate === status);
    if (allowed === undefined) throw invalidValue("status", "status must be 429, 500 or 503.");
    spec.status = allowed;
  }
  const latency = body.integer("latency_ms", { min: 0, max: 60_000 });
  if (latency !== undefined) spec.latency_ms = latency;
  const retryAfter = body.integer("retry_after_seconds", { min: 0 });
  if (retryAfter !== undefined) spec.retry_after_seconds = retryAfter;
  const count = body.integer("count", { min: 1 });
  if (count !== undefined) spec.count = count;

  const fraction = body.value["fraction"];
  if (fraction !== undefined) {
    if (typeof fraction !== "number" || fraction < 0 || fraction > 1) {
      throw invalidValue("fraction", "fraction must be a number from 0 to 1.");
    }
    spec.fraction = fraction;
  }
  return spec;
}

/** Registers what a pretend remote host returns for one `image_url`; nothing is fetched. */
const addRemoteImage: ApiHandler = (request, core) => {
  const body = jsonBody(request);
  const url = body.string("url", { required: true, minLength: 1 }) ?? "";
  const status = body.integer("status", { min: 100, max: 599 }) ?? 200;
  const redirectTo = body.nullableString("redirect_to", { minLength: 1 }) ?? null;
  const encoded = body.string("image_base64") ?? "";
  core.remoteImages.register({ url, status, redirectTo, bytes: Buffer.from(encoded, "base64") });
  return ok({ url, status, redirect_to: redirectTo });
};

const rotateKey: ApiHandler = (_request, core) => ok(core.keys.rotate());

const revokeKey: ApiHandler = (request, core) => {
  const key = jsonBody(request).string("key", { required: true }) ?? "";
  return ok({ revoked: core.keys.revoke(key) });
};

export const controlRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/_sim/ledger", handler: (_r, core) => ok({ data: ledger(core) }) },
  { method: "GET", pattern: "/_sim/calls", handler: (_r, core) => ok({ data: core.calls.list() }) },
  {
    method: "POST",
    pattern: "/_sim/calls/reset",
    handler: (_r, core) => {
      core.calls.clear();
      return ok({ cleared: true });
    },
  },
  { method: "GET", pattern: "/_sim/campaigns", handler: listCampaignTrees },
  { method: "POST", pattern: "/_sim/campaigns/:id", handler: editCampaign },
  { method: "POST", pattern: "/_sim/campaigns/:id/review", handler: setReview },
  { method: "POST", pattern: "/_sim/ad_groups/:id", handler: editAdGroup },
  { method: "POST", pattern: "/_sim/ads/:id", handler: editAd },
  {
    method: "GET",
    pattern: "/_sim/billing",
    handler: (_r, core) => ok({ state: core.store.state.billing }),
  },
  { method: "POST", pattern: "/_sim/billing", handler: setBilling },
  { method: "GET", pattern: "/_sim/clock", handler: (_r, core) => ok({ now: core.clock.now() }) },
  { method: "POST", pattern: "/_sim/clock/advance", handler: advanceClock },
  {
    method: "GET",
    pattern: "/_sim/faults",
    handler: (_r, core) => ok({ data: core.faults.list() }),
  },
  { method: "POST", pattern: "/_sim/faults", handler: injectFault },
  {
    method: "POST",
    pattern: "/_sim/faults/clear",
    handler: (_r, core) => {
      core.faults.clear();
      return ok({ cleared: true });
    },
  },
  {
    method: "POST",
    pattern: "/_sim/save",
    handler: (_r, core) => {
      core.store.save();
      return ok({ saved: core.options.statePath !== undefined });
    },
  },
  { method: "POST", pattern: "/_sim/remote_images", handler: addRemoteImage },
  {
    method: "POST",
    pattern: "/_sim/remote_images/clear",
    handler: (_r, core) => {
      core.remoteImages.clear();
      return ok({ cleared: true });
    },
  },
  { method: "POST", pattern: "/_sim/keys/rotate", handler: rotateKey },
  { method: "POST", pattern: "/_sim/keys/revoke", handler: revokeKey },
];

function ledger(core: SimulatorCore) {
  return core.store.state.ledger.map((entry) => ({ ...entry }));
}
