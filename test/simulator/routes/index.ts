import { accountRoutes } from "./account";
import { adGroupRoutes } from "./ad-groups";
import { adRoutes } from "./ads";
import { campaignRoutes } from "./campaigns";
import type { ApiRoute } from "./handler";
import { insightsRoutes } from "./insights";
import { uploadRoutes } from "./upload";

/** Every `/v1/` route of the simulated API. */
export const apiRoutes: readonly ApiRoute[] = [
  ...accountRoutes,
  ...uploadRoutes,
  ...campaignRoutes,
  ...adGroupRoutes,
  ...adRoutes,
  ...insightsRoutes,
];
