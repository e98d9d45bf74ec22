/** The room shared with nested elements. `Symbol.for` so that two copies of the bundle still find each other. */
import { createContext } from '@lit/context';
import type { RoomSnapshot } from './core/room-state.js';

export const roomContext = createContext<RoomSnapshot | undefined>(Symbol.for('openvidu-elements.room'));
