/**
 * Mock program: the TypeScript layer handed providers it cannot use (another account's), each way a
 * program can hand them; and an alicloud provider inherited from a component, which it ignores.
 * Exports each attempt's error message ("" when none). Config (project "lmg-test"): appId.
 */
import * as pulumi from "@pulumi/pulumi";
import { getLiveMessageGroups, getLiveMessageGroupsOutput, LiveMessageGroups } from "../../../index";

const config = new pulumi.Config();
const appId = config.require("appId");

class PackageProvider extends pulumi.ProviderResource {
  constructor(pkg: string, name: string) {
    super(pkg, name, {});
  }
}
const accountB = new PackageProvider("live-message-groups", "accountB");
const alicloudB = new PackageProvider("alicloud", "alicloudB");
const component = (name: string, providers: pulumi.ProviderResource[]): pulumi.ComponentResource =>
  new pulumi.ComponentResource("test:index:Watch", name, {}, { providers });
const watchB = component("watchB", [accountB]);
const regional = component("regional", [alicloudB]);

const attempt = (body: () => unknown): string => {
  try {
    body();
    return "";
  } catch (error) {
    return (error as Error).message;
  }
};

export const resourceWithProvider = attempt(() => new LiveMessageGroups("direct", { appId }, { provider: accountB }));
export const resourceWithAlicloudProvider = attempt(() => new LiveMessageGroups("alicloud", { appId }, { provider: alicloudB }));
// The providers option given to the resource itself (a JavaScript program, or options built elsewhere), as a list and as a map.
const withProviders = (providers: unknown): pulumi.CustomResourceOptions => ({ providers } as unknown as pulumi.CustomResourceOptions);
export const resourceWithProvidersList = attempt(() => new LiveMessageGroups("alicloudList", { appId }, withProviders([alicloudB])));
export const resourceWithProvidersMap = attempt(() => new LiveMessageGroups("alicloudMap", { appId }, withProviders({ alicloud: alicloudB })));
export const resourceUnderComponent = attempt(() => new LiveMessageGroups("child", { appId }, { parent: watchB }));
// A name with colons (Pulumi reads a package only from a three-part type token).
export const resourceNamedWithColons = attempt(() => new LiveMessageGroups("prod:eu:groups", { appId }, { parent: watchB }));
export const outputWithProvider = attempt(() => getLiveMessageGroupsOutput({ appId }, { provider: accountB }));
export const outputUnderComponent = attempt(() => getLiveMessageGroupsOutput({ appId }, { parent: watchB }));
export const promiseWithProvider = getLiveMessageGroups({ appId }, { provider: alicloudB }).then(() => "", (error: Error) => error.message);
// A component's regional alicloud provider (usually the same account) is ignored, as documented.
export const underRegional = new LiveMessageGroups("regionalChild", { appId }, { parent: regional }).totalCount;
