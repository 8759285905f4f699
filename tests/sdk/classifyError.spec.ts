import assert from "node:assert/strict";
import { classifyError, type ErrorCategory } from "../../sdk/retry/classifyError";
import { ResponseValidationError } from "../../sdk/transport/createPageClient";
import { ClientError, LiveMessageGroupsError, ServerError, type LiveMessageGroupsErrorKind } from "../../sdk/errors";

/** Builds an error shaped like openapi-client's ResponseError for a JSON 4xx/5xx answer. */
function responseError(code: string, status: number, message = "msg", requestId = "REQ-1"): Error {
  const data = { RequestId: requestId, HostId: "live.aliyuncs.com", Code: code, Message: message, statusCode: status };
  return Object.assign(new Error(`${code}: code: ${status}, ${message} request id: ${requestId}`), {
    code, statusCode: status, data, description: "undefined",
  });
}

function withCode(code: string, message = "socket"): Error {
  return Object.assign(new Error(message), { code });
}

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

const TABLE: ReadonlyArray<readonly [string, unknown, ErrorCategory, boolean, string | null, number | null]> = [
  ["InputInvalid 400", responseError("InputInvalid", 400), "client", false, "InputInvalid", 400],
  ["NoAuth 403", responseError("NoAuth", 403), "client", false, "NoAuth", 403],
  ["ResourceNotExist 404", responseError("ResourceNotExist", 404), "client", false, "ResourceNotExist", 404],
  ["SignatureDoesNotMatch 400", responseError("SignatureDoesNotMatch", 400), "client", false, "SignatureDoesNotMatch", 400],
  ["InvalidAccessKeyId.NotFound 404", responseError("InvalidAccessKeyId.NotFound", 404), "client", false, "InvalidAccessKeyId.NotFound", 404],
  ["ServerError 500", responseError("ServerError", 500), "server", true, "ServerError", 500],
  ["InternalError 500", responseError("InternalError", 500), "server", true, "InternalError", 500],
  ["ServiceUnavailable 503", responseError("ServiceUnavailable", 503), "server", true, "ServiceUnavailable", 503],
  ["unknown code 504", responseError("GatewayTimeout", 504), "server", true, "GatewayTimeout", 504],
  ["Throttling 400", responseError("Throttling", 400), "throttling", true, "Throttling", 400],
  ["Throttling.User 400", responseError("Throttling.User", 400), "throttling", true, "Throttling.User", 400],
  ["Throttling.Api 400", responseError("Throttling.Api", 400), "throttling", true, "Throttling.Api", 400],
  ["Rejected.Throttling 400", responseError("Rejected.Throttling", 400), "throttling", true, "Rejected.Throttling", 400],
  ["Throttling.Custom 503", responseError("Throttling.Custom", 503), "throttling", true, "Throttling.Custom", 503],
  // Code first, status second: a Code in no known set (a gateway's own) leaves the status to decide.
  ["unknown code 429 (a gateway's TooManyRequests): by its status", responseError("TooManyRequests", 429), "throttling", true, "TooManyRequests", 429],
  ["unknown code 429 (Too.Many.Requests)", responseError("Too.Many.Requests", 429), "throttling", true, "Too.Many.Requests", 429],
  ["server code 429: the code decides", responseError("ServiceUnavailable", 429), "server", true, "ServiceUnavailable", 429],
  ["unknown code 503", responseError("BackendDown", 503), "server", true, "BackendDown", 503],
  ["JSON 500 without Code", Object.assign(new Error("undefined: code: 500"), { code: "undefined", statusCode: 500, data: { statusCode: 500 } }),
    "server", true, null, 500],
  ["SyntaxError (truncated body, 502 html)", new SyntaxError("Unexpected token < in JSON at position 0"), "malformedResponse", true, "MalformedResponse", null],
  ["'The value is not a object'", new Error("The value is not a object"), "malformedResponse", true, "MalformedResponse", null],
  ["ECONNRESET", withCode("ECONNRESET"), "network", true, "ECONNRESET", null],
  ["ECONNREFUSED", withCode("ECONNREFUSED"), "network", true, "ECONNREFUSED", null],
  ["EPIPE", withCode("EPIPE"), "network", true, "EPIPE", null],
  ["ENOTFOUND (permanent)", withCode("ENOTFOUND"), "network", false, "ENOTFOUND", null],
  ["TLS certificate (permanent)", withCode("DEPTH_ZERO_SELF_SIGNED_CERT"), "network", false, "DEPTH_ZERO_SELF_SIGNED_CERT", null],
  ["RequestTimeoutError", named("RequestTimeoutError", "ReadTimeout: 100. GET / failed."), "timeout", true, "RequestTimeout", null],
  ["AbortError", named("AbortError", "aborted"), "aborted", false, null, null],
  ["schema failure", new ResponseValidationError("GroupList.0.Createtime: expected number", "REQ-9"), "invalidResponse", true, "InvalidResponse", null],
  ["our ServerError", new ServerError("x", { code: "ServerError", httpStatus: 500 }), "server", true, "ServerError", 500],
  ["our ClientError", new ClientError("x", { code: "CredentialsNotFound" }), "client", false, "CredentialsNotFound", null],
  ["plain Error", new Error("something odd"), "network", false, "UnexpectedError", null],
  ["a string", "boom", "network", false, "UnexpectedError", null],
];

