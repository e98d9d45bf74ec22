// The JSX type of <ov-room> as this example uses it. TypeScript would let unknown hyphenated attributes through;
// this types the ones used here and the element behind `ref`.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { OvRoom } from 'openvidu-elements';

interface OvRoomProps extends DetailedHTMLProps<HTMLAttributes<OvRoom>, OvRoom> {
  'session-id'?: string;
  'participant-name'?: string;
  'token-url'?: string;
  'no-prejoin'?: boolean;
}

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'ov-room': OvRoomProps;
    }
  }
}
