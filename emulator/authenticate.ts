import { parseAcsTimestamp } from "./acsTimestamp";
import { NonceCache } from "./nonceCache";
import type { IncomingCall } from "./readCall";
import { ServiceError } from "./serviceError";
import { constantTimeEqual, type KeyLookup } from "./signedClaim";
import { acs3ClaimedKey, verifyAcs3 } from "./verifyAcs3";
import { verifyHmacSha1 } from "./verifyHmacSha1";

/** A request whose signature, date, STS token and nonce passed. */
export interface Authenticated {
  readonly accessKeyId: string;
  /** Records the nonce as used: call it once the request is admitted (a rejected one does not burn it). */
  readonly useNonce: () => void;
}

/** Checks signatures, dates, STS tokens and nonces; answers the verified AccessKeyId. */
export interface Authenticator {
  /** The verified request, or throws a {@link ServiceError}. */
  authenticate(call: IncomingCall, nowMs: number): Authenticated;
}

/** The AccessKeyId a request claims (verified or not), for the request log. */
export function claimedAccessKeyId(call: IncomingCall): string | null {
  const authorization = call.headers.authorization;
  if (authorization !== undefined) return acs3ClaimedKey(authorization);
  return call.params["AccessKeyId"] ?? null;
}

/**
 * An `Authorization` header selects ACS3-HMAC-SHA256, else a `Signature` parameter selects HMAC-SHA1.
 * After the signature: the signed date must be within `maxClockSkewMs` of the emulator's clock, the
 * STS token must match when the key pair has one (and be absent when it has none) and not be past its
 * `securityTokenExpiresAt`, and the nonce must
 * be new for that AccessKeyId. The nonce is recorded only when the caller says the request was
 * admitted (`useNonce`, after the throttle), so a rejected request does not burn it. A nonce is
 * remembered for as long as its date is accepted, that last millisecond included.
 */
export function createAuthenticator(lookup: KeyLookup, maxClockSkewMs: number): Authenticator {
  const nonces = new NonceCache();
  return {
    authenticate(call, nowMs) {
      const authorization = call.headers.authorization;
      let claim;
      if (authorization !== undefined) claim = verifyAcs3(call, authorization, lookup);
      else if (call.params["Signature"] !== undefined) claim = verifyHmacSha1(call, lookup);
      else throw new ServiceError(400, "MissingParameter", "The request is not signed: no Authorization header and no Signature parameter.");

      const dateMs = parseAcsTimestamp(claim.date);
      if (dateMs === null) throw new ServiceError(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.");
      if (Math.abs(nowMs - dateMs) > maxClockSkewMs) {
        throw new ServiceError(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.");
      }
      const expectedToken = claim.keyPair.securityToken;
      if (expectedToken !== undefined && claim.securityToken === null) {
        throw new ServiceError(400, "MissingSecurityToken", "SecurityToken is mandatory for this AccessKeyId.");
      }
      if (expectedToken === undefined && claim.securityToken !== null) {
        throw new ServiceError(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is malformed.");
      }
      if (expectedToken !== undefined && claim.securityToken !== null && !constantTimeEqual(claim.securityToken, expectedToken)) {
        throw new ServiceError(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.");
      }
      const tokenExpiresAt = claim.keyPair.securityTokenExpiresAt;
      if (tokenExpiresAt !== undefined && nowMs >= tokenExpiresAt) {
        throw new ServiceError(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.");
      }
      // The date is accepted up to and including now = date + skew: the nonce is remembered past that.
      const expiresAt = dateMs + maxClockSkewMs + 1;
      if (nonces.used(claim.accessKeyId, claim.nonce, nowMs)) {
        throw new ServiceError(400, "SignatureNonceUsed", "Specified signature nonce was used already.");
      }
      return { accessKeyId: claim.accessKeyId, useNonce: () => nonces.remember(claim.accessKeyId, claim.nonce, expiresAt, nowMs) };
    },
  };
}
