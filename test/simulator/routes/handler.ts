import type { ApiRequest, ApiResult } from "../api-request";
import type { SimulatorCore } from "../core";
import type { Route } from "../router";

export type ApiHandler = (
  request: ApiRequest,
  core: SimulatorCore,
) => ApiResult | Promise<ApiResult>;
export type ApiRoute = Route<ApiHandler>;
