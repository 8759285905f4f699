/**
 * The one-way layering is enforced by eslint's no-restricted-imports (eslint.config.mjs), not by
 * habit: each rule fires on a file that breaks it, and stays quiet on the imports the layering allows.
 */
import assert from "node:assert/strict";
import * as path from "node:path";
import { ESLint } from "eslint";

const ROOT = path.resolve(__dirname, "../../..");

/** The no-restricted-imports messages for `code` as if it were the file `file` (not written to disk). */
async function restrictedImports(file: string, code: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: ROOT });
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("lint: one-way layering (no-restricted-imports)", function () {
  this.timeout(60_000);

  const violations: [file: string, code: string, message: RegExp][] = [
    ["sdk/transport/violation.ts", 'import { runCli } from "../../cli/runCli";\nexport const x = runCli;\n', /sdk\/ imports nothing of cli\//],
    ["sdk/violation.ts", 'import type { GetLiveMessageGroupsArgs } from "../provider/types";\nexport type X = GetLiveMessageGroupsArgs;\n', /one-way layering/],
    ["sdk/listing/violation.ts", 'import { startEmulator } from "../../emulator";\nexport const x = startEmulator;\n', /one-way layering/],
    ["sdk/violation.ts", 'import * as pulumi from "@pulumi/pulumi";\nexport const x = pulumi;\n', /nothing from Pulumi/],
    ["emulator/violation.ts", 'import { DEFAULT_PAGE_SIZE } from "../sdk";\nexport const x = DEFAULT_PAGE_SIZE;\n', /emulator\/ shares no code with sdk\//],
    ["emulator/violation.ts", 'import { MAX_PAGE_SIZE } from "../sdk/options/listingOptionsSchema";\nexport const x = MAX_PAGE_SIZE;\n', /shares no code/],
    ["cli/violation.ts", 'import { validateArgs } from "../provider/validateArgs";\nexport const x = validateArgs;\n', /never provider\//],
    ["cli/commands/violation.ts", 'import * as pulumi from "@pulumi/pulumi";\nexport const x = pulumi;\n', /never loads @pulumi\/pulumi/],
    ["provider/violation.ts", 'import { runCli } from "../cli/runCli";\nexport const x = runCli;\n', /never cli\/ or emulator\//],
  ];
  for (const [file, code, message] of violations) {
    it(`fires on ${file}: ${code.split("\n")[0]}`, async () => {
      const messages = await restrictedImports(file, code);
      assert.equal(messages.length, 1, messages.join("; "));
      assert.match(messages[0] ?? "", message);
    });
  }

  const allowed: [file: string, code: string][] = [
    ["cli/allowed.ts", 'import { listLiveMessageGroups } from "../sdk";\nimport { startEmulator } from "../emulator";\nexport const x = [listLiveMessageGroups, startEmulator];\n'],
    ["provider/allowed.ts", 'import { validateOptions } from "../sdk/options/validateOptions";\nimport * as pulumi from "@pulumi/pulumi";\nexport const x = [validateOptions, pulumi];\n'],
    ["sdk/retry/allowed.ts", 'import { InvalidArgumentError } from "../errors";\nimport { parseEndpoint } from "../transport/parseEndpoint";\nexport const x = [InvalidArgumentError, parseEndpoint];\n'],
  ];
  for (const [file, code] of allowed) {
    it(`allows ${file}`, async () => assert.deepEqual(await restrictedImports(file, code), []));
  }
});
