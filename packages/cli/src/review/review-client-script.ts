/**
 * The review page's script, run in the browser (a string, so the package's TypeScript needs no DOM types). It
 * reads the page's JSON state, renders every text with `textContent` (never as markup) and drives the rating
 * with the keyboard: y/n sensible, s/g specific or generic, c comment, Enter save, ←/k and →/j move.
 * Each save is one `POST /api/ratings`; the page moves on only when the server has stored it.
 */
export const REVIEW_CLIENT_SCRIPT = String.raw`(() => {
  'use strict';
  const state = JSON.parse(document.getElementById('review-state').textContent);
  const items = state.items;
  const el = (id) => document.getElementById(id);
  const comment = el('comment');
  let rated = state.rated;
  let index = 0;
  let draft = null;
  let busy = false;

  function nextUnrated(from) {
    for (let k = 0; k < items.length; k++) {
      const i = (from + k) % items.length;
      if (!items[i].rating) return i;
    }
    return -1;
  }

  function say(text, kind) {
    const s = el('status');
    s.textContent = text;
    s.className = kind || '';
  }

  function press(id, on) {
    el(id).setAttribute('aria-pressed', on ? 'true' : 'false');
  }

  function paint() {
    const item = items[index];
    el('position').textContent = 'Item ' + (index + 1) + ' of ' + items.length;
    const p = el('progress');
    p.textContent = rated + ' of ' + state.total + ' rated';
    p.dataset.rated = String(rated);
    p.dataset.total = String(state.total);
    el('done').hidden = rated < state.total;
    el('prompt').textContent = item.prompt;
    el('output').textContent = item.output;
    document.body.dataset.key = item.key;
    press('sensible-yes', draft.sensible === true);
    press('sensible-no', draft.sensible === false);
    press('specific-yes', draft.specific === true);
    press('specific-no', draft.specific === false);
    el('specific-yes').disabled = draft.sensible === false;
    el('saved').textContent = item.rating ? 'rated' : 'not rated yet';
  }

  function show(i) {
    index = Math.max(0, Math.min(items.length - 1, i));
    const r = items[index].rating;
    draft = r
      ? { sensible: r.sensible, specific: r.specific }
      : { sensible: null, specific: null };
    comment.value = r ? r.comment : '';
    say('', '');
    paint();
  }

  function setSensible(value) {
    draft.sensible = value;
    // Adiwardana et al. (2020): an output that is not sensible is not specific either.
    if (!value) draft.specific = false;
    paint();
  }

  function setSpecific(value) {
    if (value && draft.sensible === false) {
      say('Not sensible, so not specific: press y first if it is sensible.', 'error');
      return;
    }
    draft.specific = value;
    paint();
  }

  async function submit() {
    if (busy) return;
    if (draft.sensible === null) return say('Is it sensible? Press y or n first.', 'error');
    if (draft.specific === null) return say('Is it specific? Press s (specific) or g (generic) first.', 'error');
    const item = items[index];
    const body = { rater: state.rater, key: item.key, sensible: draft.sensible,
      specific: draft.sensible && draft.specific, comment: comment.value };
    busy = true;
    say('saving…', '');
    try {
      const res = await fetch('/api/ratings', { method: 'POST',
        headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const data = await res.json();
      if (!res.ok) return say('Not saved: ' + data.error, 'error');
      item.rating = { sensible: body.sensible, specific: body.specific, comment: body.comment };
      rated = data.rated;
      comment.blur();
      const next = nextUnrated(index + 1);
      show(next < 0 ? Math.min(index + 1, items.length - 1) : next);
      say('Saved. ' + rated + ' of ' + state.total + ' rated.', 'ok');
    } catch (error) {
      say('Not saved (is the server running?): ' + error, 'error');
    } finally {
      busy = false;
    }
  }

  el('sensible-yes').addEventListener('click', () => setSensible(true));
  el('sensible-no').addEventListener('click', () => setSensible(false));
  el('specific-yes').addEventListener('click', () => setSpecific(true));
  el('specific-no').addEventListener('click', () => setSpecific(false));
  el('save').addEventListener('click', () => void submit());
  el('prev').addEventListener('click', () => show(index - 1));
  el('next').addEventListener('click', () => show(index + 1));

  document.addEventListener('keydown', (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.target === comment) {
      if (e.key === 'Enter' && !e.shiftKey) { e.preventDefault(); void submit(); }
      else if (e.key === 'Escape') { e.preventDefault(); comment.blur(); }
      return;
    }
    const actions = {
      y: () => setSensible(true), n: () => setSensible(false),
      s: () => setSpecific(true), g: () => setSpecific(false),
      c: () => comment.focus(), Enter: () => void submit(),
      ArrowRight: () => show(index + 1), j: () => show(index + 1),
      ArrowLeft: () => show(index - 1), k: () => show(index - 1),
    };
    const action = actions[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });

  const first = nextUnrated(0);
  show(first < 0 ? 0 : first);
  document.body.dataset.ready = 'true';
})();`;
