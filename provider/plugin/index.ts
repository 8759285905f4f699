/**
 * The provider plugin of the `live-message-groups` Pulumi package (package export
 * `pulumi-alicloud-live-message-groups/plugin`): what Python, Go, C# and YAML programs reach.
 * Loads @pulumi/pulumi; the package root does not import this module.
 */
// First: keeps DEBUG=* from making httpx and ioredis print signatures, tokens and passwords.
import "../../sdk/transport/quietDebug";
export { servePlugin, protocolError, ERROR_METADATA } from "./server";
export { LiveMessageGroupsPlugin } from "./pluginProvider";
export { buildSchema, packageVersion, PACKAGE_NAME, FUNCTION_TOKEN, RESOURCE_TOKEN, GROUP_TYPE_TOKEN } from "./schema";
