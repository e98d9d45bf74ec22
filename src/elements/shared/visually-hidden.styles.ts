import { css } from 'lit';

/** `.visually-hidden`: out of sight, still read by screen readers (names, live regions). */
export const visuallyHidden = css`
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;
