import { expect } from '@open-wc/testing';
import { UiState, type UiSnapshot } from '../../src/core/ui-state.js';

describe('UiState', () => {
  it('opens one panel at a time, toggles it, and gives focus back to its opener when it closes', () => {
    const seen: UiSnapshot[] = [];
    const ui = new UiState((snapshot) => seen.push(snapshot));
    const opener = document.createElement('button');
    document.body.append(opener);
    try {
      ui.snapshot.togglePanel('settings', opener);
      expect(ui.snapshot.openPanel).to.equal('settings');
      ui.snapshot.togglePanel('chat');
      expect(ui.snapshot.openPanel).to.equal('chat');
      ui.snapshot.togglePanel('settings', opener);
      ui.snapshot.togglePanel('settings');
      expect(ui.snapshot.openPanel).to.equal(undefined);
      expect(document.activeElement).to.equal(opener);
      expect(seen.map((s) => s.openPanel)).to.deep.equal(['settings', 'chat', 'settings', undefined]);
      expect(new Set(seen).size, 'a new snapshot on every change').to.equal(4);
      ui.snapshot.closePanel();
      expect(seen).to.have.length(4);
    } finally {
      opener.remove();
    }
  });
});
