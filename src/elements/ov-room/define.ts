// The built-in meeting UI shows <ov-video> tiles.
import '../ov-video/define.js';
import { OvRoom } from './ov-room.js';

if (!customElements.get('ov-room')) customElements.define('ov-room', OvRoom);

declare global {
  interface HTMLElementTagNameMap {
    'ov-room': OvRoom;
  }
}
