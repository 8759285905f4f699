const ISO_SECONDS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * Parses the `YYYY-MM-DDTHH:mm:ssZ` UTC timestamps of `x-acs-date` and the `Timestamp` parameter.
 * Returns ms since the epoch, or null when the text is not in that form (the service rejects
 * RFC 1123 dates, offsets and bare numbers there).
 */
export function parseAcsTimestamp(text: string): number | null {
  if (!ISO_SECONDS.test(text)) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : ms;
}
