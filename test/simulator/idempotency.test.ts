import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSimulator } from "./index";
import type { RunningSimulator } from "./index";
import { campaignBody, imageForm, pngBytes, uploadPng } from "./testing/fixtures";
import { callApi } from "./testing/http";

let simulator: RunningSimulator;
let fileId: string;

beforeEach(async () => {
  simulator = await startSimulator({
    apiKeys: ["ak_sim_local_key", "ak_other_key"],
    clock: { start: 1_800_000_000, frozen: true },
    idempotencyTtlSeconds: 600,
  });
  fileId = await uploadPng(simulator);
});
afterEach(async () => {
  await simulator.close();
});

function createWithKey(key: string, body: unknown = campaignBody(fileId), apiKey?: string) {
  const options = apiKey === undefined ? {} : { key: apiKey };
  return callApi(simulator, "POST", "/campaigns", { body, idempotencyKey: key, ...options });
}

describe("Idempotency-Key", () => {
  it("replays the first response without a second charge", async () => {
    const first = await createWithKey("key-1");
    const second = await createWithKey("key-1");

    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    expect(second.status).toBe(201);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body).toEqual(first.body);
    expect(await simulator.control.ledger()).toHaveLength(1);
    expect(await simulator.control.campaigns()).toHaveLength(1);

    const calls = await simulator.control.calls();
    const creates = calls.filter((call) => call.path === "/v1/campaigns");
    expect(creates.map((call) => call.replayed)).toEqual([false, true]);
    expect(creates.map((call) => call.charged)).toEqual([true, false]);
  });

  it("treats reordered JSON keys as the same body", async () => {
    const body = campaignBody(fileId);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    await createWithKey("key-order", body);
    const replay = await createWithKey("key-order", reordered);

    expect(replay.headers.get("idempotent-replayed")).toBe("true");
  });

  it("rejects the same key with another body", async () => {
    await createWithKey("key-2");
    const conflict = await createWithKey("key-2", campaignBody(fileId, { name: "Other name" }));

    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe("idempotency_key_reused");
    expect(await simulator.control.ledger()).toHaveLength(1);
  });

  it("rejects the same key on another path", async () => {
    const created = await createWithKey("key-path");
    const other = await callApi(simulator, "POST", `/campaigns/${created.body.id}/archive`, {
      idempotencyKey: "key-path",
    });

    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe("idempotency_key_reused");
  });

  it("does not store a 4xx first attempt", async () => {
    await simulator.control.setBilling("declined");
    const declined = await createWithKey("key-3");
    await simulator.control.setBilling("ok");
    const retried = await createWithKey("key-3");

    expect(declined.status).toBe(402);
    expect(retried.status).toBe(201);
    expect(retried.headers.get("idempotent-replayed")).toBeNull();
    const ledger = await simulator.control.ledger();
    expect(ledger.map((entry) => entry.status)).toEqual(["declined", "charged"]);
  });

  it("scopes keys per API key", async () => {
    const mine = await createWithKey("shared-key");
    const theirs = await createWithKey("shared-key", campaignBody(fileId), "ak_other_key");

    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(theirs.headers.get("idempotent-replayed")).toBeNull();
    expect(theirs.body.id).not.toBe(mine.body.id);
    expect(await simulator.control.ledger()).toHaveLength(2);
  });

  it("forgets a key after the TTL", async () => {
    const first = await createWithKey("key-ttl");
    await simulator.control.advanceClock(600);
    const second = await createWithKey("key-ttl");

    expect(second.status).toBe(201);
    expect(second.body.id).not.toBe(first.body.id);
    expect(await simulator.control.ledger()).toHaveLength(2);
  });

  it("replays an upload with a new multipart boundary", async () => {
    const first = await callApi(simulator, "POST", "/upload", {
      form: imageForm(pngBytes()),
      idempotencyKey: "upload-1",
    });
    const second = await callApi(simulator, "POST", "/upload", {
      form: imageForm(pngBytes()),
      idempotencyKey: "upload-1",
    });

    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.body.file_id).toBe(first.body.file_id);
  });

  it("replays status actions too", async () => {
    const created = await createWithKey("key-create");
    const archive = () =>
      callApi(simulator, "POST", `/campaigns/${created.body.id}/archive`, {
        idempotencyKey: "key-archive",
      });
    const first = await archive();
    const second = await archive();

    expect(first.status).toBe(200);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
  });

  it("rejects a key over 255 characters", async () => {
    const result = await createWithKey("k".repeat(256));

    expect(result.status).toBe(400);
    expect(result.body.error.code).toBe("invalid_value");
    expect(result.body.error.param).toBe("Idempotency-Key");
  });

  it("rejects a concurrent duplicate while the first runs", async () => {
    await simulator.control.injectFault({
      kind: "latency",
      latency_ms: 300,
      route: "POST /v1/campaigns",
      count: 1,
    });
    const [first, second] = await Promise.all([
      createWithKey("key-race"),
      new Promise((resolve) => setTimeout(resolve, 50)).then(() => createWithKey("key-race")),
    ]);

    // The delayed first request is still running when the second arrives.
    expect(first.status).toBe(201);
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe("idempotency_key_in_use");
    expect(await simulator.control.ledger()).toHaveLength(1);
  });
});
