import type { CallRecord } from "./call-log";
import type { ActiveFault, FaultSpec } from "./fault-injector";
import type { BillingState, LedgerEntry, ReviewStatus } from "./state/model";

/** A campaign as `campaigns()` returns it: the API view plus children and internals. */
export interface CampaignTree extends Record<string, unknown> {
  id: string;
  status: string;
  review_status: ReviewStatus;
  review_reason: string | null;
  ad_groups: Array<
    Record<string, unknown> & {
      id: string;
      status: string;
      creative_type: string | null;
      ads: Array<Record<string, unknown> & { id: string; status: string }>;
    }
  >;
}

/** Raised when a control request fails; carries the HTTP status and the error body. */
export class ControlError extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, path: string, body: unknown) {
    super(`Simulator control request ${path} failed with HTTP ${status}: ${JSON.stringify(body)}`);
    this.name = "ControlError";
    this.status = status;
    this.body = body;
  }
}

type Fields = Record<string, unknown>;

/** A pretend response for one `image_url`; see `addRemoteImage`. */
export interface RemoteImageSpec {
  url: string;
  status?: number;
  imageBase64?: string;
  redirectTo?: string;
}

/** Typed client for the simulator's `/_sim/` control API. */
export class SimulatorControlClient {
  private readonly baseUrl: string;

  /** `baseUrl` is the server root, such as `http://127.0.0.1:8787`. */
  constructor(baseUrl: string) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
  }

  /** Sets the campaign's review as Thrad staff would. */
  setReview(campaignId: string, reviewStatus: ReviewStatus, reason?: string): Promise<Fields> {
    const body =
      reason === undefined
        ? { review_status: reviewStatus }
        : { review_status: reviewStatus, reason };
    return this.post(`/_sim/campaigns/${encodeURIComponent(campaignId)}/review`, body);
  }

  setBilling(state: BillingState): Promise<{ state: BillingState }> {
    return this.post("/_sim/billing", { state });
  }

  /** Dashboard edit: changes fields (also `status`, including `archived`) without API checks. */
  editCampaign(id: string, fields: Fields): Promise<Fields> {
    return this.post(`/_sim/campaigns/${encodeURIComponent(id)}`, fields);
  }

  editAdGroup(id: string, fields: Fields): Promise<Fields> {
    return this.post(`/_sim/ad_groups/${encodeURIComponent(id)}`, fields);
  }

  editAd(id: string, fields: Fields): Promise<Fields> {
    return this.post(`/_sim/ads/${encodeURIComponent(id)}`, fields);
  }

  async ledger(): Promise<LedgerEntry[]> {
    return (await this.get<{ data: LedgerEntry[] }>("/_sim/ledger")).data;
  }

  async calls(): Promise<CallRecord[]> {
    return (await this.get<{ data: CallRecord[] }>("/_sim/calls")).data;
  }

  async resetCalls(): Promise<void> {
    await this.post("/_sim/calls/reset", {});
  }

  /** Moves the simulated clock forward; returns the new time in Unix seconds. */
  async advanceClock(seconds: number): Promise<number> {
    return (await this.post<{ now: number }>("/_sim/clock/advance", { seconds })).now;
  }

  async now(): Promise<number> {
    return (await this.get<{ now: number }>("/_sim/clock")).now;
  }

  injectFault(spec: FaultSpec): Promise<ActiveFault> {
    return this.post("/_sim/faults", spec);
  }

  async clearFaults(): Promise<void> {
    await this.post("/_sim/faults/clear", {});
  }

  async campaigns(): Promise<CampaignTree[]> {
    return (await this.get<{ data: CampaignTree[] }>("/_sim/campaigns")).data;
  }

  async save(): Promise<void> {
    await this.post("/_sim/save", {});
  }

  /**
   * Registers what a pretend remote host returns for `url`, so `image_url` uploads of it
   * succeed (2xx with `imageBase64`), fail (other statuses) or redirect (`redirectTo`).
   */
  addRemoteImage(image: RemoteImageSpec): Promise<Fields> {
    const body = {
      url: image.url,
      status: image.status ?? 200,
      image_base64: image.imageBase64 ?? "",
      redirect_to: image.redirectTo ?? null,
    };
    return this.post("/_sim/remote_images", body);
  }

  async clearRemoteImages(): Promise<void> {
    await this.post("/_sim/remote_images/clear", {});
  }

  /** Mints a new API key; the old keys keep working for the rotation grace period. */
  rotateKey(): Promise<{ key: string; previous_keys_expire_at: number }> {
    return this.post("/_sim/keys/rotate", {});
  }

  async revokeKey(key: string): Promise<boolean> {
    return (await this.post<{ revoked: boolean }>("/_sim/keys/revoke", { key })).revoked;
  }

  private get<T>(path: string): Promise<T> {
    return this.send<T>("GET", path, undefined);
  }

  private post<T>(path: string, body: unknown): Promise<T> {
    return this.send<T>("POST", path, body);
  }

  private async send<T>(method: string, path: string, body: unknown): Promise<T> {
    const init: RequestInit = { method };
    if (body !== undefined) {
      init.headers = { "Content-Type": "application/json" };
      init.body = JSON.stringify(body);
    }
    const response = await fetch(`${this.baseUrl}${path}`, init);
    const parsed: unknown = await response.json();
    if (!response.ok) throw new ControlError(response.status, path, parsed);
    return parsed as T;
  }
}
