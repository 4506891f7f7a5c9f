// Malformed API responses through the client and the campaign provider. Missing fields,
// unexpected enum values, HTML pages, truncated or empty JSON and broken error bodies each end
// in a typed error with a clear message, never a TypeError or a crash.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { campaignProvider } from "../../provider/campaign/provider";
import type { CampaignOutputs } from "../../provider/campaign/inputs";
import { ThradApiError, ThradResponseFormatError } from "../../provider/client/errors";
import { ThradClient } from "../../provider/client/thrad-client";
import { configure } from "../../provider/config";

type Reply = (request: IncomingMessage, response: ServerResponse) => void;

const apiKey = "ak_fault_malformed_key_7e30";
let server: Server;
let baseUrl = "";
let reply: Reply = () => {};
let requests = 0;

beforeAll(async () => {
  server = createServer((request, response) => {
    requests++;
    request.resume();
    reply(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
  configure({ get: (key) => ({ "thrad:apiKey": apiKey, "thrad:baseUrl": baseUrl })[key] });
});

afterAll(async () => {
  configure(undefined);
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

afterEach(() => {
  requests = 0;
});

function send(status: number, body: string, type = "application/json"): Reply {
  return (_request, response) => {
    response.writeHead(status, { "content-type": type });
    response.end(body);
  };
}

const campaign = {
  id: "c1",
  name: "Malformed",
  status: "paused",
  review_status: "in_review",
  start_time: 1,
  end_time: null,
  budget: { lifetime_spend_limit_micros: 990_000 },
};
const withoutStatus = Object.fromEntries(
  Object.entries(campaign).filter(([key]) => key !== "status"),
);

function newClient(): ThradClient {
  return new ThradClient({
    apiKey,
    baseUrl,
    maxRetries: 1,
    minRetryDelayMs: 5,
    maxRetryDelayMs: 10,
    log: () => {},
  });
}

const cases: [string, Reply, RegExp][] = [
  ["missing status", send(200, JSON.stringify(withoutStatus)), /unexpected body: status:/],
  [
    "unexpected review status",
    send(200, JSON.stringify({ ...campaign, review_status: "escalated" })),
    /unexpected body: review_status:/,
  ],
  [
    "budget as a string",
    send(200, JSON.stringify({ ...campaign, budget: { lifetime_spend_limit_micros: "990000" } })),
    /unexpected body: budget\.lifetime_spend_limit_micros:/,
  ],
  [
    "micros as a float",
    send(200, JSON.stringify({ ...campaign, budget: { lifetime_spend_limit_micros: 0.99 } })),
    /budget\.lifetime_spend_limit_micros/,
  ],
  ["empty id", send(200, JSON.stringify({ ...campaign, id: "" })), /unexpected body: id:/],
  [
    "HTML page with 200",
    send(200, "<!doctype html><title>Login</title>", "text/html"),
    /HTTP 200 with a body that is not JSON: <!doctype html>/,
  ],
  [
    "HTML page with 500",
    send(500, "<html><body>Internal Server Error</body></html>", "text/html"),
    /failed with HTTP 500 and a body that is not an API error: <html>/,
  ],
  ["truncated JSON", send(200, '{"id": "c1", "name": "Malfo'), /not JSON: \{"id": "c1"/],
  ["empty body", send(200, ""), /not JSON: \(empty body\)/],
  ["null body", send(200, "null"), /unexpected body: \(body\):/],
  ["a list where an object belongs", send(200, "[]"), /unexpected body: \(body\):/],
  [
    "error body without a message",
    send(400, JSON.stringify({ error: { code: "x" } })),
    /HTTP 400 and a body that is not an API error/,
  ],
  [
    "error body as plain text",
    send(400, "Bad Request", "text/plain"),
    /HTTP 400 and a body that is not an API error: Bad Request/,
  ],
  [
    "429 with an HTML body",
    send(429, "<h1>Too many</h1>", "text/html"),
    /HTTP 429 and a body that is not an API error/,
  ],
];

describe("malformed responses", () => {
  it.each(cases)("%s gives a clear error", async (_name, mangled, message) => {
    reply = mangled;
    const client = newClient();
    const error = await client.getCampaign("c1").catch((caught: unknown) => caught);
    await client.close();

    expect(error).toBeInstanceOf(ThradResponseFormatError);
    expect((error as Error).message).toMatch(/^GET \/campaigns\/c1 /);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain(apiKey);
  });

  it("a list without data gives a clear error", async () => {
    reply = send(200, JSON.stringify({ object: "list", has_more: false }));
    const client = newClient();
    await expect(client.listAdGroups("c1")).rejects.toThrow(
      /GET \/ad_groups returned an unexpected body: data:/,
    );
    await client.close();
  });

  it("a list whose items are malformed names the item", async () => {
    reply = send(200, JSON.stringify({ object: "list", data: [{ id: "g1" }], has_more: false }));
    const client = newClient();
    await expect(client.listAdGroups("c1")).rejects.toThrow(/unexpected body: data\.0\./);
    await client.close();
  });

  it("a well-formed API error keeps its code", async () => {
    reply = send(
      400,
      JSON.stringify({
        error: { message: "Bad value.", type: null, param: "name", code: "invalid_value" },
      }),
    );
    const client = newClient();
    const error = await client.getCampaign("c1").catch((caught: unknown) => caught);
    await client.close();
    expect(error).toBeInstanceOf(ThradApiError);
    expect((error as ThradApiError).code).toBe("invalid_value");
    expect((error as Error).message).toMatch(/\(param: name\)/);
  });
});

describe("malformed responses through the campaign provider", () => {
  const stored = { ...campaign, campaignId: "c1", adGroups: [] } as unknown as CampaignOutputs;

  it.each(cases.slice(0, 11))(
    "read with %s rejects with the reason",
    async (_name, mangled, message) => {
      reply = mangled;
      const error = await campaignProvider.read("c1", stored).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toBeInstanceOf(TypeError);
      expect((error as Error).message).toMatch(/^Reading campaign c1 failed: GET \/campaigns\/c1 /);
      expect((error as Error).message).toMatch(message);
      expect(requests).toBeGreaterThan(0);
    },
  );

  it("delete with truncated JSON rejects with the reason", async () => {
    reply = send(200, '{"id": "c1", "status": "act');
    await expect(campaignProvider.delete("c1", stored)).rejects.toThrow(
      /Archiving campaign c1 failed: POST \/campaigns\/c1\/archive returned HTTP 200 with a body that is not JSON/,
    );
  });
});
