import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

// `base: './'`: the built app works from any folder (the tests serve it under /examples/svelte5/).
export default defineConfig({ base: './', plugins: [svelte()] });
