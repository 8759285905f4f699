import assert from "node:assert/strict";
import { escapeControl, idText, InvalidArgumentError, MAX_ID_LENGTH, VALUE_NOT_SHOWN } from "../../sdk/errors";
import type { ListLiveMessageGroupsOptions } from "../../sdk/types";
import { validateOptions } from "../../sdk/options/validateOptions";

const base = { appId: "app-1" };

/** The message validateOptions throws for `patch`. */
function refusal(patch: Record<string, unknown>): string {
  try {
    validateOptions({ ...base, ...patch } as unknown as ListLiveMessageGroupsOptions);
  } catch (error) {
    return (error as Error).message;
  }
  assert.fail(`${JSON.stringify(patch)} was accepted`);
}

describe("errors: escaping and quoting", () => {
  it("escapeControl writes every escape at its full width: \\x07 and \\x00, not \\x7 and \\x0; \\u034f, not \\u34f", () => {
    // A short escape followed by a hex digit reads as another character ("\x7" + "f" as "\x7f").
    assert.equal(escapeControl("a\u0007f\u0000b\u034fc\u061cd"), "a\\x07f\\x00b\\u034fc\\u061cd");
  });

  it("idText keeps a code or RequestId of exactly MAX_ID_LENGTH characters whole, and cuts one longer", () => {
    const exact = "R".repeat(MAX_ID_LENGTH);
    assert.equal(idText(exact), exact);
    assert.equal(idText(`${exact}S`), `${exact}…`);
    assert.equal(idText(null), null);
  });

  it("a rejected value is quoted as received: numbers, booleans, null and undefined as such, anything else by its type", () => {
    assert.match(refusal({ pageSize: 0 }), /, received 0\.$/);
    assert.match(refusal({ groupStatus: true }), /, received true\.$/);
    assert.match(refusal({ endpoint: null }), /, received null\.$/);
    assert.match(refusal({ appId: undefined }), /, received undefined\.$/);
    assert.match(refusal({ signal: {} }), /, received object\.$/);
    assert.match(refusal({ onProgress: "yes" }), /, received "yes"\.$/);
    assert.equal(new InvalidArgumentError("credentials.accessKeySecret", "a string", VALUE_NOT_SHOWN).message,
      "Invalid credentials.accessKeySecret: expected a string, received a secret value (not shown).");
  });

  it("a long rejected string is quoted cut to 64 characters, and one of exactly 64 whole", () => {
    assert.match(refusal({ dataCenter: "x".repeat(100) }), new RegExp(`, received "${"x".repeat(64)}\\.\\.\\."\\.$`));
    assert.match(refusal({ dataCenter: "x".repeat(64) }), new RegExp(`, received "${"x".repeat(64)}"\\.$`));
  });

  it("an endpoint's user information is masked up to its @ even when the secret holds a space or a line break", () => {
    for (const secret of ["Se cret", "Se\ncret", "Se\tcret"]) {
      const message = refusal({ endpoint: `https://LTAIkey:${secret}@live.aliyuncs.com` });
      assert.match(message, /, received "https:\/\/\*\*\*@live\.aliyuncs\.com"\.$/);
      assert.doesNotMatch(message, /cret/);
    }
  });
});
