import { ApiError, invalidValue } from "../api-error";
import type { PricingModel, RecurringFrequency, StoredCampaign } from "../state/model";
import { PRICING_MODELS, RECURRING_FREQUENCIES } from "../state/model";
import { LIMITS } from "./limits";
import type { ObjectReader } from "./object-reader";
import { readTargeting } from "./targeting";

/** Campaign fields read from a create or update body; absent keys stay undefined. */
export interface CampaignFields {
  name?: string;
  description?: string | null;
  start_time?: number;
  end_time?: number | null;
  lifetime_spend_limit_micros?: number;
  recurring_frequency?: RecurringFrequency | null;
  pricing_model?: PricingModel;
  countries?: string[];
}

const READ_ONLY = ["id", "review_status", "created_at", "updated_at"];
const CREATE_ONLY = ["ad_groups", "ad_account_id"];

/**
 * Reads the writable campaign fields. `create` requires name and budget. `update` rejects
 * `status` with `use_status_action`, because only the action endpoints change it.
 */
export function readCampaignFields(body: ObjectReader, mode: "create" | "update"): CampaignFields {
  body.rejectReadOnly(READ_ONLY);
  if (mode === "update") {
    if (body.has("status")) {
      throw new ApiError(
        400,
        "use_status_action",
        "A campaign's status cannot be updated; use /activate, /pause or /archive instead.",
        "status",
      );
    }
    body.rejectReadOnly(CREATE_ONLY);
  }
  return readCampaignValues(body, mode === "create");
}

/** Reads the campaign fields without the status and read-only checks (dashboard edits). */
export function readCampaignValues(body: ObjectReader, required: boolean): CampaignFields {
  const fields: CampaignFields = {};
  const name = body.string("name", { ...LIMITS.campaignName, required });
  if (name !== undefined) fields.name = name;

  const description = body.nullableString("description", LIMITS.campaignDescription);
  if (description !== undefined) fields.description = description;

  const start = body.integer("start_time", LIMITS.timestamp);
  if (start !== undefined) fields.start_time = start;

  const end = body.nullableInteger("end_time", LIMITS.timestamp);
  if (end !== undefined) fields.end_time = end;

  const budget = body.object("budget", required);
  const limit = budget?.integer("lifetime_spend_limit_micros", {
    ...LIMITS.lifetimeSpendLimitMicros,
    required: true,
  });
  if (limit !== undefined) fields.lifetime_spend_limit_micros = limit;

  const frequency = body.nullableEnum("recurring_frequency", RECURRING_FREQUENCIES);
  if (frequency !== undefined) fields.recurring_frequency = frequency;

  const pricing = body.enumValue("pricing_model", PRICING_MODELS);
  if (pricing !== undefined) fields.pricing_model = pricing;

  if (body.has("targeting")) fields.countries = readTargeting(body.value["targeting"], "targeting");
  return fields;
}

/**
 * Checks the time rules: a new or changed `start_time` may not be earlier than now + 48 h
 * (the API's earliest launch window), and `end_time` must be after `start_time`.
 */
export function checkCampaignTimes(
  fields: CampaignFields,
  current: Pick<StoredCampaign, "start_time" | "end_time"> | undefined,
  now: number,
): void {
  const earliest = now + LIMITS.startLeadSeconds;
  const start = fields.start_time ?? current?.start_time ?? earliest;
  const startChanged = fields.start_time !== undefined && fields.start_time !== current?.start_time;
  if (startChanged && start < earliest) {
    throw invalidValue(
      "start_time",
      `start_time must be at least 48 hours ahead (no earlier than ${earliest}); ` +
        "omit it to use the earliest launch window.",
    );
  }

  const end = fields.end_time === undefined ? (current?.end_time ?? null) : fields.end_time;
  if (end !== null && end <= start) {
    throw invalidValue("end_time", `end_time (${end}) must be after start_time (${start}).`);
  }
}

/** Rejects a change of `pricing_model`, which the simulator treats as fixed at create. */
export function checkPricingModelUnchanged(fields: CampaignFields, campaign: StoredCampaign): void {
  if (fields.pricing_model !== undefined && fields.pricing_model !== campaign.pricing_model) {
    throw invalidValue(
      "pricing_model",
      `pricing_model cannot change after create (it is '${campaign.pricing_model}'); ` +
        "create a new campaign instead.",
    );
  }
}
