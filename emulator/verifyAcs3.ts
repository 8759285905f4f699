import { createHash, createHmac } from "node:crypto";
import { canonicalQuery } from "./percentEncode";
import type { IncomingCall } from "./readCall";
import {
  constantTimeEqual, incompleteSignature, type KeyLookup, required, requireKeyPair, signatureDoesNotMatch, type SignedClaim,
} from "./signedClaim";

/** The one V3 algorithm served. */
export const ACS3_ALGORITHM = "ACS3-HMAC-SHA256";

const AUTHORIZATION = /^(\S+)\s+Credential=([^,\s]+)\s*,\s*SignedHeaders=([^,\s]+)\s*,\s*Signature=([0-9a-fA-F]+)\s*$/;

/** The AccessKeyId an `Authorization` header claims, or null. Used for logs before verification. */
export function acs3ClaimedKey(authorization: string): string | null {
  return AUTHORIZATION.exec(authorization)?.[2] ?? null;
}

/**
 * Verifies an `Authorization: ACS3-HMAC-SHA256 Credential=..,SignedHeaders=..,Signature=..` request:
 * `x-acs-action`, `x-acs-version`, `x-acs-date`, `x-acs-signature-nonce` and `x-acs-content-sha256` are
 * required; `host` and every `x-acs-*` header present must be signed, every signed header must be present,
 * `x-acs-content-sha256` must be the hex SHA-256 of the body, and the HMAC-SHA256 of the string to
 * sign (over the canonical request) must match, compared in constant time.
 */
export function verifyAcs3(call: IncomingCall, authorization: string, lookup: KeyLookup): SignedClaim {
  const match = AUTHORIZATION.exec(authorization);
  if (match === null) throw incompleteSignature("the Authorization header is malformed.");
  const [, algorithm = "", accessKeyId = "", signedList = "", signature = ""] = match;
  if (algorithm !== ACS3_ALGORITHM) throw incompleteSignature(`only ${ACS3_ALGORITHM} is supported.`);
  const keyPair = requireKeyPair(lookup, accessKeyId);
  const headers = call.headers;
  const header = (name: string): string | undefined => {
    const value = headers[name];
    return Array.isArray(value) ? value.join(",") : value;
  };
  const date = required(header("x-acs-date"), "x-acs-date");
  const nonce = required(header("x-acs-signature-nonce"), "x-acs-signature-nonce");
  const contentSha256 = required(header("x-acs-content-sha256"), "x-acs-content-sha256");
  // The V3 scheme names the API in these headers (both required): an ACS3 request with Action and
  // Version only in its query is one the service does not route, so it is refused, not served.
  required(header("x-acs-action"), "x-acs-action");
  required(header("x-acs-version"), "x-acs-version");

  // The canonical request lists the signed headers sorted, as the service builds it: a client that
  // signed them in another order signed another request.
  const signedHeaders = [...new Set(signedList.toLowerCase().split(";"))].sort();
  const canonicalList = signedHeaders.join(";");
  if (!signedHeaders.includes("host")) throw incompleteSignature("header host is not signed.");
  for (const name of Object.keys(headers)) {
    if (name.startsWith("x-acs-") && !signedHeaders.includes(name)) throw incompleteSignature(`header ${name} is present but not signed.`);
  }
  let canonicalHeaders = "";
  for (const name of signedHeaders) {
    const value = header(name);
    if (value === undefined) throw incompleteSignature(`signed header ${name} is missing.`);
    canonicalHeaders += `${name}:${value.trim()}\n`;
  }
  if (!constantTimeEqual(contentSha256.toLowerCase(), createHash("sha256").update(call.body).digest("hex"))) {
    throw signatureDoesNotMatch("The x-acs-content-sha256 header does not match the request body.");
  }
  const canonicalRequest = [call.method, call.path, canonicalQuery(call.queryPairs), canonicalHeaders, canonicalList, contentSha256]
    .join("\n");
  const stringToSign = `${ACS3_ALGORITHM}\n${createHash("sha256").update(canonicalRequest).digest("hex")}`;
  const expected = createHmac("sha256", keyPair.accessKeySecret).update(stringToSign).digest("hex");
  if (!constantTimeEqual(signature.toLowerCase(), expected)) throw signatureDoesNotMatch();

  const tokenHeader = header("x-acs-security-token");
  const keyIdHeader = header("x-acs-accesskey-id");
  if (keyIdHeader !== undefined && keyIdHeader !== accessKeyId) throw incompleteSignature("x-acs-accesskey-id differs from Credential.");
  // An STS request names its AccessKeyId in a header too.
  if (tokenHeader !== undefined && keyIdHeader === undefined) throw incompleteSignature("header x-acs-accesskey-id is required with x-acs-security-token.");
  return { accessKeyId, keyPair, nonce, date, securityToken: tokenHeader ?? call.params["SecurityToken"] ?? null };
}
