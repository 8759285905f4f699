import assert from "node:assert/strict";
import { buildSchema } from "../../provider/plugin/schema";
import { defaultDataCenter } from "../../provider/resolveSettings";
import { ENV_KEYS, PLUGIN_CONFIG_KEYS, type SettingsSources } from "../../provider/settingsSources";

interface SchemaWithConfig {
  readonly config: { readonly variables: Record<string, { readonly description?: string }> };
  readonly provider: { readonly inputProperties: Record<string, { readonly description?: string }> };
}

/**
 * The plugin's config descriptions are what Python, Go, C# and YAML users read (generated SDK docs,
 * `pulumi package get-schema`): every environment variable the plugin reads for a setting is named there.
 */
describe("provider plugin schema: the dataCenter setting's description names every variable the plugin reads", () => {
  const schema = buildSchema("0.0.0") as unknown as SchemaWithConfig;
  for (const where of ["config", "provider"] as const) {
    it(`${where}: dataCenter`, () => {
      const description = (where === "config" ? schema.config.variables : schema.provider.inputProperties)["dataCenter"]?.description ?? "";
      for (const name of [ENV_KEYS.dataCenter, ...ENV_KEYS.regions]) {
        // The plugin does read it: a region variable that names a data center sets the default.
        const sources: SettingsSources = { config: () => undefined, env: { [name]: "ap-southeast-1" }, keys: PLUGIN_CONFIG_KEYS };
        assert.equal(defaultDataCenter(sources), "ap-southeast-1", name);
        assert.ok(description.includes(`\`${name}\``), `${where}.dataCenter's description does not name ${name}: ${description}`);
      }
    });
  }
});
