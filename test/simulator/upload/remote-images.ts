/**
 * A response that the simulator pretends a remote host gives for one `image_url`. Tests
 * register these through the control API; nothing is ever fetched.
 */
export interface RemoteImage {
  url: string;
  /** HTTP status of the pretend response; default 200. */
  status: number;
  /** Image bytes served with a 2xx status. */
  bytes: Buffer;
  /** Target of a pretend redirect; the API never follows redirects. */
  redirectTo: string | null;
}

/** Registered pretend responses, keyed by the exact URL string a client sends. */
export class RemoteImageRegistry {
  private readonly images = new Map<string, RemoteImage>();

  register(image: RemoteImage): void {
    this.images.set(image.url, image);
  }

  find(url: string): RemoteImage | undefined {
    return this.images.get(url);
  }

  clear(): void {
    this.images.clear();
  }
}
