import { afterEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { campaignBody, uploadPng } from "./testing/fixtures";
import { callApi } from "./testing/http";

let simulator: RunningSimulator | undefined;

afterEach(async () => {
  await simulator?.close();
  simulator = undefined;
});

describe("rate limits", () => {
  it("refuses the request over the window limit with Retry-After", async () => {
    simulator = await startSimulator({
      clock: { start: 1_800_000_000, frozen: true },
      rateLimits: { windowSeconds: 60, requestsPerWindow: 3 },
    });
    for (let index = 0; index < 3; index += 1) {
      expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(200);
    }
    const refused = await callApi(simulator, "GET", "/ad_account");

    expect(refused.status).toBe(429);
    expect(refused.body.error).toMatchObject({
      type: "rate_limit_error",
      code: "rate_limit_exceeded",
      param: null,
    });
    expect(refused.headers.get("retry-after")).toBe("60");

    await simulator.control.advanceClock(59);
    expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(429);
    await simulator.control.advanceClock(1);
    expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(200);
  });

  it("slides the window instead of resetting it", async () => {
    simulator = await startSimulator({
      clock: { start: 1_800_000_000, frozen: true },
      rateLimits: { windowSeconds: 100, requestsPerWindow: 2 },
    });
    await callApi(simulator, "GET", "/ad_account");
    await simulator.control.advanceClock(50);
    await callApi(simulator, "GET", "/ad_account");
    await simulator.control.advanceClock(50);

    expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(200);
    const refused = await callApi(simulator, "GET", "/ad_account");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
  });

  it("counts per API key", async () => {
    simulator = await startSimulator({
      apiKeys: ["ak_one", "ak_two"],
      rateLimits: { requestsPerWindow: 1 },
    });
    expect((await callApi(simulator, "GET", "/ad_account", { key: "ak_one" })).status).toBe(200);
    expect((await callApi(simulator, "GET", "/ad_account", { key: "ak_one" })).status).toBe(429);
    expect((await callApi(simulator, "GET", "/ad_account", { key: "ak_two" })).status).toBe(200);
  });

  it("does not count unauthenticated requests", async () => {
    simulator = await startSimulator({ rateLimits: { requestsPerWindow: 1 } });
    for (let index = 0; index < 3; index += 1) {
      expect((await callApi(simulator, "GET", "/ad_account", { key: null })).status).toBe(401);
    }
    expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(200);
  });

  it("limits POST /v1/campaigns separately", async () => {
    simulator = await startSimulator({
      clock: { start: 1_800_000_000, frozen: true },
      rateLimits: { windowSeconds: 3600, requestsPerWindow: 100, campaignCreatesPerWindow: 2 },
    });
    const fileId = await uploadPng(simulator);
    const create = () => callApi(simulator!, "POST", "/campaigns", { body: campaignBody(fileId) });

    expect((await create()).status).toBe(201);
    expect((await create()).status).toBe(201);
    const refused = await create();
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe("rate_limit_exceeded");
    expect(refused.headers.get("retry-after")).toBe("3600");
    expect((await callApi(simulator, "GET", "/campaigns")).status).toBe(200);
    expect(await simulator.control.ledger()).toHaveLength(2);

    await simulator.control.advanceClock(3600);
    expect((await create()).status).toBe(201);
  });

  it("runs an hour of the default limits in simulated time", async () => {
    simulator = await startSimulator({
      clock: { start: 1_800_000_000, frozen: true },
      rateLimits: { requestsPerWindow: 20 },
    });
    let accepted = 0;
    for (let index = 0; index < 25; index += 1) {
      if ((await callApi(simulator, "GET", "/ad_account")).status === 200) accepted += 1;
    }
    expect(accepted).toBe(20);

    await simulator.control.advanceClock(3600);
    expect((await callApi(simulator, "GET", "/ad_account")).status).toBe(200);
  });
});
