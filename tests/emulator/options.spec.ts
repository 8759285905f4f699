import assert from "node:assert/strict";
import { startEmulator } from "../../emulator";
import type { EmulatorFaults, EmulatorOptions } from "../../emulator/types";

/**
 * Options a test would otherwise pass with silently are refused, naming the option: a test built on
 * a misspelled fault kind injected no fault and passed; `maxClockSkewMs: NaN` accepted any date.
 */
describe("emulator: its options are checked", () => {
  const refused: [string, Record<string, unknown>, RegExp][] = [
    ["a misspelled option", { callsPerSec: 5 }, /^TypeError: options\.callsPerSec is not an option \(options: port, host, .*now\)$/],
    ["a misspelled fault kind", { faults: { servererror: 1 } }, /^TypeError: faults\.servererror is not an option \(options: serverError, .*actions\)$/],
    ["a fault probability given as a string", { faults: { serverError: "0.5" } }, /^RangeError: faults\.serverError must be a number from 0 to 1, got "0\.5"$/],
    ["an action the emulator does not serve", { faults: { serverError: 1, actions: ["ListLiveMessageGroupsByPage"] } }, /^RangeError: faults\.actions: "ListLiveMessageGroupsByPage" is not an action the emulator serves \(.*ListLiveMessageGroupByPage/],
    ["maxClockSkewMs NaN (every date accepted)", { maxClockSkewMs: Number.NaN }, /^RangeError: maxClockSkewMs must be a number from 1 to \d+, got NaN$/],
    ["maxClockSkewMs -1 (every request refused)", { maxClockSkewMs: -1 }, /^RangeError: maxClockSkewMs must be a number from 1/],
    ["maxClockSkewMs as a string", { maxClockSkewMs: "900000" }, /^RangeError: maxClockSkewMs must be a number/],
    ["a port that is not a number (a Unix socket named after it)", { port: "8080x" }, /^RangeError: port must be an integer from 0 to 65535, got "8080x"$/],
    ["a seed of NaN", { seed: Number.NaN }, /^RangeError: seed must be an integer/],
    ["an AccessKeyId given twice", { keyPairs: [{ accessKeyId: "LTAIsame", accessKeySecret: "one" }, { accessKeyId: "LTAIsame", accessKeySecret: "two" }] }, /^RangeError: keyPairs: AccessKeyId "LTAIsame" is given twice$/],
    ["a misspelled key-pair field (the keys then stay separate accounts)", { keyPairs: [{ accessKeyId: "LTAIa", accessKeySecret: "s", accountID: "acct" }] }, /^TypeError: keyPairs\[0\]\.accountID is not an option \(options: accessKeyId, accessKeySecret, securityToken, securityTokenExpiresAt, accountId\)$/],
    ["a key pair without its AccessKeyId", { keyPairs: [{ accessKeyID: "LTAIa", accessKeySecret: "s" }] }, /^TypeError: keyPairs\[0\]\.accessKeyID is not an option/],
    ["a key pair whose secret is not a string", { keyPairs: [{ accessKeyId: "LTAIa", accessKeySecret: 42 }] }, /^TypeError: keyPairs\[0\]\.accessKeySecret must be a non-empty string, got 42$/],
    ["an empty appId", { apps: [{ appId: "" }] }, /^TypeError: apps\[0\]\.appId must be a non-empty string/],
    ["an appId with control characters", { apps: [{ appId: "a\u001b[31m" }] }, /^TypeError: apps\[0\]\.appId must be .*without control characters/],
    ["a data center the service does not have", { apps: [{ appId: "a", dataCenter: "cn-beijing" }] }, /^RangeError: apps\[0\]\.dataCenter must be one of cn-shanghai, ap-southeast-1, got "cn-beijing"$/],
    ["a misspelled app field", { apps: [{ appId: "a", group: 5 }] }, /^TypeError: apps\[0\]\.group is not an option/],
    ["a group count given as a string (it became one group without an ID)", { apps: [{ appId: "a", groups: "5" }] }, /^TypeError: apps\[0\]\.groups must be a number of groups or a list of groups, got "5"$/],
    ["a group without its groupId", { apps: [{ appId: "a", groups: [{ groupName: "no id" }] }] }, /^TypeError: apps\[0\]\.groups\[0\]\.groupId must be a non-empty string, got undefined$/],
    ["an app that is not an object", { apps: ["a"] }, /^TypeError: apps\[0\] must be an object, got "a"$/],
    ["a key pair given as a list", { keyPairs: [["LTAIa", "s"]] }, /^TypeError: keyPairs\[0\] must be an object, got \["LTAIa","s"\]$/],
    ["fault actions given as one name (iterated letter by letter)", { faults: { serverError: 1, actions: "ListLiveMessageGroupByPage" } }, /^TypeError: faults\.actions must be a list of action names, got "ListLiveMessageGroupByPage"$/],
    ["a clock that is not a function", { now: 5 }, /^TypeError: now must be a function returning ms, got 5$/],
    ["a host given as a function", { host: () => "127.0.0.1" }, /^TypeError: host must be a non-empty string, got a function$/],
    ["a long value, shown cut at 60 characters", { port: "9".repeat(70) }, /^RangeError: port must be an integer from 0 to 65535, got "9{59}\.\.\.$/],
    ["a misspelled group field", { apps: [{ appId: "a", groups: [{ groupId: "g", admins: ["x"] }] }] }, /^TypeError: apps\[0\]\.groups\[0\]\.admins is not an option \(options: groupId, .*deleted\)$/],
  ];
  for (const [name, options, message] of refused) {
    it(`refuses ${name}`, async () => {
      await assert.rejects(startEmulator(options as EmulatorOptions), (error: Error) => {
        assert.match(`${error.name}: ${error.message}`, message);
        return true;
      });
    });
  }

  it("setFaults refuses what the faults option refuses: a misspelled kind or an unserved action injected no fault", async () => {
    const emulator = await startEmulator();
    try {
      const refusedFaults: [Record<string, unknown>, RegExp][] = [
        [{ servererror: 1 }, /^TypeError: faults\.servererror is not an option/],
        [{ serverError: 1, actions: ["ListLiveMessageGroupsByPage"] }, /^RangeError: faults\.actions: "ListLiveMessageGroupsByPage" is not an action the emulator serves/],
        [{ serverError: "0.5" }, /^RangeError: faults\.serverError must be a number from 0 to 1, got "0\.5"$/],
      ];
      for (const [faults, message] of refusedFaults) {
        assert.throws(() => emulator.setFaults(faults as EmulatorFaults), (error: Error) => {
          assert.match(`${error.name}: ${error.message}`, message);
          return true;
        });
      }
      emulator.setFaults({ serverError: 1, actions: ["ListLiveMessageGroupByPage"] });
    } finally {
      await emulator.close();
    }
  });

  it("accepts every documented option", async () => {
    const emulator = await startEmulator({
      port: 0, host: "127.0.0.1", keyPairs: [{ accessKeyId: "LTAIok", accessKeySecret: "ok-secret" }], callsPerSecond: 0,
      latencyMs: { min: 0, max: 1 }, networkDelayMs: 0, faults: { serverError: 0.1, actions: ["ListLiveMessageGroupByPage"] }, seed: 7,
      apps: [{ appId: "a", dataCenter: "ap-southeast-1", groups: 3, deletedFraction: 0.5 }], maxClockSkewMs: 1000, requestLogLimit: 5,
      tieOrder: "groupId", now: Date.now,
    });
    await emulator.close();
  });
});
