import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

// Vue renders a tag it does not know as a component it cannot find unless told it is a custom element: the ov-*
// tags are. `base: './'`: the built app works from any folder (the tests serve it under /examples/vue3/).
export default defineConfig({
  base: './',
  plugins: [vue({ template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('ov-') } } })],
});
