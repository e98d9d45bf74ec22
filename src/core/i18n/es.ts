/** Spanish messages. Keys missing here fall back to English. */
import type { Catalog } from './en.js';

export const es: Partial<Catalog> = {
  'room.join': 'Unirse',
  'room.leave': 'Salir',
  'room.microphone': 'Micrófono',
  'room.camera': 'Cámara',
};
