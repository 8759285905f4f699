import assert from "node:assert/strict";
import { ClientError, NetworkError, ServerError, ThrottlingError } from "../../sdk";
import { formatCliError } from "../../cli/formatCliError";
import { scrubSecrets } from "../../cli/scrubSecrets";
import { UsageError } from "../../cli/usageError";

const SECRET = "TopSecretValue1234567890";
const options = { debug: false, secrets: [SECRET], command: "list" };

describe("cli/formatCliError", () => {
  const cases: [string, unknown, RegExp[]][] = [
    ["wrong keys", new ClientError("InvalidAccessKeyId.NotFound: Specified access key is not found.", { code: "InvalidAccessKeyId.NotFound", httpStatus: 404, requestId: "R-1", attempts: 1 }),
      [/^live-message-groups list: InvalidAccessKeyId\.NotFound: Specified access key is not found\. \(HTTP 404, RequestId R-1\)$/m, /^hint: the service did not accept the key pair/m]],
    ["signature", new ClientError("bad signature", { code: "SignatureDoesNotMatch", httpStatus: 400, requestId: "R-2" }), [/SignatureDoesNotMatch: bad signature/, /hint: the service did not accept the key pair/]],
    ["no permission", new ClientError("denied", { code: "NoAuth", httpStatus: 403, requestId: "R-3" }), [/hint: .*live:ListLiveMessageGroupByPage/]],
    ["unknown app", new ClientError("The app does not exist", { code: "ResourceNotExist", httpStatus: 404, requestId: "R-4" }), [/ResourceNotExist/, /RequestId R-4/, /hint: check --app-id and --data-center/]],
    ["throttling", new ThrottlingError("Request was denied due to user flow control.", { code: "Throttling.User", httpStatus: 400, requestId: "R-5", attempts: 8 }), [/8 attempts/, /hint: .*lower --rps or --concurrency/]],
    ["connection refused", new NetworkError("connect ECONNREFUSED 127.0.0.1:1", { code: "ECONNREFUSED", attempts: 8 }), [/RequestId none/, /hint: nothing is listening/]],
    ["server error", new ServerError("boom", { code: "ServerError", httpStatus: 500, requestId: "R-6", attempts: 8 }), [/ServerError: boom/, /hint: the service kept failing/]],
    ["usage", new UsageError("unknown flag --x", "list"), [/^live-message-groups list: unknown flag --x \(see 'live-message-groups list --help'\)\n$/]],
    ["plain error", new Error("cannot write out.json: EACCES"), [/^live-message-groups list: cannot write out\.json: EACCES$/m]],
  ];
  for (const [name, error, patterns] of cases) {
    it(name, () => {
      const text = formatCliError(error, options);
      for (const pattern of patterns) assert.match(text, pattern);
      assert.ok(!text.includes("    at "), "no stack trace without --debug");
    });
  }

  it("scrubs secrets from messages, stacks and causes with --debug", () => {
    const cause = new Error(`request failed: Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=abcdef0123 token ${SECRET}`);
    const error = new ServerError(`failed with ${SECRET}`, { code: "ServerError", httpStatus: 500, requestId: "R", cause });
    const text = formatCliError(error, { ...options, debug: true });
    assert.ok(!text.includes(SECRET));
    assert.ok(!text.includes("abcdef0123"));
    assert.match(text, /caused by:/);
    assert.match(text, / {4}at /);
  });

  const scrubs: [string, string][] = [
    ["Signature=0a1b2c&x=1", "Signature=***&x=1"],
    ['{"AccessKeySecret":"abc"}', '{"AccessKeySecret":"***"}'],
    ["x-acs-security-token: tok123", "x-acs-security-token: ***"],
    [`env ${SECRET} twice ${SECRET}`, "env *** twice ***"],
  ];
  for (const [input, expected] of scrubs) it(`scrubs ${JSON.stringify(input)}`, () => assert.equal(scrubSecrets(input, [SECRET]), expected));
});
