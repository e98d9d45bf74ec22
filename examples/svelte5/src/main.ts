import { mount } from 'svelte';
// Registers the ov-* elements before the app mounts, so Svelte sees their properties and sets tokenProvider as one.
import 'openvidu-elements/define.js';
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
