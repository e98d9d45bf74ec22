import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// TypeScript in <script lang="ts">, and runes mode for every component (Svelte 5's $state, event attributes).
export default { preprocess: vitePreprocess(), compilerOptions: { runes: true } };
