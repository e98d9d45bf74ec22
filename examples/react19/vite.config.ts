import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `base: './'`: the built app works from any folder (the tests serve it under /examples/react19/).
export default defineConfig({ base: './', plugins: [react()] });
