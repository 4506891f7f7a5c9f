/**
 * The providers that Pulumi serializes into each resource's `__provider` state property.
 * Each method loads the real implementation by package name when the engine calls it, so the
 * serialized text is small, contains no client, schema or key, and stays the same across runs (a
 * changed `__provider` would make every resource look changed).
 */
import type * as pulumi from "@pulumi/pulumi";

type ProviderName = "campaignProvider" | "creativeProvider";

/**
 * Builds a provider whose methods forward to `require("pulumi-thrad/provider")[name]`. The
 * serializer captures only `name`, a string, because the module is loaded inside each call.
 */
function forwardingProvider(name: ProviderName): pulumi.dynamic.ResourceProvider {
  return {
    async configure(req) {
      require("pulumi-thrad/provider").configure(req.config);
    },
    async check(olds, news) {
      return require("pulumi-thrad/provider")[name].check(olds, news);
    },
    async diff(id, olds, news) {
      return require("pulumi-thrad/provider")[name].diff(id, olds, news);
    },
    async create(inputs) {
      return require("pulumi-thrad/provider")[name].create(inputs);
    },
    async read(id, props) {
      return require("pulumi-thrad/provider")[name].read(id, props);
    },
    async update(id, olds, news) {
      return require("pulumi-thrad/provider")[name].update(id, olds, news);
    },
    async delete(id, props) {
      return require("pulumi-thrad/provider")[name].delete(id, props);
    },
  };
}

export const campaignProvider = forwardingProvider("campaignProvider");
export const creativeProvider = forwardingProvider("creativeProvider");
