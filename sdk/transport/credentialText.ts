import { DescribedValue, InvalidArgumentError, VALUE_NOT_SHOWN } from "../errors";
import type { Credentials } from "../types";

/** What an AccessKeyId, AccessKeySecret or security token may be, as every message about one says. */
export const CREDENTIAL_TEXT = "a non-empty string without spaces or control characters";

/**
 * True for text that can be a credential: keys and tokens hold no spaces or control characters, and
 * a value that does (a CRLF env file's trailing "\r", a pasted space) would fail as an HTTP header
 * or a signature mismatch far from its cause.
 */
export function isCredentialText(value: unknown): value is string {
// eslint-disable-next-line no-control-regex
  return typeof value === "string" && value !== "" && !/[\s\u0000-\u001f\u007f-\u009f]/.test(value);
}

/** Alibaba Cloud's AccessKeyIds: an account's or a RAM user's starts with `LTAI`, an STS one with `STS.`. */
const ACCESS_KEY_ID_SHAPE = /^(?:LTAI|STS\.)[A-Za-z0-9]+$/;

/**
 * How a message names an AccessKeyId: as it is when it has the shape of one, else not at all. A key
 * pair swapped between its two variables (or its secret pasted into the AccessKeyId's) would put
 * the AccessKeySecret into the "AccessKeyId ... is unknown" of a CI log.
 */
export function nameAccessKeyId(accessKeyId: string): string {
  return ACCESS_KEY_ID_SHAPE.test(accessKeyId)
    ? `AccessKeyId ${accessKeyId}`
    : "the AccessKeyId (not shown: it does not start with LTAI, or STS. for an STS key, as Alibaba Cloud's do; is it the AccessKeySecret?)";
}

/**
 * A rejected AccessKeyId as an error may show it: whole when it is one with a space or control
 * character at an end (a CRLF file's "\r", a pasted space), else only described: a value that is
 * no AccessKeyId may be the secret (a pair swapped), and a space or control character inside may
 * part an AccessKeyId from its secret pasted beside it.
 */
export function rejectedAccessKeyId(value: unknown): unknown {
  if (typeof value !== "string") return value;
  const trimmed = value.trim();
  if (trimmed === "" || ACCESS_KEY_ID_SHAPE.test(trimmed)) return value;
  return new DescribedValue(isCredentialText(trimmed)
    ? "a value with a space or control character at an end (not shown: it does not start with LTAI, or STS. for an STS key, as Alibaba Cloud's do; is it the AccessKeySecret?)"
    : "a value with a space or control character inside (not shown: it may hold the AccessKeySecret beside the AccessKeyId)");
}

/**
 * Throws an InvalidArgumentError naming where a credential came from (`names`: the AccessKeyId's,
 * the secret's and the token's) when one is not {@link isCredentialText}. Only the AccessKeyId is
 * ever echoed, and only as {@link rejectedAccessKeyId} allows.
 */
export function assertCredentialText(keys: Credentials, names: { readonly accessKeyId: string; readonly accessKeySecret: string; readonly securityToken: string }): void {
  if (!isCredentialText(keys.accessKeyId)) throw new InvalidArgumentError(names.accessKeyId, CREDENTIAL_TEXT, rejectedAccessKeyId(keys.accessKeyId));
  if (!isCredentialText(keys.accessKeySecret)) throw new InvalidArgumentError(names.accessKeySecret, CREDENTIAL_TEXT, VALUE_NOT_SHOWN);
  if (keys.securityToken !== undefined && !isCredentialText(keys.securityToken)) throw new InvalidArgumentError(names.securityToken, CREDENTIAL_TEXT, VALUE_NOT_SHOWN);
}