/** Every network code worth another attempt: the connection failed, not the request. */
const RETRYABLE_NETWORK_CODES = [
  "ECONNRESET", "ECONNREFUSED", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH",
  "ENETDOWN", "EHOSTDOWN", "UND_ERR_SOCKET", "ERR_STREAM_PREMATURE_CLOSE",
  // Too many open files (ulimit -n under the default concurrency): the requests in flight free theirs as they end.
  "EMFILE", "ENFILE",
] as const;

/** Our own errors are classified by `kind` alone (a copy of the package may have thrown them). */
const KIND_TABLE: ReadonlyArray<readonly [LiveMessageGroupsErrorKind, ErrorCategory, boolean]> = [
  ["InvalidArgument", "client", false],
  ["ClientError", "client", false],
  ["Consistency", "client", false],
  ["Throttling", "throttling", true],
  ["ServerError", "server", true],
  ["Network", "network", true],
  ["Timeout", "timeout", true],
  ["Aborted", "aborted", false],
  ["InvalidResponse", "invalidResponse", true],
  // A bug caught and typed once (an InternalError passed up through another layer) stays a bug: never retried.
  ["Internal", "internal", false],
];

/** A service error body without HTTP >= 500: the Code alone must make it a server error. */
function bodyOnly(fields: Record<string, unknown>, data: Record<string, unknown>): Error {
  return Object.assign(new Error("service said no"), fields, { data });
}

const CODE_TABLE: ReadonlyArray<readonly [string, unknown, ErrorCategory, boolean, string | null, number | null]> = [
  ...["ServerError", "InternalError", "ServiceUnavailable", "ServiceTimeout"].flatMap((code) => [
    [`${code} with HTTP 400`, responseError(code, 400), "server", true, code, 400] as const,
    [`${code} without any status`, bodyOnly({ code }, { Code: code }), "server", true, code, null] as const,
  ]),
  ["status 500 exactly, unknown code", responseError("Odd", 500), "server", true, "Odd", 500],
  ["status 499, unknown code", responseError("Odd", 499), "client", false, "Odd", 499],
  ["body Code when the error has no code", bodyOnly({ statusCode: 403 }, { Code: "NoAuth" }), "client", false, "NoAuth", 403],
  ["body Code when the error's code is the string 'undefined'", bodyOnly({ code: "undefined", statusCode: 400 }, { Code: "Throttling.User" }),
    "throttling", true, "Throttling.User", 400],
  ["body Code ServerError with an empty error code", bodyOnly({ code: "", statusCode: 400 }, { Code: "ServerError" }), "server", true, "ServerError", 400],
  ["the error's own code wins over the body's", bodyOnly({ code: "NoAuth", statusCode: 400 }, { Code: "ServerError" }), "client", false, "NoAuth", 400],
  ["status only in the body", bodyOnly({ code: "X" }, { Code: "X", statusCode: 502 }), "server", true, "X", 502],
  ["the error's status wins over the body's", bodyOnly({ code: "X", statusCode: 404 }, { statusCode: 502 }), "client", false, "X", 404],
  ["a status that is not a finite number is no status", bodyOnly({ code: "X", statusCode: Number.NaN }, { statusCode: "500" }), "client", false, "X", null],
  ["throttling in any case, anywhere in the code", responseError("Api.THROTTLING.Quota", 400), "throttling", true, "Api.THROTTLING.Quota", 400],
  ["an array as data is no body", Object.assign(new Error("odd"), { code: "ECONNRESET", data: [1] }), "network", true, "ECONNRESET", null],
  ["a status without a body", Object.assign(new Error("odd"), { statusCode: 503 }), "server", true, null, 503],
];

