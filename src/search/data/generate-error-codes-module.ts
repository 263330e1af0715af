/* eslint-disable no-restricted-imports -- a build-time script run by tsx, never imported by the app. */
/**
 * Regenerates `error-codes-tsv.ts` from `error-codes.tsv`, so the table reaches the renderer, the
 * worker, vitest and the CLI as a plain TS module (no fs, no bundler-specific `?raw` import).
 *
 *   npx tsx src/search/data/generate-error-codes-module.ts && npx prettier --write src/search/data
 */
import { readFileSync, writeFileSync } from 'node:fs';

const dir = new URL('.', import.meta.url);
const tsv = readFileSync(new URL('error-codes.tsv', dir), 'utf8');
const header = `/**
 * GENERATED from error-codes.tsv by generate-error-codes-module.ts; do not edit by hand.
 * Apple networking error codes, read from public headers: swift-corelibs-foundation
 * (NSURLError.swift, CFStream), Apple's CFNetworkErrors.h (via webkitdotnet, confirmed in
 * NativeScript's iOS SDK typings), Security's SecBase.h, mDNSResponder's dns_sd.h, xnu's errno.h and
 * NetworkExtension SDK headers (via wireguard-apple and NativeScript). The source column names each.
 */
`;
writeFileSync(new URL('error-codes-tsv.ts', dir), `${header}export const ERROR_CODES_TSV = ${JSON.stringify(tsv)};\n`);
