import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ARGUMENT_FIELDS } from "../../provider/fieldTable";
import { resolveSettings } from "../../provider/resolveSettings";
import { MAX_ATTEMPTS_LIMIT, MAX_LISTING_TIMEOUT_MS as MAX_TIMEOUT_MS } from "../../sdk";
import { validateArgs } from "../../provider/validateArgs";
import { MAX_REQUESTS_PER_SECOND } from "../../sdk/options/listingOptionDefaults";
import { DEFAULT_REQUESTS_PER_SECOND, MIN_REQUESTS_PER_SECOND } from "../../sdk/rate/rateLimiter";
import { DEFAULT_MAX_ATTEMPTS } from "../../sdk/retry/retryPolicy";
import { DEFAULT_PAGE_SIZE, DEFAULT_TIMEOUT_MS, MAX_PAGE_SIZE } from "../../sdk/options/validateOptions";

const ROOT = resolve(__dirname, "../../..");
const readme = readFileSync(join(ROOT, "provider", "README.md"), "utf8");
const types = readFileSync(join(ROOT, "provider", "types.ts"), "utf8");

/** The TSDoc comment right above `readonly <name>?` in GetLiveMessageGroupsArgs. */
function tsdocOf(name: string): string {
  const match = new RegExp(`/\\*\\*((?:(?!\\*/)[\\s\\S])*)\\*/\\s*readonly ${name}\\?`).exec(types);
  return (match?.[1] ?? "").replace(/\s*\*\s*/g, " ");
}

/** The README argument table's row of `name`: [type, default, meaning]. */
function readmeRow(name: string): string[] {
  const line = readme.split("\n").find((l) => l.startsWith(`| \`${name}\` |`)) ?? "";
  return line.split("|").slice(2, -1).map((cell) => cell.trim());
}

/**
 * The documented defaults and ranges are the sdk's constants and the provider's validation, so a
 * change in the sdk shows up here instead of silently in users' stacks.
 */
describe("provider docs match the sdk's defaults and the provider's ranges", () => {
  const table: { name: string; default: number; min?: number; max?: number }[] = [
    { name: "pageSize", default: DEFAULT_PAGE_SIZE, max: MAX_PAGE_SIZE },
    { name: "requestsPerSecond", default: DEFAULT_REQUESTS_PER_SECOND, min: MIN_REQUESTS_PER_SECOND, max: MAX_REQUESTS_PER_SECOND },
    { name: "maxAttempts", default: DEFAULT_MAX_ATTEMPTS, max: MAX_ATTEMPTS_LIMIT },
    { name: "timeoutMs", default: DEFAULT_TIMEOUT_MS, max: MAX_TIMEOUT_MS },
  ];
  for (const row of table) {
    it(`${row.name}: default ${row.default}${row.max === undefined ? "" : `, at most ${row.max}`}`, () => {
      const [type = "", defaultCell = ""] = readmeRow(row.name);
      assert.match(defaultCell, new RegExp(`(^|\\D)${row.default}$`), `README default of ${row.name}`);
      assert.match(tsdocOf(row.name), new RegExp(`then ${row.default}\\b|Default ${row.default}\\b|at least ${row.default}\\b`), `types.ts default of ${row.name}`);
      if (row.max !== undefined) {
        const min = String(row.min ?? 1).replace(".", "\\.");
        assert.match(type, new RegExp(`${min}\\.\\.${row.max}$`), `README range of ${row.name}`);
        assert.match(tsdocOf(row.name), new RegExp(`${min} to ${row.max}\\b|${min}\\.\\.${row.max}\\b`), `types.ts range of ${row.name}`);
        assert.deepEqual(validateArgs({ appId: "a", [row.name]: row.max }).failures, []);
        assert.deepEqual(validateArgs({ appId: "a", [row.name]: row.max + 1 }).failures.map((f) => f.property), [row.name]);
      }
      // The field table, from which the provider plugin's schema (every other language's docs) is generated.
      const described = ARGUMENT_FIELDS[row.name as keyof typeof ARGUMENT_FIELDS].description;
      assert.match(described, new RegExp(`(then|Default|at least) ${row.default}\\.`), `field table default of ${row.name}`);
      if (row.max !== undefined) assert.match(described, new RegExp(`${String(row.min ?? 1).replace(".", "\\.")}\\.\\.${row.max}\\b`), `field table range of ${row.name}`);
    });
  }

  it("every argument of the field table has a row in the provider README's argument table, in order", () => {
    const lines = readme.split("\n");
    const table = lines.slice(lines.indexOf("### Arguments") + 1);
    const start = table.findIndex((l) => l.startsWith("|"));
    const end = table.findIndex((l, i) => i > start && !l.startsWith("|"));
    const names = table.slice(start, end).map((l) => /^\| `([a-zA-Z]+)` \|/.exec(l)?.[1]).filter((n): n is string => n !== undefined);
    assert.deepEqual(names, Object.keys(ARGUMENT_FIELDS));
  });

  describe("config and environment accept exactly the argument's range", () => {
    const cases: { source: "config" | "env"; name: "maxAttempts" | "timeoutMs"; value: string; ok: boolean }[] = [
      { source: "config", name: "maxAttempts", value: String(MAX_ATTEMPTS_LIMIT), ok: true },
      { source: "config", name: "maxAttempts", value: String(MAX_ATTEMPTS_LIMIT + 1), ok: false },
      { source: "env", name: "maxAttempts", value: "1", ok: true },
      { source: "env", name: "maxAttempts", value: "0", ok: false },
      { source: "env", name: "maxAttempts", value: "1000", ok: false },
      { source: "config", name: "timeoutMs", value: String(MAX_TIMEOUT_MS + 1), ok: false },
      { source: "env", name: "timeoutMs", value: " ", ok: false },
    ];
    const configKey = (name: string) => `live-message-groups:${name}`;
    const envKey = (name: string) => `LIVE_MESSAGE_GROUPS_${name.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
    for (const c of cases) {
      const key = c.source === "config" ? configKey(c.name) : envKey(c.name);
      it(`${key}=${JSON.stringify(c.value)} -> ${c.ok ? "accepted" : "rejected, naming the key"}`, () => {
        const config: Record<string, string> = c.source === "config" ? { [key]: c.value } : {};
        const env: Record<string, string> = c.source === "env" ? { [key]: c.value } : {};
        const resolveIt = () => resolveSettings({ appId: "a" }, { config: (k) => config[k], env });
        if (c.ok) assert.doesNotThrow(resolveIt);
        else assert.throws(resolveIt, (e: Error & { parameter?: string }) => e.parameter === key && e.message.includes(`1 to ${c.name === "maxAttempts" ? MAX_ATTEMPTS_LIMIT : MAX_TIMEOUT_MS}`));
      });
    }
  });
});
