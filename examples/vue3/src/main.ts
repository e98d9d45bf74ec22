import { createApp } from 'vue';
// Registers the ov-* elements before the app mounts, so Vue sees their properties and sets tokenProvider as one.
import 'openvidu-elements/define.js';
import App from './App.vue';

createApp(App).mount('#app');
