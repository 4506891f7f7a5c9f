import { invalidValue } from "../api-error";
import type { ChildStatus } from "../state/model";
import { LIMITS } from "./limits";
import type { ObjectReader } from "./object-reader";

/** Ad group fields read from a create or update body; absent keys stay undefined. */
export interface AdGroupFields {
  name?: string;
  context_hints?: string[];
  status?: ChildStatus;
  max_bid_micros?: number | null;
}

const STATUS_INPUTS = ["active", "paused", "archived"] as const;

/**
 * Reads the writable ad group fields. `archived` is accepted and stored as `paused`,
 * because an archived ad group reads back as paused.
 */
export function readAdGroupFields(body: ObjectReader, mode: "create" | "update"): AdGroupFields {
  body.rejectReadOnly(["id", "created_at", "updated_at"]);
  if (mode === "update") body.rejectReadOnly(["campaign_id", "ads"]);

  const fields: AdGroupFields = {};
  const name = body.string("name", { ...LIMITS.adGroupName, required: mode === "create" });
  if (name !== undefined) fields.name = name;

  const hints = body.array("context_hints", LIMITS.contextHints);
  if (hints) fields.context_hints = hints.map((hint) => readHint(hint.value, hint.path));

  const status = body.enumValue("status", STATUS_INPUTS);
  if (status !== undefined) fields.status = status === "archived" ? "paused" : status;

  const bidding = body.object("bidding_config");
  if (bidding) {
    const eventType = bidding.string("billing_event_type");
    if (eventType !== undefined && eventType !== "impression") {
      throw invalidValue(
        bidding.pathOf("billing_event_type"),
        `${bidding.pathOf("billing_event_type")} must be 'impression'.`,
      );
    }
    const maxBid = bidding.nullableInteger("max_bid_micros", LIMITS.maxBidMicros);
    if (maxBid !== undefined) fields.max_bid_micros = maxBid;
  }
  return fields;
}

function readHint(raw: unknown, path: string): string {
  const { minLength, maxLength } = LIMITS.contextHint;
  if (typeof raw !== "string" || raw.length < minLength || raw.length > maxLength) {
    throw invalidValue(
      path,
      `${path} must be a string of ${minLength} to ${maxLength} characters.`,
    );
  }
  return raw;
}
