/**
 * The base of every element that works inside `<ov-room>`: it gets the room (and the meeting's UI state) from an
 * explicit `room="id"` attribute, for elements placed outside the room, else from context, else it has none and
 * says so once in the console. With an explicit room it also provides it to the elements inside it, so a whole
 * `<ov-toolbar room="meeting">` works outside the room.
 */
import { LitElement, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ContextConsumer, ContextProvider, ContextRoot } from '@lit/context';
import { roomContext, uiContext } from '../../context.js';
import { isLanguageReady, loadLanguage, message, type MessageKey } from '../../core/i18n/index.js';
import type { RoomSnapshot } from '../../core/room-state.js';
import type { UiSnapshot } from '../../core/ui-state.js';

/** What an element needs of an `<ov-room>` it is pointed at by id. */
export interface RoomSource {
  readonly state: RoomSnapshot;
  readonly ui: UiSnapshot;
  subscribe(listener: (state: RoomSnapshot, ui: UiSnapshot) => void): () => void;
}

/**
 * Elements may upgrade before the room that provides for them (a room defined later, a `room="id"` found later):
 * one ContextRoot per page keeps their requests and answers them once a provider appears.
 */
const CONTEXT_ROOT = Symbol.for('openvidu-elements.context-root');
function ensureContextRoot(): void {
  const page = globalThis as { [CONTEXT_ROOT]?: true };
  if (page[CONTEXT_ROOT]) return;
  page[CONTEXT_ROOT] = true;
  new ContextRoot().attach(document.documentElement);
}

const isRoomSource = (value: unknown): value is RoomSource => !!value && typeof (value as RoomSource).subscribe === 'function';

export class OvRoomAwareElement extends LitElement {
  /** The `id` of the `<ov-room>` to use, for an element placed outside it. Inside a room, leave it out. */
  @property({ attribute: 'room', reflect: true }) roomId?: string;

  @state() private contextRoom?: RoomSnapshot;
  @state() private contextUi?: UiSnapshot;
  @state() private explicit?: { room: RoomSnapshot; ui: UiSnapshot };

  private unsubscribe?: () => void;
  private providers?: { room: ContextProvider<typeof roomContext>; ui: ContextProvider<typeof uiContext> };
  private warned = false;

  constructor() {
    super();
    new ContextConsumer(this, { context: roomContext, subscribe: true, callback: (room) => (this.contextRoom = room) });
    new ContextConsumer(this, { context: uiContext, subscribe: true, callback: (ui) => (this.contextUi = ui) });
  }

  /** The room this element belongs to, or undefined while it has none. */
  get room(): RoomSnapshot | undefined {
    return this.roomId ? this.explicit?.room : this.contextRoom;
  }

  /** The meeting's UI state (which panel is open). */
  get ui(): UiSnapshot | undefined {
    return this.roomId ? this.explicit?.ui : this.contextUi;
  }

  /** Whether the element is of no use without a room (a standalone `<ov-video>` is). */
  protected get needsRoom(): boolean {
    return true;
  }

  /** The language of the room, else of the page around the element. */
  protected get language(): string | undefined {
    return this.room?.lang ?? (this.closest('[lang]')?.getAttribute('lang') || undefined);
  }

  protected t(key: MessageKey, params?: Record<string, string | number>): string {
    const lang = this.language;
    // A language that is still loading shows English until its file arrives, then the element renders again.
    if (!isLanguageReady(lang)) void loadLanguage(lang).then((loaded) => loaded && this.requestUpdate());
    return message(key, params, lang);
  }

  override connectedCallback(): void {
    ensureContextRoot();
    super.connectedCallback();
    if (this.roomId) void this.follow();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (changed.has('roomId') && this.isConnected) void this.follow();
  }

  protected override updated(changed: PropertyValues<this>): void {
    super.updated(changed);
    if (this.needsRoom && !this.room && !this.warned && this.isConnected) {
      // Context answers within the same task; give a room that upgrades later one frame before warning.
      requestAnimationFrame(() => {
        if (this.room || this.warned || !this.isConnected || !this.needsRoom) return;
        this.warned = true;
        console.warn(`<${this.localName}> has no room: put it inside an <ov-room>, or give it room="<the room's id>".`);
      });
    }
  }

  private async follow(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.explicit = undefined;
    const id = this.roomId;
    if (!id) return;
    await customElements.whenDefined('ov-room');
    const root = this.getRootNode() as Document | ShadowRoot;
    const source: unknown = root.getElementById?.(id) ?? document.getElementById(id);
    if (id !== this.roomId || !this.isConnected) return;
    if (!isRoomSource(source)) {
      console.warn(`<${this.localName} room="${id}">: no <ov-room id="${id}"> in the page.`);
      return;
    }
    this.providers ??= { room: new ContextProvider(this, { context: roomContext }), ui: new ContextProvider(this, { context: uiContext }) };
    this.unsubscribe = source.subscribe((room, ui) => {
      this.explicit = { room, ui };
      this.providers!.room.setValue(room);
      this.providers!.ui.setValue(ui);
    });
  }
}
