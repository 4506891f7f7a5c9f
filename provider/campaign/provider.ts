/**
 * The campaign's dynamic provider implementation. The SDK's serialized provider loads this
 * module by package name inside each method, so none of this code, nor the key, is copied into
 * the state.
 */
import { ThradApiError, ThradNotFoundError } from "../client/errors";
import { getClient } from "../config";
import { explainError } from "../explain-error";
import { containsUnknown } from "../unknown-value";
import type { CheckFailure } from "../validation";
import { checkCampaign } from "./check";
import { createCampaign } from "./create";
import type { CampaignInputs, CampaignOutputs } from "./inputs";
import { foldCampaign, foldChildren, inputsFromOutputs, readLiveTree } from "./live-tree";
import { planCampaign, planHasWork } from "./plan";
import { updateCampaign } from "./update";

type Loose = Record<string, unknown>;

export const campaignProvider = {
  async check(_olds: Loose, news: Loose): Promise<{ inputs: Loose; failures: CheckFailure[] }> {
    const result = checkCampaign(news);
    return { inputs: result.inputs as unknown as Loose, failures: result.failures };
  },

  async diff(_id: string, olds: CampaignOutputs, news: CampaignInputs) {
    // A campaign is never replaced: every field the provider manages can be updated in place,
    // and a replacement would cost a new deposit and a new review.
    if (containsUnknown(news)) {
      return { changes: true, deleteBeforeReplace: true };
    }
    const changes = planHasWork(planCampaign(olds, news));
    return { changes, deleteBeforeReplace: true };
  },

  async create(inputs: CampaignInputs) {
    return createCampaign(getClient(), inputs);
  },

  async update(id: string, olds: CampaignOutputs, news: CampaignInputs) {
    return { outs: await updateCampaign(getClient(), id, olds, news) };
  },

  /**
   * Returns the live values. A campaign that is gone or archived outside Pulumi reads as
   * deleted (an empty id), so the next `pulumi up` previews a new create instead of updating
   * an object that can never run again.
   */
  async read(id: string, props: CampaignOutputs) {
    const client = getClient();
    let tree;
    try {
      const adGroupIds = new Set((props.adGroups ?? []).map((group) => group.adGroupId));
      tree = await readLiveTree(client, id, { adGroupIds });
    } catch (error) {
      if (error instanceof ThradNotFoundError) {
        return {};
      }
      throw explainError(error, `Reading campaign ${id}`);
    }
    if (tree.campaign.status === "archived") {
      return {};
    }
    const campaignFolded = foldCampaign(props, tree.campaign);
    const outs: CampaignOutputs = { ...campaignFolded, adGroups: foldChildren(props, tree) };
    return { id, props: outs, inputs: inputsFromOutputs(outs) };
  },

  /**
   * Archives the campaign in one call. One already archived or gone counts as deleted: the API
   * may respond to an archive of an archived campaign with success or with `invalid_state`.
   */
  async delete(id: string, _props: CampaignOutputs): Promise<void> {
    try {
      await getClient().campaignAction(id, "archive");
    } catch (error) {
      if (error instanceof ThradNotFoundError || isAlreadyArchived(error)) {
        return;
      }
      throw explainError(error, `Archiving campaign ${id}`);
    }
  },
};

function isAlreadyArchived(error: unknown): boolean {
  return error instanceof ThradApiError && error.code === "invalid_state";
}
