import { OvDeviceSelect } from './ov-device-select.js';

if (!customElements.get('ov-device-select')) customElements.define('ov-device-select', OvDeviceSelect);

declare global {
  interface HTMLElementTagNameMap {
    'ov-device-select': OvDeviceSelect;
  }
}
