import { OvPanelToggle } from './ov-panel-toggle.js';

if (!customElements.get('ov-panel-toggle')) customElements.define('ov-panel-toggle', OvPanelToggle);

declare global {
  interface HTMLElementTagNameMap {
    'ov-panel-toggle': OvPanelToggle;
  }
}
