/**
 * The providers that Pulumi serializes into each resource's `__provider` state property.
 * Each method loads the real implementation by package name when the engine calls it, so the
 * serialized text is a few hundred bytes, holds no client, schema or key, and stays the same
 * across runs (a changed `__provider` would make every resource look changed).
 */
import type * as pulumi from "@pulumi/pulumi";

export const campaignProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    require("pulumi-thrad/provider").configure(req.config);
  },
  async check(olds, news) {
    return require("pulumi-thrad/provider").campaignProvider.check(olds, news);
  },
  async diff(id, olds, news) {
    return require("pulumi-thrad/provider").campaignProvider.diff(id, olds, news);
  },
  async create(inputs) {
    return require("pulumi-thrad/provider").campaignProvider.create(inputs);
  },
  async read(id, props) {
    return require("pulumi-thrad/provider").campaignProvider.read(id, props);
  },
  async update(id, olds, news) {
    return require("pulumi-thrad/provider").campaignProvider.update(id, olds, news);
  },
  async delete(id, props) {
    return require("pulumi-thrad/provider").campaignProvider.delete(id, props);
  },
};

export const creativeProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    require("pulumi-thrad/provider").configure(req.config);
  },
  async check(olds, news) {
    return require("pulumi-thrad/provider").creativeProvider.check(olds, news);
  },
  async diff(id, olds, news) {
    return require("pulumi-thrad/provider").creativeProvider.diff(id, olds, news);
  },
  async create(inputs) {
    return require("pulumi-thrad/provider").creativeProvider.create(inputs);
  },
  async read(id, props) {
    return require("pulumi-thrad/provider").creativeProvider.read(id, props);
  },
  async update(id, olds, news) {
    return require("pulumi-thrad/provider").creativeProvider.update(id, olds, news);
  },
  async delete(id, props) {
    return require("pulumi-thrad/provider").creativeProvider.delete(id, props);
  },
};
