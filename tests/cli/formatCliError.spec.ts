import assert from "node:assert/strict";
import * as os from "node:os";
import * as path from "node:path";
import { ClientError, ConsistencyError, InvalidArgumentError, ServerError, ThrottlingError, TimeoutError } from "../../sdk";
import type { ErrorClassification } from "../../sdk/retry/classifyError";
import { describeFailure } from "../../sdk/retry/describeFailure";
import type { GiveUpReason } from "../../sdk/retry/retryPolicy";
import { formatCliError } from "../../cli/formatCliError";
import { scrubSecrets } from "../../sdk/transport/scrubSecrets";
import { UsageError } from "../../cli/program";
import { runCli } from "../../cli/runCli";
import { memoryIo } from "./helpers/memoryIo";
import { NO_SOURCE_CONFIGURED } from "../../sdk/transport/credentialChain";

const SECRET = "TopSecretValue1234567890";
const options = { debug: false, secrets: [SECRET], command: "list" };

/** The error the sdk really throws for a request that failed this way (its own message and cause). */
function sdkFailure(classification: Omit<ErrorClassification, "retryable">, attempts: number, page?: { number: number; of: number | null }, reason?: GiveUpReason) {
  return describeFailure({ ...classification, retryable: false }, attempts, {
    appId: "my-app", dataCenter: "cn-shanghai", accessKeyId: "LTAIexample", secrets: [SECRET],
  }, page, reason);
}

/** What the sdk's credential chain reports when nothing is configured (as seen from the real bin). */
const NO_CREDENTIALS = new ClientError(
  "No Alibaba Cloud credentials found. Looked for: options.credentials; env ALIBABA_CLOUD_ACCESS_KEY_ID + " +
    "ALIBABA_CLOUD_ACCESS_KEY_SECRET (+ ALIBABA_CLOUD_SECURITY_TOKEN); legacy env ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY; " +
    `the ECS RAM role (metadata service, unless ALIBABA_CLOUD_ECS_METADATA_DISABLED=true). The chain said: ${NO_SOURCE_CONFIGURED}`,
  { code: "CredentialsNotFound", cause: new Error(NO_SOURCE_CONFIGURED) },
);

/** What it reports when configured sources failed (the sdk's summary, scrubbed there). */
const SOURCES_FAILED = new ClientError(
  "No Alibaba Cloud credentials found. Looked for: options.credentials; env ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET. " +
    "The chain said: no configured source gave credentials (profile: EACCES; credential_uri: connect ECONNREFUSED 127.0.0.1:1)",
  { code: "CredentialsNotFound", cause: new Error("no configured source gave credentials (profile: EACCES; credential_uri: connect ECONNREFUSED 127.0.0.1:1)") },
);

const count = (text: string, part: string): number => text.split(part).length - 1;

