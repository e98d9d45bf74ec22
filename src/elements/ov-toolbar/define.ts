// The toolbar is made of these public elements.
import '../ov-toggle/define.js';
import '../ov-panel-toggle/define.js';
import '../ov-layout-toggle/define.js';
import '../ov-leave-button/define.js';
import { OvToolbar } from './ov-toolbar.js';

if (!customElements.get('ov-toolbar')) customElements.define('ov-toolbar', OvToolbar);

declare global {
  interface HTMLElementTagNameMap {
    'ov-toolbar': OvToolbar;
  }
}
