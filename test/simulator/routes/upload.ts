import { randomBytes } from "node:crypto";
import { ApiError, invalidValue } from "../api-error";
import type { ApiRequest, ApiResult } from "../api-request";
import type { SimulatorCore } from "../core";
import { sniffImage } from "../upload/image-format";
import { resolveImageUrl } from "../upload/image-url";
import { LIMITS } from "../validation/limits";
import type { ApiRoute } from "./handler";

const FILE_EXTENSIONS = { png: "png", jpeg: "jpg", webp: "webp" } as const;

/**
 * `POST /v1/upload`: a multipart part `file`, or an `image_url` in JSON (or as a multipart
 * text field). Exactly one of the two is accepted, and both go through the same checks.
 */
async function upload(request: ApiRequest, core: SimulatorCore): Promise<ApiResult> {
  const { file, imageUrl } = uploadInputs(request);
  if (file !== undefined && imageUrl !== undefined) {
    throw invalidValue(null, "Send either a file or an image_url, not both.");
  }

  if (imageUrl !== undefined) {
    const bytes = resolveImageUrl(imageUrl, core.remoteImages);
    return storeImage(core, bytes, "image_url");
  }
  if (file === undefined) throw invalidValue("file", "Send an image as the multipart part 'file'.");
  if (typeof file === "string") {
    throw new ApiError(400, "invalid_file", "The part 'file' must be a file, not text.", "file");
  }
  if (file.size > LIMITS.uploadMaxBytes) {
    throw new ApiError(400, "file_too_large", "The image is larger than 5 MB.", "file");
  }
  return storeImage(core, Buffer.from(await file.arrayBuffer()), "file");
}

/** Checks size and format of the image bytes, stores the file and returns its `file_id`. */
function storeImage(core: SimulatorCore, bytes: Buffer, param: string): ApiResult {
  if (bytes.length > LIMITS.uploadMaxBytes) {
    throw new ApiError(400, "file_too_large", "The image is larger than 5 MB.", param);
  }
  const sniffed = sniffImage(bytes);
  if (sniffed.kind === "unsupported") {
    throw new ApiError(
      400,
      "unsupported_mimetype",
      `The image is ${sniffed.format.toUpperCase()}; upload PNG, JPEG or WebP.`,
      param,
    );
  }
  if (sniffed.kind !== "supported") {
    throw new ApiError(
      400,
      "invalid_file",
      "The file is empty, unreadable or not a decodable PNG, JPEG or WebP image.",
      param,
    );
  }

  const now = new Date(core.clock.now() * 1000);
  const year = now.getUTCFullYear();
  const month = String(now.getUTCMonth() + 1).padStart(2, "0");
  const name = randomBytes(16).toString("hex");
  const fileId = `uploads/${year}/${month}/${name}.${FILE_EXTENSIONS[sniffed.format]}`;

  core.store.state.files[fileId] = {
    file_id: fileId,
    format: sniffed.format,
    size_bytes: bytes.length,
    created_at: core.clock.now(),
  };
  core.store.commit();
  return { status: 201, body: { file_id: fileId } };
}

function uploadInputs(request: ApiRequest): {
  file: File | string | undefined;
  imageUrl: unknown;
} {
  const body = request.body;
  if (body.kind === "form") {
    const file = body.form.get("file") ?? undefined;
    const imageUrl = body.form.get("image_url") ?? undefined;
    return { file: file as File | string | undefined, imageUrl };
  }
  if (body.kind === "invalid_form") {
    throw new ApiError(400, "invalid_file", `The multipart body is unreadable: ${body.reason}`);
  }
  if (body.kind === "invalid_json") {
    throw new ApiError(400, "invalid_json", `The request body is not valid JSON: ${body.reason}`);
  }
  if (body.kind === "json" && typeof body.value === "object" && body.value !== null) {
    return { file: undefined, imageUrl: (body.value as Record<string, unknown>)["image_url"] };
  }
  return { file: undefined, imageUrl: undefined };
}

export const uploadRoutes: ApiRoute[] = [
  { method: "POST", pattern: "/v1/upload", handler: upload },
];
