const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Parses the `YYYY-MM-DDTHH:mm:ssZ` UTC timestamps of `x-acs-date` and the `Timestamp` parameter.
 * Returns ms since the epoch, or null when the text is not exactly in that form (the service
 * rejects RFC 1123 dates, offsets, fractions of a second and bare numbers there) or names a time
 * that does not exist (`2030-02-30`, `24:00:00`, which `Date.parse` would roll over).
 */
export function parseAcsTimestamp(text: string): number | null {
  if (!ISO_SECONDS.test(text)) return null;
  const ms = Date.parse(text);
  if (Number.isNaN(ms) || new Date(ms).toISOString() !== text.replace(/Z$/, ".000Z")) return null;
  return ms;
}
