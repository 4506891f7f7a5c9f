import { ApiError, invalidValue } from "../api-error";
import type { ChildStatus, Creative, CreativeType } from "../state/model";
import { LIMITS } from "./limits";
import type { ObjectReader } from "./object-reader";

/** Ad fields read from a create or update body; absent keys stay undefined. */
export interface AdFields {
  name?: string;
  status?: ChildStatus;
  auto_generate?: boolean;
  creative?: Creative;
}

/** What reading an ad needs from its surroundings. */
export interface AdContext {
  /** Creative type fixed by the ad group's earlier ads, or `null` for an empty group. */
  groupCreativeType: CreativeType | null;
  fileExists(fileId: string): boolean;
}

const STATUS_INPUTS = ["active", "paused", "archived"] as const;
const CREATIVE_TYPES: readonly CreativeType[] = ["chat_card", "poll"];

/**
 * Reads the writable ad fields. On create `creative` is required; on update a given
 * `creative` replaces the stored one whole and may not change its type.
 */
export function readAdFields(
  body: ObjectReader,
  mode: "create" | "update",
  context: AdContext,
): AdFields {
  body.rejectReadOnly(["id", "review_status", "created_at", "updated_at"]);
  if (mode === "update") body.rejectReadOnly(["ad_group_id"]);

  const fields: AdFields = {};
  const name = body.string("name", LIMITS.adName);
  if (name !== undefined) fields.name = name;

  const status = body.enumValue("status", STATUS_INPUTS);
  if (status !== undefined) fields.status = status === "archived" ? "paused" : status;

  const autoGenerate = mode === "create" ? (body.boolean("auto_generate") ?? false) : false;
  if (mode === "create") fields.auto_generate = autoGenerate;

  const creative = body.object("creative", mode === "create");
  if (creative) fields.creative = readCreative(creative, autoGenerate, body, context);
  return fields;
}

function readCreative(
  creative: ObjectReader,
  autoGenerate: boolean,
  body: ObjectReader,
  context: AdContext,
): Creative {
  const type = creative.enumValue("type", CREATIVE_TYPES, true);
  if (type === undefined) throw invalidValue(creative.pathOf("type"), "creative.type is required.");
  if (context.groupCreativeType !== null && type !== context.groupCreativeType) {
    throw invalidValue(
      creative.pathOf("type"),
      `${creative.pathOf("type")} is '${type}' but the ad group holds ` +
        `'${context.groupCreativeType}' ads; every ad in an ad group shares one creative type.`,
    );
  }

  if (type === "poll") {
    if (autoGenerate) {
      throw new ApiError(
        400,
        "poll_cannot_be_ai",
        "auto_generate works only for chat_card creatives; write the poll yourself.",
        body.pathOf("auto_generate"),
      );
    }
    return readPoll(creative, context);
  }
  return readChatCard(creative, autoGenerate, context);
}

function readChatCard(creative: ObjectReader, autoGenerate: boolean, context: AdContext): Creative {
  const targetUrl = readTargetUrl(creative);
  const fileId = readFileId(creative, true, context);
  const title = creative.string("title", { ...LIMITS.cardTitle, required: !autoGenerate });
  const body = creative.string("body", { ...LIMITS.cardBody, required: !autoGenerate });
  const ctaText = creative.nullableString("cta_text", LIMITS.ctaText) ?? null;

  const host = new URL(targetUrl).hostname;
  return {
    type: "chat_card",
    title: title ?? `Discover ${host}`.slice(0, LIMITS.cardTitle.maxLength),
    body: body ?? `Find what you need at ${host}.`.slice(0, LIMITS.cardBody.maxLength),
    file_id: fileId ?? "",
    target_url: targetUrl,
    cta_text: ctaText,
  };
}

function readPoll(creative: ObjectReader, context: AdContext): Creative {
  const question = creative.string("question", { ...LIMITS.pollQuestion, required: true }) ?? "";
  const options = creative.array("options", { ...LIMITS.pollOptions, required: true }) ?? [];
  const { minLength, maxLength } = LIMITS.pollOption;
  const texts = options.map((option) => {
    if (typeof option.value !== "string" || option.value.length < minLength) {
      throw invalidValue(option.path, `${option.path} must be a non-empty string.`);
    }
    if (option.value.length > maxLength) {
      throw invalidValue(option.path, `${option.path} must be at most ${maxLength} characters.`);
    }
    return option.value;
  });

  return {
    type: "poll",
    question,
    options: texts,
    target_url: readTargetUrl(creative),
    file_id: readFileId(creative, false, context) ?? null,
  };
}

function readTargetUrl(creative: ObjectReader): string {
  const raw = creative.string("target_url", { ...LIMITS.targetUrl, required: true }) ?? "";
  const path = creative.pathOf("target_url");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalidValue(path, `${path} must be an absolute http or https URL.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw invalidValue(path, `${path} must be an absolute http or https URL.`);
  }
  return raw;
}

function readFileId(
  creative: ObjectReader,
  required: boolean,
  context: AdContext,
): string | undefined {
  const fileId = required
    ? creative.string("file_id", { required })
    : (creative.nullableString("file_id") ?? undefined);
  if (fileId !== undefined && !context.fileExists(fileId)) {
    throw invalidValue(
      creative.pathOf("file_id"),
      `${creative.pathOf("file_id")} '${fileId}' is not a file uploaded to this account.`,
    );
  }
  return fileId;
}