describe("cli/formatCliError", () => {
  const cases: [string, unknown, RegExp[]][] = [
    ["wrong keys", sdkFailure({ category: "client", code: "InvalidAccessKeyId.NotFound", httpStatus: 404, requestId: "R-1", detail: "Specified access key is not found." }, 1),
      [/^live-message-groups list: the service rejected the request: InvalidAccessKeyId\.NotFound: Specified access key is not found \(HTTP 404, RequestId R-1\)$/m, /^hint: the service did not accept the key pair/m]],
    ["signature", sdkFailure({ category: "client", code: "SignatureDoesNotMatch", httpStatus: 400, requestId: "R-2", detail: "bad signature" }, 1),
      [/SignatureDoesNotMatch: bad signature/, /hint: the service did not accept the key pair/]],
    ["a missing STS token: the service's message whole", sdkFailure({ category: "client", code: "MissingSecurityToken", httpStatus: 400, requestId: "R-9", detail: "SecurityToken is mandatory for this AccessKeyId." }, 1),
      [/MissingSecurityToken: SecurityToken is mandatory for this AccessKeyId \(HTTP 400, RequestId R-9\)$/m]],
    ["no permission", sdkFailure({ category: "client", code: "NoAuth", httpStatus: 403, requestId: "R-3", detail: "denied" }, 1), [/hint: .*live:ListLiveMessageGroupByPage/]],
    ["unknown app", sdkFailure({ category: "client", code: "ResourceNotExist", httpStatus: 404, requestId: "R-4", detail: "The app does not exist" }, 1),
      [/ResourceNotExist: The app does not exist \(HTTP 404, RequestId R-4\)/, /hint: check --app-id and --data-center/]],
    ["a host that does not serve the API: the endpoint, not the app", sdkFailure({ category: "client", code: "InvalidProduct.NotFound", httpStatus: 404, requestId: "R-16", detail: "Cannot find product according to your specified domain." }, 1),
      [/InvalidProduct\.NotFound: Cannot find product according to your specified domain \(HTTP 404, RequestId R-16\)/, /^hint: the endpoint does not serve this API .*check --endpoint and \$LIVE_MESSAGE_GROUPS_ENDPOINT/m]],
    ["an API the host does not have: the endpoint, not the app", sdkFailure({ category: "client", code: "InvalidAction.NotFound", httpStatus: 404, requestId: "R-17", detail: "Specified api is not found, please check your url and method." }, 1),
      [/^hint: the endpoint does not serve this API/m]],
    ["throttling", sdkFailure({ category: "throttling", code: "Throttling.User", httpStatus: 400, requestId: "R-5", detail: "Request was denied due to user flow control." }, 10),
      [/^live-message-groups list: throttled until retries ran out: Throttling\.User: .* \(HTTP 400, RequestId R-5, 10 attempts\)$/m, /hint: .*coordinate through Redis with --redis-url \(and --quota-key naming the account, for all its keys\); else lower --rps or --concurrency/]],
    ["throttled until the deadline (the service's throttles do not count toward --max-attempts)",
      sdkFailure({ category: "throttling", code: "Throttling.User", httpStatus: 400, requestId: "R-14", detail: "Request was denied due to user flow control." }, 37, undefined, "deadline"),
      [/^live-message-groups list: throttled until its next try would have passed the listing's deadline \(--timeout\): Throttling\.User: .* \(HTTP 400, RequestId R-14, 37 attempts\)$/m,
        /^hint: .*coordinate through Redis with --redis-url .*give the listing longer with --timeout/m]],
    ["an HTTP 429 without the service's code (a proxy's): counted, and the proxy hint",
      sdkFailure({ category: "throttling", code: null, httpStatus: 429, requestId: "R-15", detail: "HTTP 429 with a body that is not the service's (the body is not valid JSON): a proxy, gateway or firewall answered, or the endpoint is not the service" }, 10),
      [/^live-message-groups list: refused as too many requests until retries ran out: .*HTTP 429.*10 attempts\)$/m, /^hint: something in front of the service \(a proxy or gateway\) answered 429/m]],
    ["an HTTP 429 under a Code of its own (a gateway's TooManyRequests): the same words and hint as without one",
      sdkFailure({ category: "throttling", code: "TooManyRequests", httpStatus: 429, requestId: "R-16", detail: "slow down" }, 10),
      [/^live-message-groups list: refused as too many requests until retries ran out: TooManyRequests: slow down \(HTTP 429, RequestId R-16, 10 attempts\)$/m,
        /^hint: something in front of the service \(a proxy or gateway\) answered 429/m]],
    ["no answer until the deadline stopped the retries: said so, in flag names",
      sdkFailure({ category: "timeout", code: "RequestTimeout", httpStatus: null, requestId: null, detail: "no answer within 30000 ms" }, 3, undefined, "deadline"),
      [/^live-message-groups list: no answer until its next try would have passed the listing's deadline \(--timeout\): /m]],
    ["connection refused", sdkFailure({ category: "network", code: "ECONNREFUSED", httpStatus: null, requestId: null, detail: "connect ECONNREFUSED 127.0.0.1:1" }, 8),
      [/network failure talking to the endpoint: connect ECONNREFUSED 127\.0\.0\.1:1 \(8 attempts\)$/m, /hint: nothing is listening/]],
    ["server error", sdkFailure({ category: "server", code: "ServerError", httpStatus: 500, requestId: "R-6", detail: "boom" }, 8),
      [/the service kept failing: ServerError: boom \(HTTP 500, RequestId R-6, 8 attempts\)/, /hint: the service kept failing/]],
    ["server error on page 7 of 12: the page named once", sdkFailure({ category: "server", code: "ServerError", httpStatus: 500, requestId: "R-10", detail: "boom" }, 8, { number: 7, of: 12 }),
      [/the service kept failing: ServerError: boom \(HTTP 500, RequestId R-10, 8 attempts, page 7\)$/m]],
    ["a network failure on page 1: no page named (the listing failed at its first request)", sdkFailure({ category: "network", code: "ECONNRESET", httpStatus: null, requestId: null, detail: "socket hang up" }, 8, { number: 1, of: null }),
      [/network failure talking to the endpoint: ECONNRESET: socket hang up \(8 attempts\)$/m]],
    ["an sdk error without a structured cause", new ServerError("boom", { code: "ServerError", httpStatus: 500, requestId: "R-7", attempts: 3 }),
      [/^live-message-groups list: ServerError: boom \(HTTP 500, RequestId R-7, 3 attempts\)$/m]],
    ["too many pages, in flag names", new ClientError("app a reports 9000 groups for groupStatus all: at pageSize 10 that needs 900 pages, more than the API's 500; use pageSize 50", { code: "TooManyPages", requestId: "R-8", attempts: 1 }),
      [/for --status all: at --page-size 10 .*; use --page-size 50 \(RequestId R-8\)$/m]],
    ["listing deadline", new TimeoutError("The listing did not finish within timeoutMs (300000 ms).", { code: "ListingTimeout" }),
      [/within --timeout \(300000 ms\)/, /^hint: raise --timeout/m]],
    // The service's throttles do not count toward --max-attempts: the deadline ends a listing throttled throughout.
    ["listing deadline after throttles", new TimeoutError("The listing did not finish within timeoutMs (3000 ms). The last service error seen: code Throttling.User, HTTP 400, RequestId R-12.",
      { code: "ListingTimeout", requestId: "R-12", httpStatus: 400 }),
      [/^hint: the account's 50 calls per second were in use until the deadline.*coordinate through Redis with --redis-url.*raise --timeout/m]],
    ["listing deadline after a proxy's 429s: the proxy hint", new TimeoutError("The listing did not finish within timeoutMs (5000 ms). The last service error seen: code none, HTTP 429, RequestId none.",
      { code: "ListingTimeout", httpStatus: 429 }),
      [/^hint: something in front of the service \(a proxy or gateway\) answered 429/m]],
    ["listing deadline after server errors: the --timeout hint", new TimeoutError("The listing did not finish within timeoutMs (3000 ms). The last service error seen: code ServerError, HTTP 500, RequestId R-13.",
      { code: "ListingTimeout", requestId: "R-13", httpStatus: 500 }),
      [/^hint: raise --timeout/m]],
    // An app or group named like an option keeps its name; the option itself is still a flag.
    ["an app named like an option", new ConsistencyError("The groups of app pageSize kept changing (group timeoutMs appears twice); raise timeoutMs.", { code: "ListingShifted", attempts: 3 }),
      [/The groups of app pageSize kept changing \(group timeoutMs appears twice\); raise --timeout/]],
    // The service's whole message, on one line, not its first line.
    ["a service message on several lines", sdkFailure({ category: "client", code: "BadThing", httpStatus: 400, requestId: "R-10", detail: "line1\nline2\u2028x\u001b]0;title\u0007" }, 1),
      [/BadThing: line1\\nline2\\u2028x\\x1b\]0;title\\x07 \(HTTP 400, RequestId R-10\)$/m]],
    ["the machine's clock is off", sdkFailure({ category: "client", code: "InvalidTimeStamp.Expired", httpStatus: 400, requestId: "R-11", detail: "Specified time stamp or date value is expired." }, 1),
      [/InvalidTimeStamp\.Expired: Specified time stamp or date value is expired \(HTTP 400, RequestId R-11\)$/m, /^hint: the service rejected the request time: check that this machine's clock is right/m]],
    ["the credential source failed to refresh mid-listing", sdkFailure({ category: "credentials", code: "CredentialsRefreshFailed", httpStatus: null, requestId: null, detail: "the credential source cli_profile failed to refresh the credentials: failed to execute external command" }, 3),
      [/^live-message-groups list: the credentials could not be refreshed: CredentialsRefreshFailed: the credential source cli_profile failed to refresh the credentials: failed to execute external command \(3 attempts\)$/m,
        /^hint: the credential source named above failed while the listing ran/m]],
    // A TLS-inspecting proxy's or a private CA's certificate: NODE_EXTRA_CA_CERTS, not "the network path".
    ...["DEPTH_ZERO_SELF_SIGNED_CERT", "SELF_SIGNED_CERT_IN_CHAIN", "UNABLE_TO_VERIFY_LEAF_SIGNATURE", "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
      "CERT_HAS_EXPIRED", "ERR_TLS_CERT_ALTNAME_INVALID"].map((code): [string, unknown, RegExp[]] => [
      `TLS certificate ${code}`, sdkFailure({ category: "network", code, httpStatus: null, requestId: null, detail: "certificate problem (while sending GET https://live.aliyuncs.com/)" }, 1),
      [/^hint: the endpoint's TLS certificate is not trusted here: behind a corporate proxy that inspects TLS, or for an endpoint with a private CA, set NODE_EXTRA_CA_CERTS to that CA's certificate \(a PEM file\) and run again; otherwise check --endpoint's host name and this machine's clock\.$/m],
    ]),
    ...["EMFILE", "ENFILE"].map((code): [string, unknown, RegExp[]] => [
      `too many open files (${code})`, sdkFailure({ category: "network", code, httpStatus: null, requestId: null, detail: `connect ${code} 127.0.0.1:8080 - Local (undefined:undefined)` }, 4),
      [/^hint: too many open files: raise the limit \('ulimit -n', e\.g\. ulimit -n 4096\) or lower --concurrency, then run again\.$/m],
    ]),
    ["https:// to a remote server that does not speak TLS", sdkFailure({ category: "network", code: "EPROTO", httpStatus: null, requestId: null,
      detail: "the endpoint does not speak TLS: it answered the TLS handshake with something else, such as plain HTTP (OpenSSL: wrong version number) GET https://proxy.corp.example:3128/ failed." }, 1),
    [/^live-message-groups list: network failure talking to the endpoint: EPROTO: the endpoint does not speak TLS: .* \(while sending GET https:\/\/proxy\.corp\.example:3128\/\)$/m,
      /^hint: the endpoint does not speak TLS: check --endpoint's host and port \(the service's is live\.aliyuncs\.com, HTTPS on 443\); plain HTTP is only for a loopback host, as --endpoint http:\/\/127\.0\.0\.1:<port>\.$/m]],
    ["an answer that began and then stalled", sdkFailure({ category: "timeout", code: "RequestTimeout", httpStatus: 200, requestId: null,
      detail: "the endpoint stopped sending mid-answer: its body did not finish within requestTimeoutMs" }, 10),
    [/^live-message-groups list: no complete answer until retries ran out: RequestTimeout: the endpoint stopped sending mid-answer: its body did not finish within requestTimeoutMs \(HTTP 200, RequestId none, 10 attempts\)$/m,
      /^hint: the endpoint began to answer, then stopped sending: check the network path to it/m]],
    ["a listing deadline without a single answer", new TimeoutError("The listing did not finish within timeoutMs (12000 ms): no answer from the endpoint " +
      "http://10.0.0.9:8080 in that time (every attempt failed without one; the last: RequestTimeout).", { code: "ListingTimeout" }),
    [/^live-message-groups list: ListingTimeout: The listing did not finish within --timeout \(12000 ms\): no answer from the endpoint http:\/\/10\.0\.0\.9:8080 in that time \(every attempt failed without one; the last: RequestTimeout\)\.$/m,
      /^hint: the endpoint never answered, so a longer --timeout would not help: check --endpoint and the network path to it \(proxy, firewall\), then run again\.$/m]],
    ["usage", new UsageError("unknown flag --x", "list"), [/^live-message-groups list: unknown flag --x \(see 'live-message-groups list --help'\)\n$/]],
    ["plain error", new Error("cannot write out.json: EACCES"), [/^live-message-groups list: cannot write out\.json: EACCES$/m]],
  ];
  it("a listing deadline that came while the first request still waited: a slow endpoint needs a longer --timeout, never \"would not help\"", () => {
    // `--timeout 1s` against an endpoint that answers in 3 s: `--timeout 10s` lists.
    const error = new TimeoutError("The listing did not finish within timeoutMs (1000 ms): no answer from the endpoint http://127.0.0.1:8080 in that time " +
      "(its first request was still waiting for one).", { code: "ListingTimeout" });
    for (const command of ["list", "drift"]) {
      const text = formatCliError(error, { ...options, command });
      assert.doesNotMatch(text, /would not help/);
      assert.match(text, /^hint: the endpoint had not answered the first request when --timeout ran out: give a slow endpoint a longer --timeout \(a request waits 10 s or more for its answer before it is retried\); if it never answers, check --endpoint/m);
    }
  });

  it("drift's listing deadline without a single answer: the network hint, not --timeout", () => {
    const error = new TimeoutError("The listing did not finish within timeoutMs (60000 ms): no answer from the endpoint https://live.aliyuncs.com in that time.", { code: "ListingTimeout" });
    const text = formatCliError(error, { ...options, command: "drift" });
    assert.match(text, /^hint: the endpoint never answered, so a longer --timeout would not help/m);
    assert.doesNotMatch(text, /raise --timeout/);
  });

  describe("the credentials hint comes from the error's type and code, never from words of its message", () => {
    it("a file whose path says \"credentials\" gets no credentials hint", () => {
      for (const error of [new Error("cannot read snapshot prod-credentials-groups.json: ENOENT"), Object.assign(new Error("cannot write credentials.out: EACCES"), { code: "EACCES" })]) {
        const text = formatCliError(error, { ...options, command: "drift" });
        assert.doesNotMatch(text, /hint:/, text);
      }
    });

    it("drift --snapshot prod-credentials-groups.json that is not there: the file's error alone", async () => {
      const io = memoryIo();
      const missing = path.join(os.tmpdir(), `lmg-no-such-dir-${process.pid}`, "prod-credentials-groups.json");
      assert.equal(await runCli(["drift", "--snapshot", missing], io), 1);
      assert.equal(io.err(), `live-message-groups drift: cannot read snapshot ${missing}: ENOENT\n(run with --debug for details)\n`);
    });

    it("an sdk error quoting a value with \"credential\" in it gets no credentials hint", () => {
      const text = formatCliError(new ConsistencyError("The groups of app credential-store kept changing; gave up after 3 listings.", { code: "ListingShifted", attempts: 3 }), options);
      assert.doesNotMatch(text, /hint: export ALIBABA_CLOUD_ACCESS_KEY_ID/);
    });

    it("credentials failures still get it: by code, and an invalid credential value by the parameter it names", () => {
      assert.match(formatCliError(Object.assign(new Error("no usable key"), { code: "CredentialsNotFound" }), options), /^hint: export ALIBABA_CLOUD_ACCESS_KEY_ID/m);
      const invalid = new InvalidArgumentError("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "a non-empty string without spaces or control characters", "(not shown)");
      assert.match(formatCliError(invalid, options), /^hint: export ALIBABA_CLOUD_ACCESS_KEY_ID/m);
      assert.doesNotMatch(formatCliError(new InvalidArgumentError("pageSize", "an integer from 1 to 50", "credentials"), options), /hint: export/);
    });
  });

  describe("a listing deadline reached while the credentials were still being resolved: a hint about the credential source", () => {
    // The sdk's message (openListingSession's whileResolving): no request reached the endpoint.
    const unresolved = new TimeoutError("The listing did not finish within timeoutMs (3000 ms): the credentials were still being resolved.", { code: "ListingTimeout" });
    for (const command of ["list", "snapshot", "drift"]) {
      it(command, () => {
        const text = formatCliError(unresolved, { ...options, command });
        assert.match(text, new RegExp(`^live-message-groups ${command}: ListingTimeout: The listing did not finish within --timeout \\(3000 ms\\): the credentials were still being resolved\\.$`, "m"));
        assert.match(text, /^hint: the deadline passed while the credentials were still being resolved, before any request to the endpoint: check that the configured credential source answers \(the server of ALIBABA_CLOUD_CREDENTIALS_URI, /m);
        assert.doesNotMatch(text, /raise --timeout|--status|lists every group/);
        assert.equal(count(text, "hint: "), 1);
      });
    }
  });

  it("drift's unknown app: the hint names the snapshot's app and data center, not flags to check (drift takes them from the snapshot)", () => {
    const error = sdkFailure({ category: "client", code: "ResourceNotExist", httpStatus: 404, requestId: "R-4", detail: "The app does not exist" }, 1);
    const text = formatCliError(error, { ...options, command: "drift" });
    assert.match(text, /^hint: drift lists the snapshot's app in the snapshot's data center: the app may have been deleted since the snapshot, or these credentials belong to another account than the snapshot's\.$/m);
    assert.doesNotMatch(text, /check --app-id/);
    assert.match(formatCliError(error, { ...options, command: "list" }), /^hint: check --app-id and --data-center/m);
  });

  it("drift's listing deadline: the hint raises --timeout only (drift takes no --status)", () => {
    const text = formatCliError(new TimeoutError("The listing did not finish within timeoutMs (300000 ms).", { code: "ListingTimeout" }), { ...options, command: "drift" });
    assert.match(text, /^hint: raise --timeout \(e\.g\. --timeout 10m\): drift lists every group of the app, deleted ones too\.$/m);
    assert.doesNotMatch(text, /--status/);
  });

  it("drift's too many pages of one status: the API's groupStatus, not --status, which drift refuses", () => {
    const error = new ClientError("app a reports 510000 groups for groupStatus existing: at pageSize 50 that needs 10200 pages, more than the API's 10000; " +
      "the API cannot page past 500000 groups of one groupStatus at any pageSize, so this app cannot be listed in full", { code: "TooManyPages", requestId: "R-9", attempts: 1 });
    const text = formatCliError(error, { ...options, command: "drift" });
    assert.match(text, /for groupStatus existing: at --page-size 50 .* of one groupStatus at any --page-size/);
    assert.doesNotMatch(text, /--status/);
    assert.match(formatCliError(error, options), /for --status existing: at --page-size 50/);
  });

  for (const [name, error, patterns] of cases) {
    it(name, () => {
      const text = formatCliError(error, options);
      for (const pattern of patterns) assert.match(text, pattern);
      assert.ok(!text.includes("    at "), "no stack trace without --debug");
    });
  }

  // The sdk's messages end with advice in its own option names; the CLI gives advice once, in flags.
  const sdkVocabulary = /requestsPerSecond|(?<!-)\bconcurrency\b|maxAttempts|timeoutMs|\bpageSize\b|\bappId\b|\bdataCenter\b|\bredisUrl\b|\bquotaKey\b|options\./;
  const adviceOnce: [string, unknown, string][] = [
    ["throttling", sdkFailure({ category: "throttling", code: "Throttling.User", httpStatus: 400, requestId: "R", detail: "Request was denied due to user flow control." }, 10), "--rps"],
    ["connection refused", sdkFailure({ category: "network", code: "ECONNREFUSED", httpStatus: null, requestId: null, detail: "connect ECONNREFUSED 127.0.0.1:1" }, 8), "heck"],
    ["unknown app", sdkFailure({ category: "client", code: "ResourceNotExist", httpStatus: 404, requestId: "R", detail: "The app does not exist" }, 1), "heck"],
    ["no permission", sdkFailure({ category: "client", code: "NoAuth", httpStatus: 403, requestId: "R", detail: "denied" }, 1), "grant"],
    ["consistency", new ConsistencyError("The groups of app a kept changing in a way paging cannot follow (x); gave up after 3 listings. Retry when fewer groups are being created.", { code: "ListingShifted", attempts: 3 }), "etry"],
  ];
  for (const [name, error, advice] of adviceOnce) {
    it(`${name}: the advice comes once, in the CLI's terms`, () => {
      const text = formatCliError(error, options);
      assert.equal(count(text, advice), 1, text);
      assert.doesNotMatch(text, sdkVocabulary);
    });
  }

  it("no credentials: a short list of the sources looked at and how to set keys, no library noise", () => {
    const text = formatCliError(NO_CREDENTIALS, options);
    const lines = text.trimEnd().split("\n");
    assert.match(lines[0] ?? "", /^live-message-groups list: no Alibaba Cloud credentials found\./);
    for (const source of [/ALIBABA_CLOUD_ACCESS_KEY_ID/, /ALICLOUD_ACCESS_KEY/, /~\/\.aliyun\/config\.json/, /~\/\.alibabacloud\/credentials/, /ECS RAM role/]) {
      assert.match(text, source);
    }
    assert.equal(count(text, "hint: "), 1);
    assert.match(text, /^hint: export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET/m);
    assert.doesNotMatch(text, /options\.credentials|undefined|getaddrinfo|The chain said|RequestId/);
    assert.ok(lines.length <= 10 && lines.every((line) => line.length <= 120), text);
  });

  it("configured credential sources that failed: each named by what it reads, with why, and no list of places looked in", () => {
    const text = formatCliError(SOURCES_FAILED, options);
    assert.equal(text, "live-message-groups list: no Alibaba Cloud credentials: the configured sources failed: the credentials file " +
      "(ALIBABA_CLOUD_CREDENTIALS_FILE, else ~/.alibabacloud/credentials): EACCES; the credentials URI (ALIBABA_CLOUD_CREDENTIALS_URI): " +
      "connect ECONNREFUSED 127.0.0.1:1\n" +
      "hint: fix the failing source named above (its file, server or command), or export ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET instead.\n" +
      "(run with --debug for details)\n");
  });

  it("the environment's half key pair: named, and the library's reason kept whole (the name's _SECRET does not read as a secret field)", () => {
    // The sdk's chain as it reports ALIBABA_CLOUD_ACCESS_KEY_ID set without ALIBABA_CLOUD_ACCESS_KEY_SECRET.
    const reason = "no configured source gave credentials (env: unable to get credentials from enviroment variables, " +
      "Access key secret must be specified via environment variable (ALIBABA_CLOUD_ACCESS_KEY_SECRET))";
    const error = new ClientError(`No Alibaba Cloud credentials found. The chain said: ${reason}`, { code: "CredentialsNotFound", cause: new Error(reason) });
    const [first] = formatCliError(error, options).split("\n");
    assert.equal(first, "live-message-groups list: no Alibaba Cloud credentials: the configured source failed: the environment " +
      "(ALIBABA_CLOUD_ACCESS_KEY_ID + ALIBABA_CLOUD_ACCESS_KEY_SECRET): unable to get credentials from enviroment variables, " +
      "Access key secret must be specified via environment variable (ALIBABA_CLOUD_ACCESS_KEY_SECRET)");
  });

  it("half the legacy key pair: named by the variables it reads", () => {
    // The sdk's chain as it reports ALICLOUD_ACCESS_KEY set without ALICLOUD_SECRET_KEY.
    const reason = "no configured source gave credentials (env_legacy: ALICLOUD_SECRET_KEY is not set, while ALICLOUD_ACCESS_KEY is)";
    const error = new ClientError(`No Alibaba Cloud credentials found. The chain said: ${reason}`, { code: "CredentialsNotFound", cause: new Error(reason) });
    const [first] = formatCliError(error, options).split("\n");
    assert.equal(first, "live-message-groups list: no Alibaba Cloud credentials: the configured source failed: the environment " +
      "(ALICLOUD_ACCESS_KEY + ALICLOUD_SECRET_KEY): ALICLOUD_SECRET_KEY is not set, while ALICLOUD_ACCESS_KEY is");
  });

  describe("a bug is an internal error, never a network failure", () => {
    const bug = (() => {
      try {
        return new Error(String((undefined as unknown as { Groups: unknown }).Groups));
      } catch (error) {
        return error as TypeError;
      }
    })();
    const fromSdk = sdkFailure({ category: "internal", code: "TypeError", httpStatus: null, requestId: null, detail: bug.message, stack: bug.stack ?? "" }, 1);
    const cases: [string, unknown][] = [["a TypeError from the sdk (InternalError)", fromSdk], ["a TypeError from the CLI's own code", bug]];
    for (const [name, error] of cases) {
      it(name, () => {
        const text = formatCliError(error, options);
        assert.match(text, /^live-message-groups list: internal error: TypeError: Cannot read properties of undefined \(reading 'Groups'\)$/m);
        assert.match(text, /^hint: this is a bug in live-message-groups, not a network or service failure: run again with --debug/m);
        assert.doesNotMatch(text, /network failure|check the network/);
        assert.doesNotMatch(text, / {4}at /);
      });
      it(`${name}: --debug prints the cause chain down to the TypeError's stack`, () => {
        const text = formatCliError(error, { ...options, debug: true });
        assert.match(text, /^TypeError: Cannot read properties of undefined/m);
        assert.match(text, /formatCliError\.spec/, "the stack of the original TypeError");
        if (error === fromSdk) assert.match(text, /^InternalError: [\s\S]*^caused by:\nTypeError: /m);
      });
    }
  });

  it("escapes control characters in every line: echoed values (C1 too), file contents, causes", () => {
    const echoed = new UsageError('invalid value for --status: expected one of all, existing, deleted, received "\u009b2Jx"', "list");
    const fileContents = new Error('snapshot.json is not valid JSON (Unexpected token \u001b, "\u001b[31mred\u0007" is not valid JSON)');
    for (const error of [echoed, fileContents]) {
      for (const debug of [false, true]) {
        // eslint-disable-next-line no-control-regex
        const controls = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;
        const text = formatCliError(error, { ...options, debug });
        assert.doesNotMatch(text, controls, JSON.stringify(text));
      }
    }
    assert.match(formatCliError(fileContents, options), /"\\x1b\[31mred\\x07" is not valid JSON/);
    assert.match(formatCliError(echoed, options), /received "\\x9b2Jx"/);
  });

  it("scrubs secrets from messages, stacks and causes with --debug", () => {
    const cause = new Error(`request failed: Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=abcdef0123 token ${SECRET}`);
    const error = new ServerError(`failed with ${SECRET}`, { code: "ServerError", httpStatus: 500, requestId: "R", cause });
    const text = formatCliError(error, { ...options, debug: true });
    assert.ok(!text.includes(SECRET));
    assert.ok(!text.includes("abcdef0123"));
    assert.match(text, /caused by:/);
    assert.match(text, / {4}at /);
  });

  it("--debug prints a non-Error cause as scrubbed JSON, not [object Object]", () => {
    const error = sdkFailure({ category: "server", code: "ServerError", httpStatus: 500, requestId: "R", detail: `boom, Signature=abc123 ${SECRET}` }, 3);
    const text = formatCliError(error, { ...options, debug: true });
    assert.doesNotMatch(text, /\[object Object\]/);
    assert.match(text, /^caused by:\n\{"category":"server","code":"ServerError","httpStatus":500,"message":"boom, Signature=\*\*\* \*\*\*"\}$/m);
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const withCycle = new ThrottlingError("slow", { code: "Throttling", cause: cyclic });
    assert.match(formatCliError(withCycle, { ...options, debug: true }), /^caused by:\n\[object Object\]$/m, "a cycle still prints something");
  });

  const scrubs: [string, string][] = [
    ["Signature=0a1b2c&x=1", "Signature=***&x=1"],
    ['{"AccessKeySecret":"abc"}', '{"AccessKeySecret":"***"}'],
    ["x-acs-security-token: tok123", "x-acs-security-token: ***"],
    [`env ${SECRET} twice ${SECRET}`, "env *** twice ***"],
  ];
  for (const [input, expected] of scrubs) it(`scrubs ${JSON.stringify(input)}`, () => assert.equal(scrubSecrets(input, [SECRET]), expected));
});
