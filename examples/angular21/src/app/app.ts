// OpenViduElements (openvidu-elements/angular) is a directive per ov-* tag, so the template needs no
// CUSTOM_ELEMENTS_SCHEMA and strictTemplates checks it: [tokenProvider] is an input typed as the element's property
// (a misspelt one fails), and $event of (ov-joined) is the output's OvJoinedEvent.
// #region room
import { Component, signal } from '@angular/core';
import { OpenViduElements } from 'openvidu-elements/angular';
import type { OvErrorEvent, OvJoinedEvent, OvParticipantJoinedEvent, OvParticipantLeftEvent, ParticipantSnapshot } from 'openvidu-elements';
import { getToken } from './token';

const params = new URLSearchParams(location.search);

@Component({
  selector: 'app-root',
  imports: [OpenViduElements],
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
// #endregion room
