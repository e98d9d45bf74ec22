// Angular binds properties of custom elements with [tokenProvider] and listens to their events with (ov-joined);
// CUSTOM_ELEMENTS_SCHEMA lets the ov-* tags and their properties into the templates. With strictTemplates, $event
// is typed from HTMLElementEventMap, where openvidu-elements declares each ov-* event (OvJoinedEvent …).
import { CUSTOM_ELEMENTS_SCHEMA, Component, signal } from '@angular/core';
import type { OvErrorEvent, OvJoinedEvent, OvParticipantJoinedEvent, OvParticipantLeftEvent, ParticipantSnapshot } from 'openvidu-elements';
import { getToken } from './token';

const params = new URLSearchParams(location.search);

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  templateUrl: './app.html',
})
export class App {
  protected readonly sessionId = params.get('session') ?? 'angular21';
  protected readonly name = params.get('name') ?? 'Angular 21';
  protected readonly getToken = getToken;
  protected readonly log = signal<string[]>([]);
  protected readonly others = signal<ParticipantSnapshot[]>([]);

  private say(line: string) {
    this.log.update((lines) => [...lines, line]);
  }

  protected onJoined(event: OvJoinedEvent) {
    this.say(`Joined ${event.detail.sessionId}`);
  }

  protected onParticipantJoined({ detail: { participant } }: OvParticipantJoinedEvent) {
    if (participant.isLocal) return;
    this.say(`${participant.name} joined`);
    this.others.update((list) => [...list, participant]);
  }

  protected onParticipantLeft({ detail }: OvParticipantLeftEvent) {
    this.others.update((list) => list.filter((p) => p.participantId !== detail.participant.participantId));
  }

  protected onError(event: OvErrorEvent) {
    this.say(`Error ${event.detail.code}: ${event.detail.message}`);
  }
}
