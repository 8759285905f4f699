/**
 * An error answer of the emulated service: HTTP status, Alibaba `Code` and `Message`.
 * Messages name parameters and headers, never a secret, a token or an expected signature.
 */
export class ServiceError extends Error {
  override readonly name = "ServiceError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Extra response headers (e.g. `x-acs-retry-after`). */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** 400 `MissingParameter`, worded as Alibaba's gateway words it. */
export function missingParameter(name: string): ServiceError {
  return new ServiceError(400, "MissingParameter", `The input parameter "${name}" that is mandatory for processing this request is not supplied.`);
}

/** 400 `InputInvalid` (the product's documented validation code) naming the parameter. */
export function inputInvalid(name: string, detail: string): ServiceError {
  return new ServiceError(400, "InputInvalid", `The parameter ${name} is invalid: ${detail}`);
}

/** 404 `ResourceNotExist` (the product's documented not-found code). */
export function resourceNotExist(what: string): ServiceError {
  return new ServiceError(404, "ResourceNotExist", `The specified resource does not exist: ${what}.`);
}

/** The JSON error body: `{RequestId, HostId, Code, Message, Recommend}`. */
export function errorBody(error: ServiceError, requestId: string, hostId: string): string {
  return JSON.stringify({
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=live&requestId=${requestId}`,
  });
}
