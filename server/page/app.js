// The search page of newsdex-serve. Everything the page shows is in its URL (q, filter,
// since, until, sort, collapse, page, unit, article), so a search is shared as a link and
// the browser's Back button works. Article text reaches the page only through
// textContent and text nodes, never as markup.
'use strict';

const PAGE_SIZE = 10;
const FACETS = ['person', 'country', 'region', 'source', 'year'];
const FACET_TITLES = { person: 'People', country: 'Countries', region: 'Regions', source: 'Sources', year: 'Years' };
const $ = (id) => document.getElementById(id);

// The state of the page, read from and written to the URL.
function readState() {
  const p = new URLSearchParams(location.search);
  return {
    q: p.get('q') || '',
    filters: p.getAll('filter'),
    since: p.get('since') || '',
    until: p.get('until') || '',
    sort: p.get('sort') || 'relevance',
    collapse: p.get('collapse') === '1',
    page: Math.max(1, parseInt(p.get('page') || '1', 10) || 1),
    unit: p.get('unit') || 'month',
    article: p.get('article') || '',
  };
}

function stateUrl(s) {
  const p = new URLSearchParams();
  if (s.q) p.set('q', s.q);
  for (const f of s.filters) p.append('filter', f);
  if (s.since) p.set('since', s.since);
  if (s.until) p.set('until', s.until);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.collapse) p.set('collapse', '1');
  if (s.page > 1) p.set('page', String(s.page));
  if (s.unit !== 'month') p.set('unit', s.unit);
  if (s.article) p.set('article', s.article);
  const text = p.toString();
  return text ? '?' + text : location.pathname;
}

function go(change) {
  const s = Object.assign(readState(), { article: '' }, change);
  history.pushState(null, '', stateUrl(s));
  render();
}

// The API's parameters for this state (the same names as a JSON batch line).
function apiParams(s) {
  const p = new URLSearchParams();
  p.set('query', s.q.trim() || '*');
  for (const f of s.filters) p.append('filter', f);
  if (s.since) p.set('since', s.since);
  if (s.until) p.set('until', s.until);
  if (s.sort !== 'relevance') p.set('sort', s.sort);
  if (s.collapse) p.set('collapse', 'true');
  return p;
}

async function getJson(url) {
  const response = await fetch(url, { headers: { Accept: 'application/json' } });
  let body;
  try { body = await response.json(); } catch (e) { body = { error: response.statusText }; }
  if (!response.ok) {
    const error = new Error(body.error || ('HTTP ' + response.status));
    error.column = body.column;
    throw error;
  }
  return body;
}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  if (props) for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child);  // strings become text nodes
  return node;
}

// A facet value as the filter that narrows to it: dates by their label (date:1987-03).
function filterFor(facet, value) {
  if (facet === 'year' || facet === 'month' || facet === 'day') return 'date:' + value.label;
  return facet + ':' + value.value;
}

let labels = new Map();  // filter -> the label the facets gave it
let generation = 0;      // answers to a search that has since been replaced are dropped

function renderChips(s) {
  const chips = $('chips');
  chips.replaceChildren();
  const remove = (change, text) => chips.append(el('li', null,
    el('button', { type: 'button', 'aria-label': 'Remove ' + text, onclick: () => go(change) }, text + ' \u00d7')));
  for (const f of s.filters) {
    const field = f.slice(0, f.indexOf(':'));
    remove({ filters: s.filters.filter((x) => x !== f), page: 1 }, field + ': ' + (labels.get(f) || f.slice(field.length + 1)));
  }
  if (s.since) remove({ since: '', page: 1 }, 'from ' + s.since);
  if (s.until) remove({ until: '', page: 1 }, 'to ' + s.until);
}

function snippetNode(hit) {
  const p = el('p', { class: 'snippet' });
  const chars = Array.from(hit.snippet || '');
  let at = 0;
  for (const [start, length] of hit.highlights || []) {
    if (start < at) continue;
    p.append(chars.slice(at, start).join(''), el('mark', null, chars.slice(start, start + length).join('')));
    at = start + length;
  }
  p.append(chars.slice(at).join(''));
  return p;
}

function metaLine(item) {
  const parts = [item.date || 'undated'];
  if (item.source) parts.push(item.source);
  if (item.authors && item.authors.length) parts.push(item.authors.join(', '));
  return parts.join(' \u00b7 ');
}

