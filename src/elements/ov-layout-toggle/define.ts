import { OvLayoutToggle } from './ov-layout-toggle.js';

if (!customElements.get('ov-layout-toggle')) customElements.define('ov-layout-toggle', OvLayoutToggle);

declare global {
  interface HTMLElementTagNameMap {
    'ov-layout-toggle': OvLayoutToggle;
  }
}
