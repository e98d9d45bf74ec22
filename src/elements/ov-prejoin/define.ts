// The lobby is made of these public elements.
import '../ov-video/define.js';
import '../ov-toggle/define.js';
import '../ov-device-select/define.js';
import { OvPrejoin } from './ov-prejoin.js';

if (!customElements.get('ov-prejoin')) customElements.define('ov-prejoin', OvPrejoin);

declare global {
  interface HTMLElementTagNameMap {
    'ov-prejoin': OvPrejoin;
  }
}
