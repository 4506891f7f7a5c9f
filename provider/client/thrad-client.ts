/**
 * A small typed client for the Thrad Advertiser API: one method per endpoint the provider uses,
 * each response checked against its zod schema.
 */
import type { z } from "zod";
import type { AdBody, AdGroupBody, CampaignCreateBody, CampaignFieldsBody } from "./bodies";
import { ThradResponseFormatError } from "./errors";
import {
  adAccountSchema,
  adGroupSchema,
  adSchema,
  campaignSchema,
  listSchema,
  uploadedFileSchema,
  type Ad,
  type AdAccount,
  type AdGroup,
  type Campaign,
  type UploadedFile,
} from "./schemas";
import { Transport, type ApiRequest, type TransportOptions } from "./transport";

export type ClientOptions = TransportOptions;

/** The result of a create, which may be the replay of an earlier request with the same key. */
export interface CreateResult<T> {
  value: T;
  replayed: boolean;
}

export type StatusAction = "activate" | "pause" | "archive";

const maxListPages = 100;

export class ThradClient {
  private readonly transport: Transport;

  constructor(options: ClientOptions) {
    this.transport = new Transport(options);
  }

  getAdAccount(): Promise<AdAccount> {
    return this.call({ method: "GET", path: "/ad_account" }, adAccountSchema);
  }

  /** Uploads an image as multipart form data and returns its `file_id`. */
  async uploadFile(
    bytes: Buffer,
    filename: string,
    contentType: string,
    idempotencyKey: string,
  ): Promise<UploadedFile> {
    const form = new FormData();
    form.set("file", new Blob([bytes], { type: contentType }), filename);
    // Encoding the form once gives a body that a retry can send again byte for byte.
    const encoded = new Response(form);
    const raw = {
      body: Buffer.from(await encoded.arrayBuffer()),
      contentType: encoded.headers.get("content-type") ?? "multipart/form-data",
    };
    return this.call({ method: "POST", path: "/upload", raw, idempotencyKey }, uploadedFileSchema);
  }

  /** Sends the nested create, the call that charges the deposit. */
  async createCampaign(
    body: CampaignCreateBody,
    idempotencyKey: string,
  ): Promise<CreateResult<Campaign>> {
    const apiRequest: ApiRequest = {
      method: "POST",
      path: "/campaigns",
      json: body,
      idempotencyKey,
    };
    const response = await this.transport.send(apiRequest);
    return { value: parse(apiRequest, campaignSchema, response.body), replayed: response.replayed };
  }

  listCampaigns(): Promise<Campaign[]> {
    return this.listAll("/campaigns", {}, campaignSchema);
  }

  getCampaign(id: string): Promise<Campaign> {
    return this.call(
      { method: "GET", path: `/campaigns/${encodeURIComponent(id)}` },
      campaignSchema,
    );
  }

  updateCampaign(id: string, fields: CampaignFieldsBody): Promise<Campaign> {
    const path = `/campaigns/${encodeURIComponent(id)}`;
    return this.call({ method: "POST", path, json: fields }, campaignSchema);
  }

  campaignAction(id: string, action: StatusAction): Promise<Campaign> {
    const path = `/campaigns/${encodeURIComponent(id)}/${action}`;
    return this.call({ method: "POST", path }, campaignSchema);
  }

  listAdGroups(campaignId: string): Promise<AdGroup[]> {
    return this.listAll("/ad_groups", { campaign_id: campaignId }, adGroupSchema);
  }

  getAdGroup(id: string): Promise<AdGroup> {
    return this.call(
      { method: "GET", path: `/ad_groups/${encodeURIComponent(id)}` },
      adGroupSchema,
    );
  }

  createAdGroup(campaignId: string, body: AdGroupBody, idempotencyKey: string): Promise<AdGroup> {
    const json = { campaign_id: campaignId, ...body };
    return this.call({ method: "POST", path: "/ad_groups", json, idempotencyKey }, adGroupSchema);
  }

  updateAdGroup(id: string, fields: Partial<AdGroupBody> & { status?: string }): Promise<AdGroup> {
    const path = `/ad_groups/${encodeURIComponent(id)}`;
    return this.call({ method: "POST", path, json: fields }, adGroupSchema);
  }

  adGroupAction(id: string, action: StatusAction): Promise<AdGroup> {
    const path = `/ad_groups/${encodeURIComponent(id)}/${action}`;
    return this.call({ method: "POST", path }, adGroupSchema);
  }

  listAds(adGroupId: string): Promise<Ad[]> {
    return this.listAll("/ads", { ad_group_id: adGroupId }, adSchema);
  }

  getAd(id: string): Promise<Ad> {
    return this.call({ method: "GET", path: `/ads/${encodeURIComponent(id)}` }, adSchema);
  }

  createAd(adGroupId: string, body: AdBody, idempotencyKey: string): Promise<Ad> {
    const json = { ad_group_id: adGroupId, ...body };
    return this.call({ method: "POST", path: "/ads", json, idempotencyKey }, adSchema);
  }

  updateAd(id: string, fields: Partial<AdBody> & { status?: string }): Promise<Ad> {
    const path = `/ads/${encodeURIComponent(id)}`;
    return this.call({ method: "POST", path, json: fields }, adSchema);
  }

  adAction(id: string, action: StatusAction): Promise<Ad> {
    return this.call(
      { method: "POST", path: `/ads/${encodeURIComponent(id)}/${action}` },
      adSchema,
    );
  }

  close(): Promise<void> {
    return this.transport.close();
  }

  private async call<S extends z.ZodType>(apiRequest: ApiRequest, schema: S): Promise<z.infer<S>> {
    const response = await this.transport.send(apiRequest);
    return parse(apiRequest, schema, response.body);
  }

  /** Follows `after` cursors through every page, oldest first. */
  private async listAll<S extends z.ZodType>(
    path: string,
    filter: Record<string, string>,
    item: S,
  ): Promise<z.infer<S>[]> {
    const items: z.infer<S>[] = [];
    let after: string | undefined;
    for (let page = 0; page < maxListPages; page++) {
      const apiRequest: ApiRequest = {
        method: "GET",
        path,
        query: { ...filter, limit: 500, order: "asc", after },
      };
      const list = await this.call(apiRequest, listSchema(item));
      items.push(...list.data);
      if (!list.has_more || !list.last_id) {
        return items;
      }
      after = list.last_id;
    }
    throw new ThradResponseFormatError(
      `GET ${path} still had more pages after ${maxListPages}`,
      200,
    );
  }
}

function parse<S extends z.ZodType>(apiRequest: ApiRequest, schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(body)"}: ${issue.message}`)
    .join("; ");
  throw new ThradResponseFormatError(
    `${apiRequest.method} ${apiRequest.path} returned an unexpected body: ${problems}`,
    200,
  );
}