function renderHits(s, result) {
  const hits = $('hits');
  hits.replaceChildren();
  const total = result.total.toLocaleString('en');
  const stories = result.stories !== undefined ? ` (${result.stories.toLocaleString('en')} stories)` : '';
  $('summary').textContent = result.total === 0
    ? 'No articles match.' + (result.suggestion ? ' Did you mean: ' + result.suggestion + '?' : '')
    : `${result.total_exact ? '' : 'about '}${total} ${result.total === 1 ? 'article' : 'articles'}${stories}` +
      (result.every_word ? `; facets count the ${result.every_word.total.toLocaleString('en')} holding every word` : '');
  $('summary').dataset.total = String(result.total);
  for (const hit of result.hits) {
    const link = el('a', { href: stateUrl(Object.assign({}, s, { article: hit.id })) }, hit.title || hit.id);
    link.addEventListener('click', (e) => { e.preventDefault(); go(Object.assign({}, s, { article: hit.id })); });
    const meta = el('p', { class: 'meta' }, metaLine(hit));
    if (hit.similar) meta.append(` \u00b7 ${hit.similar} similar`);
    hits.append(el('li', { class: 'hit' }, el('h3', null, link), meta, snippetNode(hit)));
  }
  const pages = Math.max(1, Math.ceil(Math.min(result.total, 10000) / PAGE_SIZE));
  $('page').textContent = `page ${s.page} of ${pages.toLocaleString('en')}`;
  $('prev').disabled = s.page <= 1;
  $('next').disabled = s.page >= pages;
}

function renderFacets(s, result) {
  const aside = $('facets');
  aside.replaceChildren();
  for (const name of FACETS) {
    const facet = (result.facets || {})[name];
    if (!facet || !facet.values.length) continue;
    const list = el('ul');
    for (const value of facet.values) {
      const filter = filterFor(name, value);
      labels.set(filter, value.label);
      if (s.filters.includes(filter)) continue;
      list.append(el('li', null, el('button', {
        type: 'button', 'data-filter': filter,
        onclick: () => go({ filters: s.filters.concat([filter]), page: 1 }),
      }, el('span', null, value.label), el('span', { class: 'count' }, value.count.toLocaleString('en')))));
    }
    aside.append(el('section', { 'data-facet': name },
      el('h2', null, `${FACET_TITLES[name]} (${facet.distinct.toLocaleString('en')})`), list));
  }
}

// The period a timeline bar stands for, as since/until.
function periodRange(unit, point) {
  if (unit === 'year') return [point.start.slice(0, 4), point.start.slice(0, 4)];
  if (unit === 'month') return [point.start.slice(0, 7), point.start.slice(0, 7)];
  if (unit === 'day') return [point.start, point.start];
  const end = new Date(point.start + 'T00:00:00Z');
  end.setUTCDate(end.getUTCDate() + 6);
  return [point.start, end.toISOString().slice(0, 10)];
}

function renderTimeline(s, timeline) {
  const box = $('timeline');
  box.replaceChildren();
  if (!timeline || !timeline.periods.length) {
    box.append(el('p', { class: 'meta' }, 'No dated articles.'));
    return;
  }
  const NS = 'http://www.w3.org/2000/svg';
  const points = timeline.periods.slice(-400);
  const width = 300, height = 120, bottom = 16;
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = width / points.length;
  const svg = document.createElementNS(NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', `Matches per ${timeline.unit}, ${points[0].period} to ${points[points.length - 1].period}`);
  points.forEach((point, i) => {
    const h = (height - bottom) * point.count / max;
    const bar = document.createElementNS(NS, 'rect');
    bar.setAttribute('x', String(i * step + step * 0.1));
    bar.setAttribute('width', String(Math.max(step * 0.8, 0.5)));
    bar.setAttribute('y', String(height - bottom - h));
    bar.setAttribute('height', String(Math.max(h, point.count ? 1 : 0)));
    bar.setAttribute('tabindex', '0');
    const title = document.createElementNS(NS, 'title');
    title.textContent = `${point.period}: ${point.count.toLocaleString('en')}`;
    bar.append(title);
    const pick = () => { const [since, until] = periodRange(timeline.unit, point); go({ since, until, page: 1 }); };
    bar.addEventListener('click', pick);
    bar.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); pick(); } });
    svg.append(bar);
  });
  for (const [x, anchor, text] of [[0, 'start', points[0].period], [width, 'end', points[points.length - 1].period]]) {
    const label = document.createElementNS(NS, 'text');
    label.setAttribute('x', String(x));
    label.setAttribute('y', String(height - 3));
    label.setAttribute('text-anchor', anchor);
    label.textContent = text;
    svg.append(label);
  }
  box.append(svg);
  if (timeline.undated) box.append(el('p', { class: 'meta' }, `${timeline.undated.toLocaleString('en')} undated`));
}

