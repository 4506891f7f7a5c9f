import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { callApi } from "./testing/http";

let simulator: RunningSimulator;

beforeEach(async () => {
  simulator = await startSimulator({ clock: { start: 1_800_000_000, frozen: true } });
});
afterEach(async () => {
  await simulator.close();
});

describe("bearer authentication", () => {
  const cases: Array<{ name: string; headers: Record<string, string>; code: string }> = [
    { name: "no header", headers: {}, code: "auth_required" },
    { name: "empty header", headers: { Authorization: "" }, code: "auth_required" },
    { name: "unknown key", headers: { Authorization: "Bearer ak_wrong" }, code: "invalid_api_key" },
    {
      name: "no ak_ prefix",
      headers: { Authorization: "Bearer sk_sim_local_key" },
      code: "invalid_api_key",
    },
    {
      name: "basic scheme",
      headers: { Authorization: "Basic ak_sim_local_key" },
      code: "invalid_api_key",
    },
    { name: "bearer without key", headers: { Authorization: "Bearer" }, code: "invalid_api_key" },
  ];

  for (const testCase of cases) {
    it(`rejects ${testCase.name} with ${testCase.code}`, async () => {
      const result = await callApi(simulator, "GET", "/ad_account", {
        key: null,
        headers: testCase.headers,
      });

      expect(result.status).toBe(401);
      expect(result.body.error.type).toBe("authentication_error");
      expect(result.body.error.code).toBe(testCase.code);
      expect(result.body.error.param).toBeNull();
      expect(typeof result.body.error.message).toBe("string");
      expect(Object.keys(result.body)).toEqual(["error"]);
      expect(JSON.stringify(result.body)).not.toContain("ak_");
    });
  }

  it("accepts any configured key", async () => {
    await simulator.close();
    simulator = await startSimulator({ apiKeys: ["ak_first", "ak_second"] });

    expect((await callApi(simulator, "GET", "/ad_account", { key: "ak_first" })).status).toBe(200);
    expect((await callApi(simulator, "GET", "/ad_account", { key: "ak_second" })).status).toBe(200);
    const old = await callApi(simulator, "GET", "/ad_account", { key: "ak_sim_local_key" });
    expect(old.status).toBe(401);
  });

  it("checks the key before the route", async () => {
    const result = await callApi(simulator, "GET", "/no_such_route", { key: null });

    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe("auth_required");
  });
});

describe("GET /v1/ad_account", () => {
  it("returns the account object", async () => {
    const result = await callApi(simulator, "GET", "/ad_account");

    expect(result.status).toBe(200);
    expect(result.body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(result.body.timezone).toBe("UTC");
    expect(result.body.currency_code).toBe("USD");
    expect(typeof result.body.name).toBe("string");
    expect(typeof result.body.url).toBe("string");
    expect("preview_url" in result.body).toBe(false);
  });

  it("includes preview_url when the account has a logo", async () => {
    await simulator.close();
    simulator = await startSimulator({ account: { previewUrl: "https://cdn.example/logo.png" } });

    const result = await callApi(simulator, "GET", "/ad_account");
    expect(result.body.preview_url).toBe("https://cdn.example/logo.png");
  });
});

describe("key rotation", () => {
  it("keeps the old key for the grace period", async () => {
    const rotated = await simulator.control.rotateKey();

    expect(rotated.key).toMatch(/^ak_sim_[0-9a-f]{32}$/);
    expect(rotated.previous_keys_expire_at).toBe(1_800_000_000 + 1800);
    expect((await callApi(simulator, "GET", "/ad_account", { key: rotated.key })).status).toBe(200);
    expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(200);

    await simulator.control.advanceClock(1800);
    const expired = await callApi(simulator, "GET", "/ad_account");
    expect(expired.status).toBe(401);
    expect(expired.body.error.code).toBe("invalid_api_key");
    expect((await callApi(simulator, "GET", "/ad_account", { key: rotated.key })).status).toBe(200);
  });

  it("revokes a key at once", async () => {
    expect(await simulator.control.revokeKey("ak_sim_local_key")).toBe(true);

    const result = await callApi(simulator, "GET", "/ad_account");
    expect(result.status).toBe(401);
    expect(result.body.error.code).toBe("invalid_api_key");
    expect(await simulator.control.revokeKey("ak_sim_local_key")).toBe(false);
  });
});

describe("unknown routes", () => {
  const paths = ["/no_such_route", "/campaigns/", "/ad_account/extra", "/campaigns/%zz"];
  for (const path of paths) {
    it(`returns 404 not_found for GET ${path}`, async () => {
      const result = await callApi(simulator, "GET", path);

      expect(result.status).toBe(404);
      expect(result.body.error.code).toBe("not_found");
      expect(result.body.error.type).toBe("invalid_request_error");
    });
  }

  it("returns 404 outside /v1/ without logging", async () => {
    const response = await fetch(`${simulator.url}/campaigns`);
    const body = (await response.json()) as { error: { code: string } };

    expect(response.status).toBe(404);
    expect(body.error.code).toBe("not_found");
    expect(await simulator.control.calls()).toEqual([]);
  });

  it("closes twice without error", async () => {
    const extra = await startSimulator();
    await extra.close();

    await expect(extra.close()).resolves.toBeUndefined();
  });

  it("returns 404 for a wrong method", async () => {
    const result = await callApi(simulator, "POST", "/ad_account", { body: {} });

    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe("not_found");
  });
});
