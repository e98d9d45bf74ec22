/**
 * What `<ov-room>` shares with the elements inside it. `Symbol.for` keys, so that two copies of the bundle still
 * find each other.
 */
import { createContext } from '@lit/context';
import type { RoomSnapshot } from './core/room-state.js';
import type { UiSnapshot } from './core/ui-state.js';

/** The call: its state and commands. */
export const roomContext = createContext<RoomSnapshot | undefined>(Symbol.for('openvidu-elements.room'));
/** The meeting's UI state: which panel is open. */
export const uiContext = createContext<UiSnapshot | undefined>(Symbol.for('openvidu-elements.ui'));
