// A read-only smoke test against the real Thrad API. It runs only when both
// THRAD_LIVE_TESTS=1 and THRAD_ADS_API_KEY are set, and makes one GET /v1/ad_account call:
// nothing is created or charged.
import { describe, expect, it } from "vitest";
import { ThradClient } from "../../provider/client/thrad-client";
import { defaultBaseUrl } from "../../provider/config";

const apiKey = process.env["THRAD_ADS_API_KEY"];
const optedIn = process.env["THRAD_LIVE_TESTS"] === "1" && apiKey !== undefined;

describe.skipIf(!optedIn)("live Thrad API (opt-in)", () => {
  it("reads the ad account", async () => {
    const client = new ThradClient({ apiKey: apiKey ?? "", baseUrl: defaultBaseUrl });
    try {
      const account = await client.getAdAccount();
      expect(account.currency_code).toBe("USD");
      expect(account.timezone).toBe("UTC");
    } finally {
      await client.close();
    }
  });
});
