import assert from "node:assert/strict";
import { classifyError, type ErrorCategory } from "../../sdk/classifyError";
import { ResponseValidationError } from "../../sdk/createPageClient";
import { ClientError, ServerError } from "../../sdk/errors";

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

describe("classifyError", () => {
  for (const [name, error, category, retryable, code, status] of TABLE) {
    it(`${name} -> ${category}${retryable ? " (retryable)" : ""}`, () => {
      const result = classifyError(error);
      assert.equal(result.category, category);
      assert.equal(result.retryable, retryable);
      assert.equal(result.code, code);
      assert.equal(result.httpStatus, status);
    });
  }

  it("reads RequestId and Message from a service error body", () => {
    const result = classifyError(responseError("NoAuth", 403, "You are not authorized.", "RID-7"));
    assert.equal(result.requestId, "RID-7");
    assert.equal(result.detail, "You are not authorized.");
  });
});
