import { afterEach, describe, expect, it } from "vitest";
import { baseUrlProblem, configure, getClient, resolveSettings } from "../../provider/config";

afterEach(() => configure(undefined));

describe("provider settings", () => {
  it("prefers stack config over the environment", () => {
    configure({ get: (key) => (key === "thrad:apiKey" ? "ak_from_config" : undefined) });
    const settings = resolveSettings({ THRAD_ADS_API_KEY: "ak_from_env" });
    expect(settings.apiKey).toBe("ak_from_config");
  });

  it("falls back to the environment", () => {
    const settings = resolveSettings({ THRAD_ADS_API_KEY: "ak_env", THRAD_BASE_URL: "https://h" });
    expect(settings).toEqual({ apiKey: "ak_env", baseUrl: "https://h" });
  });

  it("accepts https and loopback http only", () => {
    expect(baseUrlProblem("https://api.thrad.ai/v1")).toBeUndefined();
    expect(baseUrlProblem("http://127.0.0.1:8787/v1")).toBeUndefined();
    expect(baseUrlProblem("http://api.thrad.ai/v1")).toMatch(/must use https/);
    expect(baseUrlProblem("not a url")).toMatch(/not a valid URL/);
  });

  it("names both key sources when the key is missing", () => {
    const saved = process.env["THRAD_ADS_API_KEY"];
    delete process.env["THRAD_ADS_API_KEY"];
    try {
      expect(() => getClient()).toThrow(/thrad:apiKey.*THRAD_ADS_API_KEY/);
    } finally {
      if (saved !== undefined) {
        process.env["THRAD_ADS_API_KEY"] = saved;
      }
    }
  });
});
