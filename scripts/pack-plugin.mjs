// Builds a plugin tarball that `pulumi plugin install resource live-message-groups <version> --file <tarball>`
// accepts: PulumiPlugin.yaml (runtime nodejs) and index.js at its root, and a package.json whose
// dependencies are this package (its npm tarball, bundled) and @pulumi/pulumi. Pulumi extracts it
// into ~/.pulumi/plugins/resource-live-message-groups-v<version>/ and runs `npm install --production`
// there (the npm registry must be reachable then). Run after `npm run build`.
//
// Usage: node scripts/pack-plugin.mjs [output directory]   (default: dist-plugin/)
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const manifest = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const outDir = resolve(process.argv[2] ?? join(root, "dist-plugin"));
const stage = mkdtempSync(join(tmpdir(), "lmg-plugin-pack-"));
try {
  // --ignore-scripts: dist/ is built already; `prepare` would rebuild it.
  const packed = JSON.parse(execFileSync("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", stage], { cwd: root, encoding: "utf8" }));
  const npmTarball = packed[0].filename;
  for (const file of ["PulumiPlugin.yaml", "index.js"]) copyFileSync(join(root, "plugin", file), join(stage, file));
  writeFileSync(join(stage, "package.json"), JSON.stringify({
    name: "pulumi-resource-live-message-groups",
    version: manifest.version,
    private: true,
    description: "Provider plugin of the live-message-groups Pulumi package.",
    license: manifest.license,
    main: "index.js",
    dependencies: {
      [manifest.name]: `file:${npmTarball}`,
      // The version this package is built and tested with (newer releases need Node 22 or later).
      "@pulumi/pulumi": manifest.devDependencies["@pulumi/pulumi"],
    },
    // npm 11.16 and later read the policy for dependencies' install scripts in the project being
    // installed, here the plugin directory: the package's own (protobufjs's denied). npm still
    // lists the package's `prepare`, which it does not run for a tarball (its dist/ is built); a
    // key that denies it would have to name the tarball's absolute path, unknown until installed.
    allowScripts: manifest.allowScripts,
  }, null, 2) + "\n");
  mkdirSync(outDir, { recursive: true });
  const tarball = join(outDir, `pulumi-resource-live-message-groups-v${manifest.version}.tgz`);
  execFileSync("tar", ["-czf", tarball, "-C", stage, "PulumiPlugin.yaml", "index.js", "package.json", npmTarball]);
  process.stdout.write(`${tarball}\n`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
