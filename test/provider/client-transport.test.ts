// The client's transport against a scripted HTTP server on 127.0.0.1: error shapes, retries,
// malformed bodies, and the key never showing in an error.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  ThradApiError,
  ThradAuthenticationError,
  ThradConnectionError,
  ThradResponseFormatError,
} from "../../provider/client/errors";
import { ThradClient } from "../../provider/client/thrad-client";

type Reply = (request: IncomingMessage, response: ServerResponse) => void;

const secretKey = "ak_secret_value_that_must_not_leak";
let server: Server | undefined;
let received: { method: string; url: string; idempotencyKey: string | undefined }[] = [];

afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  received = [];
});

async function clientAgainst(replies: Reply[]): Promise<ThradClient> {
  let index = 0;
  server = createServer((request, response) => {
    received.push({
      method: request.method ?? "",
      url: request.url ?? "",
      idempotencyKey: request.headers["idempotency-key"] as string | undefined,
    });
    request.resume();
    const reply = replies[Math.min(index++, replies.length - 1)]!;
    reply(request, response);
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  const port = (server!.address() as AddressInfo).port;
  return new ThradClient({
    apiKey: secretKey,
    baseUrl: `http://127.0.0.1:${port}/v1`,
    minRetryDelayMs: 10,
    maxRetryDelayMs: 50,
    requestTimeoutMs: 2_000,
  });
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return (_request, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(JSON.stringify(body));
  };
}

const account = { id: "acc", name: "", url: "", timezone: "UTC", currency_code: "USD" };
const apiError = (code: string, message: string) => ({
  error: { message, type: "invalid_request_error", param: null, code },
});

describe("Thrad client transport", () => {
  it("sends the key as a bearer header", async () => {
    let authorization: string | undefined;
    const client = await clientAgainst([
      (request, response) => {
        authorization = request.headers.authorization;
        json(200, account)(request, response);
      },
    ]);
    await client.getAdAccount();
    expect(authorization).toBe(`Bearer ${secretKey}`);
  });

  it("maps a 401 to an authentication error without the key", async () => {
    const client = await clientAgainst([
      json(401, {
        error: {
          message: "Invalid API key.",
          type: "authentication_error",
          param: null,
          code: "invalid_api_key",
        },
      }),
    ]);
    const error = await client.getAdAccount().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThradAuthenticationError);
    expect((error as ThradApiError).code).toBe("invalid_api_key");
    expect(String((error as Error).message)).not.toContain(secretKey);
    expect(received).toHaveLength(1);
  });

  it("retries a GET after 503 and honours Retry-After", async () => {
    const client = await clientAgainst([
      json(503, apiError("unavailable", "try later"), { "retry-after": "0" }),
      json(200, account),
    ]);
    await expect(client.getAdAccount()).resolves.toMatchObject({ id: "acc" });
    expect(received).toHaveLength(2);
  });

  it("retries a keyed POST with the same key", async () => {
    const campaign = {
      id: "c1",
      name: "n",
      status: "paused",
      review_status: "in_review",
      start_time: 1,
      end_time: null,
      budget: { lifetime_spend_limit_micros: 990_000 },
    };
    const client = await clientAgainst([
      json(500, apiError("server_error", "boom")),
      json(201, campaign),
    ]);
    const body = { name: "n", budget: { lifetime_spend_limit_micros: 990_000 }, ad_groups: [] };
    await client.createCampaign(body, "key-1");
    expect(received.map((call) => call.idempotencyKey)).toEqual(["key-1", "key-1"]);
  });

  it("never retries a POST without a key", async () => {
    const client = await clientAgainst([json(500, apiError("server_error", "boom"))]);
    await expect(client.campaignAction("c1", "pause")).rejects.toBeInstanceOf(ThradApiError);
    expect(received).toHaveLength(1);
  });

  it("does not retry a 400", async () => {
    const client = await clientAgainst([json(400, apiError("invalid_value", "bad"))]);
    await expect(client.getCampaign("c1")).rejects.toMatchObject({ status: 400 });
    expect(received).toHaveLength(1);
  });

  it("reports an HTML error page clearly", async () => {
    const client = await clientAgainst([
      (_request, response) => {
        response.writeHead(502, { "content-type": "text/html" });
        response.end("<html><body>Bad gateway</body></html>");
      },
    ]);
    const error = await client.getCampaign("c1").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThradResponseFormatError);
    expect((error as Error).message).toMatch(/HTTP 502.*Bad gateway/);
    expect(received).toHaveLength(5);
  });

  it("reports truncated JSON clearly", async () => {
    const client = await clientAgainst([
      (_request, response) => {
        response.writeHead(200, { "content-type": "application/json" });
        response.end('{"id": "c1", "name": ');
      },
    ]);
    await expect(client.getCampaign("c1")).rejects.toThrow(/not JSON/);
  });

  it("reports a missing field and an unexpected enum value", async () => {
    const client = await clientAgainst([json(200, { id: "c1", status: "deleted" })]);
    await expect(client.getCampaign("c1")).rejects.toThrow(/unexpected body.*status/);
  });

  it("reports a refused connection as a connection error", async () => {
    const client = new ThradClient({
      apiKey: secretKey,
      baseUrl: "http://127.0.0.1:9/v1",
      maxRetries: 0,
    });
    const error = await client.getAdAccount().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ThradConnectionError);
    expect((error as Error).message).not.toContain(secretKey);
  });
});
