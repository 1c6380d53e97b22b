/** Relay's default size limits (spec §3.7). */
export const limits = {
  /** An event item, and the body of /store/. */
  eventBytes: 1024 * 1024,
  /** An envelope after decompression. */
  envelopeBytes: 100 * 1024 * 1024,
  /** A request body as sent, before decompression. */
  requestBytes: 20 * 1000 * 1000,
  clientReportBytes: 4 * 1024,
  checkInBytes: 100 * 1024,
  sessionsPerEnvelope: 100,
  /**
   * Nesting of a JSON document (event, header). serde_json, the JSON reader Relay uses, stops at
   * 128 levels by default; the deepest recorded SDK payload (a view hierarchy) has 17.
   */
  jsonDepth: 128,
};
