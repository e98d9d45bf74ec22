// The layout shows <ov-video> tiles.
import '../ov-video/define.js';
import { OvLayout } from './ov-layout.js';

if (!customElements.get('ov-layout')) customElements.define('ov-layout', OvLayout);

declare global {
  interface HTMLElementTagNameMap {
    'ov-layout': OvLayout;
  }
}
