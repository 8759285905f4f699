import { copyFileSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { FILE_BACKEND_ORG, formatResult, REPO_DIR, type CommandResult, type EnvCredentials, type PulumiCli } from "./pulumiCli";

/**
 * A Pulumi project in the CLI's temporary directory. Projects never live in the repository: a
 * stack's `Pulumi.<stack>.yaml` (with its passphrase salt) is written next to `Pulumi.yaml`.
 */
export interface E2eProject {
  readonly name: string;
  readonly dir: string;
}

/**
 * A mirror of the repository root: a copy of the root `Pulumi.yaml` plus symlinks to the
 * repository's package.json, dist/ and node_modules/. The program and the dynamic provider (which
 * requires the package from the project directory) resolve the package through its
 * self-reference, exactly as in a checkout.
 */
export function rootProject(cli: PulumiCli, name: string): E2eProject {
  const dir = join(cli.root, name);
  mkdirSync(dir);
  copyFileSync(join(REPO_DIR, "Pulumi.yaml"), join(dir, "Pulumi.yaml"));
  for (const entry of ["package.json", "dist", "node_modules"]) symlinkSync(join(REPO_DIR, entry), join(dir, entry));
  return { name: "live-message-groups-demo", dir };
}

/**
 * A user's Node.js project running a compiled program of this repository (an example from
 * dist/examples/ or a test program from dist/tests/e2e/programs/) as its `index.js`, with the
 * package installed as a link: node_modules/pulumi-alicloud-live-message-groups -> the repository,
 * and node_modules/@pulumi -> the repository's (one copy of @pulumi/pulumi for all).
 */
export function nodeProject(cli: PulumiCli, name: string, compiledProgram: string): E2eProject {
  const dir = join(cli.root, name);
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  writeFileSync(join(dir, "Pulumi.yaml"), [
    `name: ${name}`,
    "runtime:",
    "  name: nodejs",
    "  options:",
    "    typescript: false",
    "main: index.js",
    "",
  ].join("\n"));
  writeFileSync(join(dir, "package.json"), `${JSON.stringify({ name, private: true, main: "index.js" }, null, 2)}\n`);
  symlinkSync(compiledProgram, join(dir, "index.js"));
  symlinkSync(REPO_DIR, join(dir, "node_modules", "pulumi-alicloud-live-message-groups"));
  symlinkSync(join(REPO_DIR, "node_modules", "@pulumi"), join(dir, "node_modules", "@pulumi"));
  return { name, dir };
}

/** One stack of a project, driven through the real CLI with `--stack` on every command. */
export class E2eStack {
  constructor(readonly cli: PulumiCli, readonly project: E2eProject, readonly stackName: string) {}

  /** The name other stacks use in a StackReference (file backend: organization/project/stack). */
  get fullyQualifiedName(): string {
    return `${FILE_BACKEND_ORG}/${this.project.name}/${this.stackName}`;
  }

  /** `pulumi stack init <stack> --secrets-provider passphrase`. */
  async init(): Promise<void> {
    await this.cli.ok(["stack", "init", this.stackName, "--secrets-provider", "passphrase"], this.project.dir);
  }

  /** `pulumi config set [--secret] <key> <value> --stack <stack>` for each entry. */
  async setConfig(entries: Readonly<Record<string, string>>, secretKeys: readonly string[] = []): Promise<void> {
    for (const [key, value] of Object.entries(entries)) {
      const secret = secretKeys.includes(key) ? ["--secret"] : [];
      await this.cli.ok(["config", "set", ...secret, key, value, "--stack", this.stackName], this.project.dir);
    }
  }

  /**
   * The provider plugin's stack config: `appId`, the emulator's endpoint, and the key pair as
   * `live-message-groups:accessKey` and `:secretKey` (secret).
   */
  setPluginConfig(appId: string, endpoint: string, keyPair: { readonly accessKeyId: string; readonly accessKeySecret: string }): Promise<void> {
    return this.setConfig({
      appId,
      "live-message-groups:endpoint": endpoint,
      "live-message-groups:accessKey": keyPair.accessKeyId,
      "live-message-groups:secretKey": keyPair.accessKeySecret,
    }, ["live-message-groups:secretKey"]);
  }

  /**
   * A Node.js program's stack config: `appId`, the emulator's endpoint, and the key pair as
   * `alicloud:accessKey`, `alicloud:secretKey` (secret) and, when it has one, `alicloud:securityToken`
   * (secret); then `extra`.
   */
  setAlicloudConfig(appId: string, endpoint: string, keyPair: EnvCredentials, extra: Readonly<Record<string, string>> = {}): Promise<void> {
    return this.setConfig({
      appId,
      "live-message-groups:endpoint": endpoint,
      "alicloud:accessKey": keyPair.accessKeyId,
      "alicloud:secretKey": keyPair.accessKeySecret,
      ...(keyPair.securityToken === undefined ? {} : { "alicloud:securityToken": keyPair.securityToken }),
      ...extra,
    }, ["alicloud:secretKey", "alicloud:securityToken"]);
  }

  /** Runs `pulumi <command...> --stack <stack> <flags...>`; the result is returned whatever the exit code. */
  run(command: readonly string[], flags: readonly string[] = [], extraEnv: Readonly<Record<string, string>> = {}): Promise<CommandResult> {
    return this.cli.run([...command, "--stack", this.stackName, ...flags], this.project.dir, extraEnv);
  }

  /** Like {@link run}, but fails unless the command exits 0. */
  async ok(command: readonly string[], flags: readonly string[] = [], extraEnv: Readonly<Record<string, string>> = {}): Promise<CommandResult> {
    const result = await this.run(command, flags, extraEnv);
    if (result.code !== 0) throw new Error(formatResult(result));
    return result;
  }

  /** `pulumi stack output --json --show-secrets`, parsed. */
  async outputs(): Promise<Record<string, unknown>> {
    const result = await this.ok(["stack", "output"], ["--json", "--show-secrets"]);
    return JSON.parse(result.stdout) as Record<string, unknown>;
  }

  /** `pulumi stack export` (secrets stay encrypted, as in the stored state). */
  async exportState(): Promise<string> {
    return (await this.ok(["stack", "export"])).stdout;
  }

  /** `pulumi stack rm --yes --force`: drops the stack and its config file. */
  async remove(): Promise<void> {
    await this.ok(["stack", "rm"], ["--yes", "--force"]);
  }
}

/**
 * A Pulumi YAML project (`runtime: yaml`) with the given `resources:`/`variables:`/`outputs:` body,
 * run by pulumi-language-yaml, for programs that reach this package through its provider plugin.
 */
export function yamlProject(cli: PulumiCli, name: string, body: string): E2eProject {
  const dir = join(cli.root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: yaml\n${body}`);
  return { name, dir };
}

/**
 * A Pulumi Python project (`runtime: python`, pip toolchain, virtualenv `venv/`) whose
 * requirements.txt takes `pulumi` (PyPI) from 3.248.0 up to the engine's version (`engineVersion`:
 * exactly 3.248.0 under the pinned engine; under a newer one, whose generated SDK asks for a newer
 * `pulumi`, the newest PyPI serves up to it), with `program` as `__main__.py`,
 * run by pulumi-language-python (scripts/pulumi-language-python). The package's SDK is not there
 * yet: the spec adds it with `pulumi package add <plugin dir>`, which generates `sdks/`, records
 * the plugin under `packages:`, adds the SDK's path to requirements.txt and creates the venv.
 */
export function pythonProject(cli: PulumiCli, name: string, program: string, engineVersion: string): E2eProject {
  const dir = join(cli.root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "Pulumi.yaml"), [
    `name: ${name}`,
    "runtime:",
    "  name: python",
    "  options:",
    "    toolchain: pip",
    "    virtualenv: venv",
    "",
  ].join("\n"));
  writeFileSync(join(dir, "requirements.txt"), `${pythonPulumiRequirement(engineVersion)}\n`);
  writeFileSync(join(dir, "__main__.py"), program);
  return { name, dir };
}

/** The `pulumi` requirement of the e2e Python projects under an engine of `engineVersion` (see {@link pythonProject}). */
export function pythonPulumiRequirement(engineVersion: string): string {
  return `pulumi>=3.248.0,<=${engineVersion}`;
}

/**
 * A Pulumi Go project (`runtime: go`) with `program` as `main.go` and a go.mod requiring Pulumi's Go
 * SDK at the engine's version (`engineVersion`), run by pulumi-language-go (scripts/pulumi-language-go), which
 * compiles it with `go build`. The package's SDK is not there yet: the spec adds it with `pulumi
 * package add <plugin dir>`, which generates `sdks/`, records the plugin under `packages:`, adds
 * the `replace` directive to go.mod and runs `go mod tidy` (modules from the Go module proxy).
 */
export function goProject(cli: PulumiCli, name: string, program: string, engineVersion: string): E2eProject {
  const dir = join(cli.root, name);
  mkdirSync(dir);
  writeFileSync(join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: go\n`);
  writeFileSync(join(dir, "go.mod"), `module ${name}\n\ngo 1.24\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${engineVersion}\n`);
  writeFileSync(join(dir, "main.go"), program);
  return { name, dir };
}
