import { timingSafeEqual } from "node:crypto";
import { missingParameter, ServiceError } from "./serviceError";
import type { EmulatorKeyPair } from "./types";

/** What a request proved with a valid signature; date, token and nonce are checked afterwards. */
export interface SignedClaim {
  readonly accessKeyId: string;
  readonly keyPair: EmulatorKeyPair;
  readonly nonce: string;
  /** The signed date (`x-acs-date` or `Timestamp`), as sent. */
  readonly date: string;
  /** The STS token the request carried, or null. */
  readonly securityToken: string | null;
}

/** Looks a key pair up by AccessKeyId. */
export type KeyLookup = (accessKeyId: string) => EmulatorKeyPair | undefined;

/** The key pair of `accessKeyId`, or 404 `InvalidAccessKeyId.NotFound` (Alibaba answers 404 here). */
export function requireKeyPair(lookup: KeyLookup, accessKeyId: string): EmulatorKeyPair {
  const keyPair = lookup(accessKeyId);
  if (keyPair === undefined) throw new ServiceError(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.");
  return keyPair;
}

/** 400 `SignatureDoesNotMatch`; deliberately says nothing about the expected value. */
export function signatureDoesNotMatch(detail = "Specified signature is not matched with our calculation."): ServiceError {
  return new ServiceError(400, "SignatureDoesNotMatch", detail);
}

/** 400 `IncompleteSignature`: the signature's framing is wrong (which part is named, no values). */
export function incompleteSignature(detail: string): ServiceError {
  return new ServiceError(400, "IncompleteSignature", `The request signature does not conform to Aliyun standards: ${detail}`);
}

/** A required, non-empty value, else 400 `MissingParameter` naming it. */
export function required(value: string | undefined, name: string): string {
  if (value === undefined || value === "") throw missingParameter(name);
  return value;
}

/** Compares two strings in time independent of where they differ (length is not secret). */
export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
