/**
 * What the meeting's UI shows, apart from the call itself: which side panel is open. It is state of its own, so a
 * panel and the button that opens it never hold each other (both read it and ask it to change), and custom UIs
 * built from the public elements share it the same way.
 */
import type { LayoutMode } from './layout.js';

export const PANELS = ['settings', 'chat', 'participants'] as const;
export type Panel = (typeof PANELS)[number];

export interface UiSnapshot {
  readonly openPanel?: Panel;
  /** Chat messages from others that arrived while no chat was on screen; 0 once one is shown. */
  readonly unreadChat: number;
  /** How the stage lays out the tiles (`<ov-room layout>`, then the toolbar's layout button). */
  readonly layout: LayoutMode;
  setLayout(layout: LayoutMode): void;
  /** Opens `panel` (closing any other), or closes it when it is open. `opener` gets focus back when it closes. */
  togglePanel(panel: Panel, opener?: HTMLElement): void;
  /** Closes the open panel and returns focus to the control that opened it. */
  closePanel(): void;
  /** A chat is on screen (`<ov-chat>` calls this when it appears and when it goes); messages are then read. */
  chatShown(shown: boolean): void;
}

export class UiState {
  private openPanel?: Panel;
  private opener?: HTMLElement;
  private unreadChat = 0;
  private chatsShown = 0;
  private layout: LayoutMode = 'auto';
  private current: UiSnapshot;

  constructor(private readonly onChange: (snapshot: UiSnapshot) => void) {
    this.current = this.build();
  }

  get snapshot(): UiSnapshot {
    return this.current;
  }

  private build(): UiSnapshot {
    return Object.freeze({
      openPanel: this.openPanel,
      togglePanel: (panel: Panel, opener?: HTMLElement) => (this.openPanel === panel ? this.close() : this.open(panel, opener)),
      closePanel: () => this.close(),
      unreadChat: this.unreadChat,
      layout: this.layout,
      setLayout: (layout: LayoutMode) => {
        if (layout === this.layout) return;
        this.layout = layout;
        this.update();
      },
      chatShown: (shown: boolean) => {
        this.chatsShown = Math.max(0, this.chatsShown + (shown ? 1 : -1));
        if (this.chatsShown > 0 && this.unreadChat > 0) {
          this.unreadChat = 0;
          this.update();
        }
      },
    });
  }

  /** A message from someone else arrived: unread unless a chat is on screen. */
  noteChatMessage(): void {
    if (this.chatsShown > 0) return;
    this.unreadChat += 1;
    this.update();
  }

  /** A new call starts with nothing unread and no panel open. */
  reset(): void {
    if (!this.openPanel && !this.unreadChat) return;
    this.openPanel = undefined;
    this.opener = undefined;
    this.unreadChat = 0;
    this.update();
  }

  private open(panel: Panel, opener?: HTMLElement): void {
    this.openPanel = panel;
    this.opener = opener;
    this.update();
  }

  private close(): void {
    if (!this.openPanel) return;
    const opener = this.opener;
    this.openPanel = undefined;
    this.opener = undefined;
    this.update();
    opener?.focus();
  }

  private update(): void {
    this.current = this.build();
    this.onChange(this.current);
  }
}
