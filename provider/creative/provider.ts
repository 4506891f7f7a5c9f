/**
 * The creative's dynamic provider implementation: one upload per distinct image content. The
 * content hash is computed in `check`, so new bytes show as a replacement at preview time.
 */
import { ThradApiError } from "../client/errors";
import { getClient } from "../config";
import { explainError } from "../explain-error";
import { deriveIdempotencyKey } from "../idempotency-key";
import { unknownValue } from "../unknown-value";
import type { CheckFailure } from "../validation";
import { contentTypes, loadImage } from "./image-file";

export interface CreativeInputs {
  resourceIdentity: string;
  path?: string;
  /** `path` resolved against the program's working folder by the SDK. */
  sourcePath?: string;
  contentBase64?: string;
  filename?: string;
  contentType?: string;
  contentSha256: string;
  /** `file_id` of an image uploaded earlier, to use instead of uploading. */
  adoptFileId?: string;
}

export interface CreativeOutputs extends CreativeInputs {
  fileId: string;
  sizeBytes: number;
}

type Loose = Record<string, unknown>;

/**
 * Uploads an image with a key derived from its content alone, so the same bytes uploaded again
 * (a retry, a re-run, another Creative with the same file) get the stored `file_id` back.
 * The multipart boundary differs on every upload, so an API that compares raw bodies would
 * reject the repeat as a reused key. An upload charges nothing, so it is then sent once more
 * under a fresh key.
 */
async function uploadOnce(bytes: Buffer, filename: string, contentType: string, sha256: string) {
  const client = getClient();
  const key = deriveIdempotencyKey("image-content", "upload", { sha256 });
  try {
    return await client.uploadFile(bytes, filename, contentType, key);
  } catch (error) {
    if (!(error instanceof ThradApiError && error.code === "idempotency_key_reused")) {
      throw error;
    }
    const freshKey = deriveIdempotencyKey("image-content", `upload ${Date.now()}`, { sha256 });
    return client.uploadFile(bytes, filename, contentType, freshKey);
  }
}

export const creativeProvider = {
  async check(_olds: Loose, news: Loose): Promise<{ inputs: Loose; failures: CheckFailure[] }> {
    const failures: CheckFailure[] = [];
    const path = news["path"];
    const content = news["contentBase64"];
    if (path === unknownValue || content === unknownValue) {
      return { inputs: news, failures };
    }
    const adopted = news["adoptFileId"];
    if (adopted !== undefined && path === undefined && content === undefined) {
      if (typeof adopted !== "string" || adopted.trim() === "") {
        failures.push({ property: "adoptFileId", reason: "must be a non-empty file_id string" });
      }
      return { inputs: { ...news, contentSha256: "" }, failures };
    }
    if (path !== undefined && content !== undefined) {
      failures.push({ property: "path", reason: "set either path or content, not both" });
      return { inputs: news, failures };
    }
    if (path !== undefined && typeof path !== "string") {
      failures.push({ property: "path", reason: "must be a file path string" });
      return { inputs: news, failures };
    }
    const sourcePath = typeof news["sourcePath"] === "string" ? news["sourcePath"] : path;
    const source =
      typeof sourcePath === "string"
        ? { path: sourcePath }
        : typeof content === "string"
          ? { contentBase64: content }
          : {};
    const image = loadImage(source);
    if ("problem" in image) {
      failures.push({ property: image.property, reason: image.problem });
      return { inputs: news, failures };
    }
    return { inputs: { ...news, contentSha256: image.sha256 }, failures };
  },

  async diff(_id: string, olds: CreativeOutputs, news: CreativeInputs) {
    const contentChanged = news.contentSha256 !== olds.contentSha256;
    const labelChanged = news.filename !== olds.filename || news.contentType !== olds.contentType;
    const adoptedChanged = news.adoptFileId !== olds.adoptFileId;
    const pathChanged = news.path !== olds.path || news.contentBase64 !== olds.contentBase64;
    return {
      changes: contentChanged || labelChanged || pathChanged || adoptedChanged,
      replaces: contentChanged || adoptedChanged ? ["contentSha256"] : [],
    };
  },

  async create(inputs: CreativeInputs) {
    if (
      inputs.adoptFileId !== undefined &&
      inputs.path === undefined &&
      inputs.contentBase64 === undefined
    ) {
      // Files cannot be read back through the API, so an adopted file is taken on trust.
      const outs: CreativeOutputs = { ...inputs, fileId: inputs.adoptFileId, sizeBytes: 0 };
      return { id: inputs.adoptFileId, outs };
    }
    const image = loadImage({
      ...((inputs.sourcePath ?? inputs.path) ? { path: inputs.sourcePath ?? inputs.path } : {}),
      ...(inputs.contentBase64 !== undefined ? { contentBase64: inputs.contentBase64 } : {}),
    });
    if ("problem" in image) {
      throw new Error(`Creative ${image.property}: ${image.problem}`);
    }
    if (image.sha256 !== inputs.contentSha256) {
      throw new Error("The image file changed between preview and update; run `pulumi up` again");
    }
    const filename = inputs.filename ?? image.defaultFilename;
    const contentType = inputs.contentType ?? contentTypes[image.format];
    try {
      const file = await uploadOnce(image.bytes, filename, contentType, image.sha256);
      const outs: CreativeOutputs = {
        ...inputs,
        fileId: file.file_id,
        sizeBytes: image.bytes.length,
      };
      return { id: file.file_id, outs };
    } catch (error) {
      throw explainError(error, `Uploading image ${filename}`);
    }
  },

  /** Only the file name or content type label changed: the uploaded file stays as it is. */
  async update(_id: string, olds: CreativeOutputs, news: CreativeInputs) {
    return { outs: { ...news, fileId: olds.fileId, sizeBytes: olds.sizeBytes } };
  },

  /** Keeps the stored state, because the API can neither read nor delete an uploaded file. */
  async read(id: string, props: CreativeOutputs) {
    return { id, props };
  },

  async delete(): Promise<void> {
    // Uploaded files cannot be deleted through the API; they cost nothing while unused.
  },
};
