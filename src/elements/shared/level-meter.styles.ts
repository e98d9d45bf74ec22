import { css } from 'lit';

/** `[part='level']`: the microphone's level as a row of bars (`span.on` lit), gone while `hidden`. */
export const levelMeter = css`
  [part='level'] {
    display: flex;
    gap: 3px;
    height: 6px;
  }
  [part='level'][hidden] {
    display: none;
  }
  [part='level'] span {
    flex: 1;
    border-radius: 3px;
    background: rgb(255 255 255 / 15%);
  }
  [part='level'] span.on {
    background: var(--ov-accent-color, #2563eb);
  }
`;
