import { InvalidArgumentError, VALUE_NOT_SHOWN } from "../errors";
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

/**
 * Throws an InvalidArgumentError naming where a credential came from (`names`: the AccessKeyId's,
 * the secret's and the token's) when one is not {@link isCredentialText}. Only the AccessKeyId is
 * ever echoed.
 */
export function assertCredentialText(keys: Credentials, names: { readonly accessKeyId: string; readonly accessKeySecret: string; readonly securityToken: string }): void {
  if (!isCredentialText(keys.accessKeyId)) throw new InvalidArgumentError(names.accessKeyId, CREDENTIAL_TEXT, keys.accessKeyId);
  if (!isCredentialText(keys.accessKeySecret)) throw new InvalidArgumentError(names.accessKeySecret, CREDENTIAL_TEXT, VALUE_NOT_SHOWN);
  if (keys.securityToken !== undefined && !isCredentialText(keys.securityToken)) throw new InvalidArgumentError(names.securityToken, CREDENTIAL_TEXT, VALUE_NOT_SHOWN);
}
