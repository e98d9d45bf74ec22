import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `base: './'`: the built app works from any folder (the tests serve it under /examples/react18/).
// `dedupe`: in this repository openvidu-elements is the workspace root, which has React 19 for the other examples;
// an app that installs the package from npm has one React and needs no such line.
export default defineConfig({ base: './', plugins: [react()], resolve: { dedupe: ['react', 'react-dom'] } });
