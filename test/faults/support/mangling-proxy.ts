/**
 * An HTTP proxy on 127.0.0.1 in front of the simulator. It responds to chosen requests itself with
 * a malformed body (HTML, truncated JSON) and forwards every other request unchanged.
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface MangledReply {
  status: number;
  contentType: string;
  body: string;
}

export interface ManglingProxy {
  /** `http://127.0.0.1:<port>/v1` */
  apiBaseUrl: string;
  /** Replaces the rule that picks which requests get a malformed response. */
  mangle(rule: ((method: string, path: string) => MangledReply | undefined) | undefined): void;
  /** Requests the rule has responded to so far. */
  mangledCount(): number;
  close(): Promise<void>;
}

export async function startManglingProxy(simulatorUrl: string): Promise<ManglingProxy> {
  const target = new URL(simulatorUrl);
  let rule: ((method: string, path: string) => MangledReply | undefined) | undefined;
  let mangled = 0;

  const forward = (incoming: IncomingMessage, outgoing: ServerResponse) => {
    const upstream = request(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on("error", () => outgoing.destroy());
    incoming.pipe(upstream);
  };

  const server = createServer((incoming, outgoing) => {
    const path = new URL(incoming.url ?? "/", "http://127.0.0.1").pathname;
    const reply = rule?.(incoming.method ?? "GET", path);
    if (!reply) {
      forward(incoming, outgoing);
      return;
    }
    mangled++;
    incoming.resume();
    outgoing.writeHead(reply.status, { "content-type": reply.contentType });
    outgoing.end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    apiBaseUrl: `http://127.0.0.1:${port}/v1`,
    mangle: (next) => {
      rule = next;
    },
    mangledCount: () => mangled,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
