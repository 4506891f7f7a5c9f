import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { resourceIdentity } from "./internal/resource-identity";
import { creativeProvider } from "./internal/serialized-providers";

const typeToken = "pulumi-nodejs:dynamic/thrad:Creative";

/** Inputs of a {@link Creative}. Set one of `path`, `contentBase64` and `adoptFileId`. */
export interface CreativeArgs {
  /**
   * Path of a PNG, JPEG or WebP image of at most 5 MB, relative to the Pulumi project folder.
   * The format is judged from the bytes. New content replaces the creative (a new upload).
   */
  path?: pulumi.Input<string>;
  /** The image bytes as base64 text, in place of `path`. */
  contentBase64?: pulumi.Input<string>;
  /** File name sent with the upload; defaults to the file's own name. Changing it uploads nothing. */
  filename?: pulumi.Input<string>;
  /** Content type sent with the upload; defaults to the type detected from the bytes. */
  contentType?: pulumi.Input<string>;
  /**
   * `file_id` of an image uploaded earlier (for example by the dashboard), used as it is in
   * place of `path`: nothing is uploaded. The API cannot read files back, so it is not checked.
   */
  adoptFileId?: pulumi.Input<string>;
}

/**
 * An image uploaded to Thrad, for use in chat card ads through its `fileId`. The same content
 * is uploaded once; the API has no delete for files, so destroying a Creative only removes it from the state.
 */
export class Creative extends pulumi.dynamic.Resource {
  /** The API's token for the uploaded file, for example `uploads/2026/06/3f8c….png`. */
  declare readonly fileId: pulumi.Output<string>;
  /** SHA-256 of the image bytes, in hex. */
  declare readonly contentSha256: pulumi.Output<string>;
  /** Size of the uploaded image in bytes. */
  declare readonly sizeBytes: pulumi.Output<number>;

  constructor(name: string, args: CreativeArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      // The provider process may run in another folder than the program, so the SDK resolves
      // the path here. Only the content hash decides whether anything changed.
      sourcePath: pulumi
        .output(args.path)
        .apply((file) => (file === undefined ? undefined : path.resolve(file))),
      resourceIdentity: resourceIdentity(typeToken, name),
      fileId: undefined,
      contentSha256: undefined,
      sizeBytes: undefined,
    };
    super(creativeProvider, name, props, opts, "thrad", "Creative");
  }
}
