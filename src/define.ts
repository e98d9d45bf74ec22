/** Registers every element: the entry of the CDN bundle and of `openvidu-elements/define.js`. */
import './elements/ov-room/define.js';
import './elements/ov-video/define.js';
import './elements/ov-prejoin/define.js';
import './elements/ov-device-select/define.js';
import './elements/ov-toggle/define.js';
import './elements/ov-leave-button/define.js';
import './elements/ov-panel-toggle/define.js';
import './elements/ov-layout-toggle/define.js';
import './elements/ov-toolbar/define.js';
import './elements/ov-layout/define.js';
import './elements/ov-chat/define.js';
import './elements/ov-participants/define.js';
import './elements/ov-recording-indicator/define.js';

export * from './index.js';
