/** Registers every element: the entry of the CDN bundle and of `openvidu-elements/define.js`. */
import './elements/ov-room/define.js';
import './elements/ov-video/define.js';

export * from './index.js';
