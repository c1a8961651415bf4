import { escapeXml } from '../report/escape-xml';
import { htmlPage } from '../report/html-parts';
import { jsonForScript } from './json-for-script';
import type { RaterState } from './rater-state';
import { MAX_RATER_NAME } from './rater-name';
import { REVIEW_CLIENT_SCRIPT } from './review-client-script';
import { REVIEW_CSS } from './review-page-css';

function page(title: string, nonce: string, body: string): string {
  return htmlPage(title, REVIEW_CSS, [body], { styleNonce: nonce });
}

/**
 * The first screen: asks the rater's name (a GET form, so the name lands in `?rater=` and the page can be
 * bookmarked). `problem` says why a name was refused; it is escaped like everything else.
 */
export function raterScreenHtml(nonce: string, problem?: string): string {
  return page(
    'nlpft review — who is rating?',
    nonce,
    [
      '<h1>nlpft review</h1>',
      '<p>Rate generated outputs blind: for each one, is it <strong>sensible</strong> (it makes sense in context) and is it <strong>specific</strong> (to this prompt, not a reply that would fit anything)? Each rating is saved as you submit it.</p>',
      problem ? `<p class="problem" id="problem">Name ${escapeXml(problem)}.</p>` : '',
      '<form class="name" method="get" action="/">',
      '<label for="rater">Your name</label>',
      `<input id="rater" name="rater" autofocus required maxlength="${MAX_RATER_NAME}" autocomplete="nickname">`,
      '<button type="submit">Start (Enter)</button>',
      '</form>',
    ].join('\n'),
  );
}

/**
 * The review page of one rater: the state as JSON in a non-executed `<script type="application/json">` (escaped
 * by {@link jsonForScript}), the inline script that renders it with `textContent`, and a key legend.
 */
export function reviewPageHtml(state: RaterState, nonce: string): string {
  const rater = escapeXml(state.rater);
  return page(
    `nlpft review — ${state.rater}`,
    nonce,
    [
      '<header>',
      `<h1>nlpft review <span class="muted">· ${rater}</span></h1>`,
      `<span id="position" class="muted"></span>`,
      `<span id="progress" role="status" aria-live="polite" data-rated="${state.rated}" data-total="${state.total}">${state.rated} of ${state.total} rated</span>`,
      '</header>',
      '<p id="done" hidden>Every item is rated; thank you. You can still move through them and change a rating.</p>',
      '<h2 id="prompt-label">Prompt</h2>',
      '<div id="prompt" class="text" aria-labelledby="prompt-label"></div>',
      '<h2 id="output-label">Output · <span id="saved" class="muted"></span></h2>',
      '<div id="output" class="text" aria-labelledby="output-label"></div>',
      '<div class="judge"><span class="q">Sensible?</span>',
      '<button id="sensible-yes" class="yes" type="button" tabindex="-1" aria-pressed="false"><kbd>y</kbd> yes</button>',
      '<button id="sensible-no" class="no" type="button" tabindex="-1" aria-pressed="false"><kbd>n</kbd> no</button></div>',
      '<div class="judge"><span class="q">Specific?</span>',
      '<button id="specific-yes" class="yes" type="button" tabindex="-1" aria-pressed="false"><kbd>s</kbd> specific</button>',
      '<button id="specific-no" class="no" type="button" tabindex="-1" aria-pressed="false"><kbd>g</kbd> generic</button></div>',
      '<h2><label for="comment">Comment (optional) <kbd>c</kbd></label></h2>',
      '<textarea id="comment" maxlength="4000" placeholder="c to write, Enter to save, Shift+Enter for a new line, Esc to leave"></textarea>',
      '<div class="judge">',
      '<button id="prev" type="button" tabindex="-1"><kbd>←</kbd> previous</button>',
      '<button id="save" type="button" tabindex="-1"><kbd>Enter</kbd> save and next</button>',
      '<button id="next" type="button" tabindex="-1">next <kbd>→</kbd></button>',
      '</div>',
      '<p id="status" role="alert"></p>',
      '<div class="keys"><strong>Keys</strong><ul>',
      '<li><kbd>y</kbd> / <kbd>n</kbd>: sensible or not (it makes sense in context). Not sensible means not specific.</li>',
      '<li><kbd>s</kbd> / <kbd>g</kbd>: specific to this prompt, or generic (would fit many prompts).</li>',
      '<li><kbd>c</kbd>: write a comment; <kbd>Esc</kbd> leaves it. <kbd>Enter</kbd>: save and go to the next unrated item.</li>',
      '<li><kbd>←</kbd> or <kbd>k</kbd>: previous item; <kbd>→</kbd> or <kbd>j</kbd>: next item.</li>',
      '</ul></div>',
      `<script type="application/json" id="review-state">${jsonForScript(state)}</script>`,
      `<script nonce="${nonce}">${REVIEW_CLIENT_SCRIPT}</script>`,
    ].join('\n'),
  );
}
