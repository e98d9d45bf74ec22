// The built-in meeting is made of these public elements.
import '../ov-prejoin/define.js';
import '../ov-layout/define.js';
import '../ov-toolbar/define.js';
import '../ov-device-select/define.js';
import '../ov-chat/define.js';
import '../ov-participants/define.js';
import '../ov-recording-indicator/define.js';
import { OvRoom } from './ov-room.js';

if (!customElements.get('ov-room')) customElements.define('ov-room', OvRoom);

declare global {
  interface HTMLElementTagNameMap {
    'ov-room': OvRoom;
  }
}
