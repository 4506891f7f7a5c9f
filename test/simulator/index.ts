import type { AddressInfo } from "node:net";
import { SimulatorControlClient } from "./control-client";
import { SimulatorCore } from "./core";
import { resolveOptions } from "./options";
import type { SimulatorOptions } from "./options";
import { apiRoutes } from "./routes";
import { createSimulatorServer } from "./server";

export { ControlError, SimulatorControlClient } from "./control-client";
export type { CampaignTree, RemoteImageSpec } from "./control-client";
export type { CallRecord } from "./call-log";
export type { FaultSpec, ActiveFault, FaultKind } from "./fault-injector";
export type { SimulatorOptions } from "./options";
export { DEFAULT_API_KEY } from "./options";
export type { BillingState, LedgerEntry, ReviewStatus } from "./state/model";
export {
  CAMPAIGN_TRANSITIONS,
  CHILD_TRANSITIONS,
  REVIEW_TRANSITIONS,
  STATE_MACHINE,
  decideCampaignAction,
  decideChildAction,
} from "./state-machine";
export { LIMITS } from "./validation/limits";

/** A started simulator. */
export interface RunningSimulator {
  port: number;
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `url + "/v1"`, the base URL a client uses. */
  apiBaseUrl: string;
  control: SimulatorControlClient;
  /** Stops the server and closes open sockets. */
  close(): Promise<void>;
}

/** Starts a simulator of the Thrad Advertiser API on 127.0.0.1. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<RunningSimulator> {
  const resolved = resolveOptions(options);
  const core = new SimulatorCore(resolved);
  const server = createSimulatorServer(core, apiRoutes);

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(resolved.port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });

  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  resolved.log(`Simulator listening on ${url}/v1`);

  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      server.close((error) => {
        resolved.log(`Simulator on ${url} stopped`);
        if (error) reject(error);
        else resolve();
      });
      server.closeAllConnections();
    });
    return closing;
  };

  return { port, url, apiBaseUrl: `${url}/v1`, control: new SimulatorControlClient(url), close };
}
