import { param } from "../api-request";
import type { ApiRequest, ApiResult } from "../api-request";
import type { SimulatorCore } from "../core";
import { readInsightsQuery } from "../insights/query";
import type { Level } from "../insights/query";
import { buildInsightsRows } from "../insights/report";
import type { ApiRoute } from "./handler";

/**
 * Serves the insights endpoint of one level. The path id is looked up first, so an unknown
 * id is a 404 like on resource reads. All rows come in one page (`has_more` is false).
 */
function insightsFor(level: Level) {
  return (request: ApiRequest, core: SimulatorCore): ApiResult => {
    let id: string | null = null;
    if (level === "campaign") id = core.store.campaign(param(request, "id")).id;
    if (level === "ad_group") id = core.store.adGroup(param(request, "id")).id;
    if (level === "ad") id = core.store.ad(param(request, "id")).id;

    const query = readInsightsQuery(request.query, level, core.clock.now());
    const rows = buildInsightsRows(core.store, { level, id }, query);
    const first = rows[0];
    const last = rows[rows.length - 1];
    return {
      status: 200,
      body: {
        object: "list",
        data: rows,
        count: rows.length,
        first_id: first === undefined ? null : first["id"],
        last_id: last === undefined ? null : last["id"],
        has_more: false,
      },
    };
  };
}

export const insightsRoutes: ApiRoute[] = [
  { method: "GET", pattern: "/v1/ad_account/insights", handler: insightsFor("ad_account") },
  { method: "GET", pattern: "/v1/campaigns/:id/insights", handler: insightsFor("campaign") },
  { method: "GET", pattern: "/v1/ad_groups/:id/insights", handler: insightsFor("ad_group") },
  { method: "GET", pattern: "/v1/ads/:id/insights", handler: insightsFor("ad") },
];
