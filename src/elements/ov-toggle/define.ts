import { OvToggle } from './ov-toggle.js';

if (!customElements.get('ov-toggle')) customElements.define('ov-toggle', OvToggle);

declare global {
  interface HTMLElementTagNameMap {
    'ov-toggle': OvToggle;
  }
}