function renderPairs(s, co) {
  const list = $('pairs');
  list.replaceChildren();
  if (!co || !co.pairs.length) {
    list.append(el('li', { class: 'meta' }, 'No people seen together often enough.'));
    return;
  }
  for (const pair of co.pairs) {
    const person = (v) => el('button', {
      type: 'button', class: 'link',
      onclick: () => go({ filters: s.filters.concat(['person:' + v.value]).filter((x, i, a) => a.indexOf(x) === i), page: 1 }),
    }, v.label);
    labels.set('person:' + pair.a.value, pair.a.label);
    labels.set('person:' + pair.b.value, pair.b.label);
    list.append(el('li', { class: 'pair' }, person(pair.a), ' & ', person(pair.b),
      el('span', { class: 'count' }, `${pair.together} together`)));
  }
}

function showError(s, error) {
  const box = $('error');
  box.hidden = false;
  let text = error.message;
  if (error.column && s.q) text += '\n' + s.q + '\n' + ' '.repeat(error.column - 1) + '^';
  box.textContent = text;
}

async function renderArticle(s) {
  $('results').hidden = true;
  $('article').hidden = false;
  $('article-title').textContent = 'Loading\u2026';
  for (const id of ['article-meta', 'article-entities', 'article-body']) $(id).replaceChildren();
  try {
    const a = await getJson('/api/article/' + encodeURIComponent(s.article));
    $('article-title').textContent = a.title || a.id;
    $('article-meta').textContent = metaLine(a) + (a.dateline ? ' \u00b7 ' + a.dateline : '');
    const entities = $('article-entities');
    for (const [field, values] of [['person', a.people || []], ['country', a.countries || []]])
      for (const v of values) entities.append(el('button', {
        type: 'button', onclick: () => go({ q: '', filters: [field + ':' + v], page: 1 }),
      }, v));
    for (const paragraph of (a.body || '').split(/\n\s*\n/))
      if (paragraph.trim()) $('article-body').append(el('p', null, paragraph.trim()));
    if (a.url && /^https?:\/\//i.test(a.url)) $('article-body').append(el('p', null, el('a', { href: a.url, rel: 'noopener noreferrer' }, a.url)));
  } catch (error) {
    $('article-title').textContent = error.message;
  }
  $('back').focus();
}

async function render() {
  const s = readState();
  const mine = ++generation;
  $('q').value = s.q;
  $('since').value = /^\d{4}-\d{2}-\d{2}$/.test(s.since) ? s.since : '';
  $('until').value = /^\d{4}-\d{2}-\d{2}$/.test(s.until) ? s.until : '';
  $('sort').value = s.sort;
  $('collapse').checked = s.collapse;
  $('unit').value = s.unit;
  document.title = (s.q ? s.q + ' \u2013 ' : '') + 'newsdex';
  renderChips(s);
  if (s.article) return renderArticle(s);
  $('article').hidden = true;
  $('results').hidden = false;
  $('error').hidden = true;

  const search = apiParams(s);
  search.set('offset', String((s.page - 1) * PAGE_SIZE));
  search.set('limit', String(PAGE_SIZE));
  search.set('facets', FACETS.join(','));
  search.set('timeline', s.unit);
  const pairs = apiParams(s);
  pairs.set('cooccur', 'person');
  pairs.set('facet_limit', '8');
  document.body.dataset.state = 'loading';
  const [result, co] = await Promise.allSettled([
    getJson('/api/search?' + search), getJson('/api/cooccurrence?' + pairs)]);
  if (mine !== generation) return;
  if (result.status === 'rejected') {
    $('hits').replaceChildren();
    $('facets').replaceChildren();
    $('summary').textContent = '';
    showError(s, result.reason);
  } else {
    renderFacets(s, result.value);
    renderChips(s);
    renderHits(s, result.value);
    renderTimeline(s, result.value.timeline);
  }
  renderPairs(s, co.status === 'fulfilled' ? co.value.cooccurrence : null);
  document.body.dataset.state = 'ready';
}

document.addEventListener('DOMContentLoaded', () => {
  $('search').addEventListener('submit', (e) => { e.preventDefault(); go({ q: $('q').value, page: 1 }); });
  $('since').addEventListener('change', () => go({ since: $('since').value, page: 1 }));
  $('until').addEventListener('change', () => go({ until: $('until').value, page: 1 }));
  $('sort').addEventListener('change', () => go({ sort: $('sort').value, page: 1 }));
  $('collapse').addEventListener('change', () => go({ collapse: $('collapse').checked, page: 1 }));
  $('unit').addEventListener('change', () => go({ unit: $('unit').value }));
  $('prev').addEventListener('click', () => go({ page: readState().page - 1 }));
  $('next').addEventListener('click', () => go({ page: readState().page + 1 }));
  $('back').addEventListener('click', () => go({}));
  document.addEventListener('keydown', (e) => {
    if (e.key === '/' && document.activeElement !== $('q') && !(e.target instanceof HTMLInputElement)) {
      e.preventDefault();
      $('q').focus();
    } else if (e.key === 'Escape' && readState().article) {
      go({});
    }
  });
  window.addEventListener('popstate', render);
  render();
});
