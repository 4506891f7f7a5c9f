import type { ApiRoute } from "./handler";

export const accountRoutes: ApiRoute[] = [
  {
    method: "GET",
    pattern: "/v1/ad_account",
    handler: (_request, core) => ({ status: 200, body: { ...core.store.state.account } }),
  },
];
