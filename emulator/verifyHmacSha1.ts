import { createHmac } from "node:crypto";
import { canonicalQuery, percentEncode } from "./percentEncode";
import type { IncomingCall } from "./readCall";
import {
  constantTimeEqual, incompleteSignature, type KeyLookup, required, requireKeyPair, signatureDoesNotMatch, type SignedClaim,
} from "./signedClaim";

/**
 * Verifies the older RPC query signature (`SignatureMethod=HMAC-SHA1`, `SignatureVersion=1.0`):
 * StringToSign = `METHOD&%2F&` + percentEncode(sorted, encoded `name=value` pairs of every query
 * and form parameter except `Signature`); Signature = base64(HMAC-SHA1(secret + "&", StringToSign)).
 */
export function verifyHmacSha1(call: IncomingCall, lookup: KeyLookup): SignedClaim {
  const params = call.params;
  const signature = required(params["Signature"], "Signature");
  const accessKeyId = required(params["AccessKeyId"], "AccessKeyId");
  const method = required(params["SignatureMethod"], "SignatureMethod");
  const version = required(params["SignatureVersion"], "SignatureVersion");
  const nonce = required(params["SignatureNonce"], "SignatureNonce");
  const date = required(params["Timestamp"], "Timestamp");
  if (method !== "HMAC-SHA1") throw incompleteSignature("SignatureMethod must be HMAC-SHA1.");
  if (version !== "1.0") throw incompleteSignature("SignatureVersion must be 1.0.");
  const keyPair = requireKeyPair(lookup, accessKeyId);

  const signed = [...call.queryPairs, ...call.formPairs].filter(([name]) => name !== "Signature");
  const stringToSign = `${call.method}&${percentEncode("/")}&${percentEncode(canonicalQuery(signed))}`;
  const expected = createHmac("sha1", `${keyPair.accessKeySecret}&`).update(stringToSign).digest("base64");
  if (!constantTimeEqual(signature, expected)) throw signatureDoesNotMatch();
  return { accessKeyId, keyPair, nonce, date, securityToken: params["SecurityToken"] ?? null };
}
