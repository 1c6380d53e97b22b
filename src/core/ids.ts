import { randomBytes } from 'node:crypto';

/** 32 hex characters: the shape of Sentry's public and secret keys. */
export const newKeyHex = () => randomBytes(16).toString('hex');

/**
 * A user-style token (`sntryu_` + 64 hex). sentry-cli accepts it as is; a token starting
 * `sntrys_` would instead carry its own URL and override SENTRY_URL.
 */
export const newAuthToken = () => `sntryu_${randomBytes(32).toString('hex')}`;
