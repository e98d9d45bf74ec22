import { fileURLToPath } from 'node:url';

// The example uses the package from this repository (`file:../..`): the bundler may read files up there.
const root = fileURLToPath(new URL('../..', import.meta.url));

/** @type {import('next').NextConfig} */
export default {
  turbopack: { root },
  outputFileTracingRoot: root,
};
