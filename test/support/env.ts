// Addresses of the servers the test runner started for this run (test/support/wtr-plugins.mjs).
// @ts-expect-error served by the test runner, not a file
import * as served from '/__ov-test-env.js';

const env = served as Record<string, string>;
/** The local OpenVidu-compatible server, e.g. http://127.0.0.1:41234 (tutorial endpoints at /api). */
export const OV_SERVER_URL: string = env.OV_SERVER_URL!;
export const OV_SECRET: string = env.OV_SECRET!;
/** test/support/token-fixture-server.mjs: well-behaved and broken application servers. */
export const TOKEN_FIXTURE_URL: string = env.TOKEN_FIXTURE_URL!;
/** An address where nothing listens. */
export const UNREACHABLE_URL: string = env.UNREACHABLE_URL!;
