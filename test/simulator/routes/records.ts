import type { SimulatorCore } from "../core";
import type { CreativeType, StoredAd, StoredAdGroup } from "../state/model";
import type { AdFields } from "../validation/ad-fields";
import type { AdGroupFields } from "../validation/ad-group-fields";
import { LIMITS } from "../validation/limits";

/** Builds a stored ad group from validated create fields (status defaults to `active`). */
export function newAdGroup(
  core: SimulatorCore,
  campaignId: string,
  fields: AdGroupFields,
  creativeType: CreativeType | null,
): StoredAdGroup {
  const now = core.clock.now();
  return {
    id: core.store.newId(),
    seq: core.store.nextSeq(),
    campaign_id: campaignId,
    name: fields.name ?? "",
    context_hints: fields.context_hints ?? [],
    status: fields.status ?? "active",
    max_bid_micros: fields.max_bid_micros ?? null,
    creative_type: creativeType,
    created_at: now,
    updated_at: now,
  };
}

/** Builds a stored ad; the name defaults to the card title or the poll question. */
export function newAd(core: SimulatorCore, adGroupId: string, fields: AdFields): StoredAd {
  const creative = fields.creative;
  if (!creative) throw new Error("An ad is created only from fields that include a creative.");

  const now = core.clock.now();
  const title = creative.type === "chat_card" ? creative.title : creative.question;
  return {
    id: core.store.newId(),
    seq: core.store.nextSeq(),
    ad_group_id: adGroupId,
    name: fields.name ?? title.slice(0, LIMITS.adName.maxLength),
    status: fields.status ?? "active",
    auto_generate: fields.auto_generate ?? false,
    creative,
    serving: [],
    created_at: now,
    updated_at: now,
  };
}

/**
 * Copies the defined fields onto a stored record and stamps `updated_at` when a value
 * actually changed. Returns whether anything changed.
 */
export function applyFields<T extends { updated_at: number }>(
  record: T,
  fields: Partial<T>,
  now: number,
): boolean {
  let changed = false;
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    const current = (record as Record<string, unknown>)[key];
    if (JSON.stringify(current) !== JSON.stringify(value)) {
      (record as Record<string, unknown>)[key] = value;
      changed = true;
    }
  }
  if (changed) record.updated_at = now;
  return changed;
}
