import { CONFIG_NAMESPACE } from "./settingsSources";

/** The package name: the plugin schema's `name`, the config namespace and the first part of every token. */
export const PACKAGE_NAME = CONFIG_NAMESPACE;
/** Token of the function (the plugin's, and what Pulumi's mocks see for a program-side call). */
export const FUNCTION_TOKEN = `${PACKAGE_NAME}:index:getLiveMessageGroups`;
/** Token of the plugin's resource. */
export const RESOURCE_TOKEN = `${PACKAGE_NAME}:index:LiveMessageGroups`;
/** Type of the TypeScript `LiveMessageGroups` resource: the token Pulumi gives a dynamic resource of that name. */
export const DYNAMIC_RESOURCE_TYPE = `pulumi-nodejs:dynamic/${PACKAGE_NAME}:LiveMessageGroups`;
