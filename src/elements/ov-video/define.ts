import { OvVideo } from './ov-video.js';

if (!customElements.get('ov-video')) customElements.define('ov-video', OvVideo);

declare global {
  interface HTMLElementTagNameMap {
    'ov-video': OvVideo;
  }
}