describe("classifyError", () => {
  for (const [kind, category, retryable] of KIND_TABLE) {
    it(`our ${kind} error -> ${category}${retryable ? " (retryable)" : ""}`, () => {
      const error = new LiveMessageGroupsError(kind, `a ${kind}`, { code: `C-${kind}`, httpStatus: 418, requestId: `R-${kind}` });
      assert.deepEqual(classifyError(error), {
        category, retryable, code: `C-${kind}`, httpStatus: 418, requestId: `R-${kind}`, detail: `a ${kind}`,
      });
    });
  }

  it("an object with a valid kind that is not an Error is not ours", () => {
    const result = classifyError({ kind: "Aborted", message: "m", code: "ECONNRESET" });
    assert.equal(result.category, "network");
    assert.equal(result.retryable, true);
  });

  for (const code of RETRYABLE_NETWORK_CODES) {
    it(`network code ${code} -> network (retryable)`, () => {
      assert.deepEqual(classifyError(withCode(code, `connect ${code}`)), {
        category: "network", retryable: true, code, httpStatus: null, requestId: null, detail: `connect ${code}`,
      });
    });
  }

  for (const [name, error, category, retryable, code, status] of CODE_TABLE) {
    it(`${name} -> ${category}${retryable ? " (retryable)" : ""}`, () => {
      const result = classifyError(error);
      assert.equal(result.category, category);
      assert.equal(result.retryable, retryable);
      assert.equal(result.code, code);
      assert.equal(result.httpStatus, status);
    });
  }

  it("a gateway's JSON error in lower camel case (code, message, requestId) is read as the service's: its code decides", () => {
    const error = bodyOnly({ code: "undefined", statusCode: 400 }, { code: "Throttling.User", message: "Request was denied due to user flow control.", requestId: "GW-1" });
    assert.deepEqual(classifyError(error), {
      category: "throttling", retryable: true, code: "Throttling.User", httpStatus: 400, requestId: "GW-1", detail: "Request was denied due to user flow control.",
    });
  });

  it("a 3xx answer whose body is not the service's is a redirect: not retried, with its code, status, RequestId and where it points", () => {
    const page = (httpStatus: number, location: string | null) =>
      Object.assign(new SyntaxError("Unexpected token <"), { answer: { httpStatus, requestId: "R-3", location } });
    for (const httpStatus of [301, 302, 303, 307, 308]) {
      const result = classifyError(page(httpStatus, "https://www.example.com/live"));
      assert.deepEqual([result.category, result.retryable, result.code, result.httpStatus, result.requestId], ["client", false, "Redirect", httpStatus, "R-3"]);
      assert.match(result.detail, new RegExp(`^HTTP ${httpStatus} redirect: the endpoint is not the service's API address; .*; it points to https://www\\.example\\.com/live$`));
    }
    // The rest of 3xx: no redirect the API could mean, and not retried as a cut body either.
    for (const httpStatus of [300, 304, 399]) {
      const result = classifyError(page(httpStatus, null));
      assert.deepEqual([result.category, result.retryable, result.code, result.httpStatus], ["client", false, "Redirect", httpStatus], String(httpStatus));
      assert.match(result.detail, new RegExp(`^HTTP ${httpStatus}, an answer the API never gives: `));
    }
    // A Location is the answer's to choose: escaped, and 200 characters of it at most.
    const location = `https://www.example.com/\u001b[2J${"a".repeat(500)}`;
    const long = classifyError(page(302, location));
    assert.ok(long.detail.endsWith(`; it points to ${"https://www.example.com/\\x1b[2J".concat("a".repeat(500)).slice(0, 200)}`), long.detail);
  });

  it("a body that is not JSON under an error status is judged by the status, as a JSON error without a Code", () => {
    const page = (httpStatus: number) => Object.assign(new SyntaxError("Unexpected token <"), { answer: { httpStatus, requestId: "R-1" } });
    const table: readonly (readonly [number, string, boolean])[] = [
      [400, "client", false], [403, "client", false], [404, "client", false], [429, "throttling", true], [500, "server", true], [502, "server", true], [504, "server", true],
    ];
    for (const [httpStatus, category, retryable] of table) {
      const result = classifyError(page(httpStatus));
      assert.deepEqual([result.category, result.retryable, result.httpStatus, result.requestId], [category, retryable, httpStatus, "R-1"], String(httpStatus));
      assert.match(result.detail, new RegExp(`^HTTP ${httpStatus} with a body that is not the service's \\(the body is not valid JSON\\)`));
    }
    // A success whose body is cut stays a malformed response, retried in full.
    assert.equal(classifyError(page(200)).category, "malformedResponse");
    const notObject = Object.assign(new Error("The value is not a object"), { answer: { httpStatus: 403, requestId: null } });
    assert.equal(classifyError(notObject).category, "client");
  });

  it("details of the non-service failures", () => {
    assert.deepEqual(classifyError(new SyntaxError("Unexpected token <")), {
      category: "malformedResponse", retryable: true, code: "MalformedResponse", httpStatus: null, requestId: null, detail: "the body is not valid JSON",
    });
    assert.deepEqual(classifyError(new Error("The value is not a object")), {
      category: "malformedResponse", retryable: true, code: "MalformedResponse", httpStatus: null, requestId: null,
      detail: "the body is JSON but not an object",
    });
    assert.deepEqual(classifyError(named("RequestTimeoutError", "ReadTimeout: 100")), {
      category: "timeout", retryable: true, code: "RequestTimeout", httpStatus: null, requestId: null, detail: "ReadTimeout: 100",
    });
    assert.deepEqual(classifyError(Object.assign(named("AbortError", "stop"), { code: "ABORT_ERR" })), {
      category: "aborted", retryable: false, code: "ABORT_ERR", httpStatus: null, requestId: null, detail: "stop",
    });
    assert.deepEqual(classifyError(new ResponseValidationError("GroupList: expected array", "REQ-9")), {
      category: "invalidResponse", retryable: true, code: "InvalidResponse", httpStatus: null, requestId: "REQ-9",
      detail: "the body failed validation at GroupList: expected array",
    });
    assert.deepEqual(classifyError(withCode("ENOTFOUND", "getaddrinfo ENOTFOUND x")), {
      category: "network", retryable: false, code: "ENOTFOUND", httpStatus: null, requestId: null, detail: "getaddrinfo ENOTFOUND x",
    });
    assert.deepEqual(classifyError(42), {
      category: "network", retryable: false, code: "UnexpectedError", httpStatus: null, requestId: null, detail: "42",
    });
    assert.deepEqual(classifyError(null), {
      category: "network", retryable: false, code: "UnexpectedError", httpStatus: null, requestId: null, detail: "null",
    });
    assert.deepEqual(classifyError({}), {
      category: "network", retryable: false, code: "UnexpectedError", httpStatus: null, requestId: null, detail: "",
    });
  });

  it("a Code and RequestId with control characters or bidi overrides are held escaped, and a very long one cut", () => {
    const result = classifyError(bodyOnly({ code: "Bad\u001b[31mCode", statusCode: 400 }, { RequestId: "REQ\n1\u202e", Message: "m" }));
    assert.deepEqual([result.code, result.requestId], ["Bad\\x1b[31mCode", "REQ\\n1\\u202e"]);
    const long = classifyError(bodyOnly({ code: "C", statusCode: 400 }, { RequestId: "R".repeat(100_000), Message: "m" }));
    assert.equal(long.requestId, `${"R".repeat(128)}…`);
  });

  it("a service error without a Message keeps the error's own message; an empty RequestId is none", () => {
    const result = classifyError(bodyOnly({ code: "NoAuth", statusCode: 403 }, { RequestId: "", Message: "" }));
    assert.equal(result.detail, "service said no");
    assert.equal(result.requestId, null);
  });

  for (const [name, error, category, retryable, code, status] of TABLE) {
    it(`${name} -> ${category}${retryable ? " (retryable)" : ""}`, () => {
      const result = classifyError(error);
      assert.equal(result.category, category);
      assert.equal(result.retryable, retryable);
      assert.equal(result.code, code);
      assert.equal(result.httpStatus, status);
    });
  }

  it("an answer that began and then stalled until the transport's read timer aborted it is the request timeout, with the answer's status and RequestId", () => {
    // The body reader's error after httpx's request.abort(): Node's "aborted", as for a reset by the server.
    const aborted = (readTimedOut: boolean): Error => Object.assign(withCode("ECONNRESET", "aborted"), {
      answer: { httpStatus: 200, requestId: "RID-STALL", location: null, readTimedOut },
    });
    assert.deepEqual(classifyError(aborted(true)), {
      category: "timeout", retryable: true, code: "RequestTimeout", httpStatus: 200, requestId: "RID-STALL",
      detail: "the endpoint stopped sending mid-answer: its body did not finish within requestTimeoutMs",
    });
    // Reset by the server (the timer did not fire): still the network failure it is.
    assert.deepEqual(classifyError(aborted(false)), {
      category: "network", retryable: true, code: "ECONNRESET", httpStatus: null, requestId: null, detail: "aborted",
    });
  });

  it("OpenSSL's EPROTO \"wrong version number\" (https:// to a plain-HTTP server): the endpoint does not speak TLS, not retried, the sending line kept", () => {
    const error = withCode("EPROTO", "write EPROTO 80DC6662A27F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:" +
      "../deps/openssl/openssl/ssl/record/ssl3_record.c:350:\nGET https://proxy.corp.example:8080/?AppId=a failed.");
    assert.deepEqual(classifyError(error), {
      category: "network", retryable: false, code: "EPROTO", httpStatus: null, requestId: null,
      detail: "the endpoint does not speak TLS: it answered the TLS handshake with something else, such as plain HTTP (OpenSSL: " +
        "wrong version number) GET https://proxy.corp.example:8080/?AppId=a failed.",
    });
    // Other TLS protocol failures keep OpenSSL's words.
    assert.equal(classifyError(withCode("EPROTO", "write EPROTO ...:sslv3 alert handshake failure")).detail, "write EPROTO ...:sslv3 alert handshake failure");
  });

  it("a JSON error keeps its RequestId and Message whichever rule classifies it (Code or status)", () => {
    const table: ReadonlyArray<readonly [string, string, number, ErrorCategory]> = [
      ["the service's throttling Code", "Throttling.User", 400, "throttling"],
      ["a server Code", "ServiceUnavailable", 400, "server"],
      ["HTTP 429 under another Code", "TooManyRequests", 429, "throttling"],
      ["HTTP 5xx under another Code", "BadGateway", 502, "server"],
      ["HTTP 4xx under another Code", "NoAuth", 403, "client"],
    ];
    for (const [name, code, status, category] of table) {
      const result = classifyError(responseError(code, status, "what went wrong", "RID-9"));
      assert.deepEqual([result.category, result.code, result.httpStatus, result.requestId, result.detail], [category, code, status, "RID-9", "what went wrong"], name);
    }
  });

  it("reads RequestId and Message from a service error body", () => {
    const result = classifyError(responseError("NoAuth", 403, "You are not authorized.", "RID-7"));
    assert.equal(result.requestId, "RID-7");
    assert.equal(result.detail, "You are not authorized.");
  });
});
