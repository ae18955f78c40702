import { blend } from './blend.js';

// The page: pick photos, choose a style, convert (at most two at once; the server queues the rest), then
// compare, re-blend and download. Strength and colours change in the browser from the kept full-strength
// result; downloads ask the server for the same blend at full resolution.
const $ = (id) => document.getElementById(id);
const photos = [];
const results = new Map();
let styles = [];
let nextId = 1;
const InFlight = 2;

// The token in the address has been stored in a cookie by now: take it out of the address bar (and of history
// and bookmarks) so it is not shown over a shoulder or shared by a copied link.
if (new URLSearchParams(location.search).has('token')) {
  const plain = new URL(location.href);
  plain.searchParams.delete('token');
  history.replaceState(null, '', plain.pathname + plain.search + plain.hash);
}

const strength = $('strength');
strength.addEventListener('input', () => { $('strength-value').textContent = `${strength.value}%`; });

async function problemText(response) {
  try {
    const problem = await response.json();
    return problem.detail || problem.title || `The server answered ${response.status}.`;
  } catch {
    return `The server answered ${response.status}.`;
  }
}

// The Detail menu lists the engine's named working sizes, so the page and the Paint.NET effect offer the same.
async function loadDetailLevels() {
  const select = $('detail');
  try {
    const response = await fetch('api/detail-levels');
    if (!response.ok) throw new Error(await problemText(response));
    for (const level of await response.json()) {
      select.add(new Option(level.label, String(level.maxSize), level.isDefault, level.isDefault));
    }
  } catch {
    select.add(new Option('Balanced', '', true, true));
  }
}

async function loadStyles() {
  const box = $('styles');
  try {
    const response = await fetch('api/styles');
    if (!response.ok) throw new Error(await problemText(response));
    styles = await response.json();
  } catch (e) {
    $('styles-status').textContent = `Styles could not be loaded: ${e.message}`;
    return;
  }
  box.textContent = '';
  if (styles.length === 0) {
    box.innerHTML = '<p>No style is installed on this server. Install them with <code>animegan models install --all</code>.</p>';
    return;
  }
  for (const style of styles) {
    const card = document.createElement('div');
    card.className = 'style-card';
    const input = document.createElement('input');
    input.type = 'radio';
    input.name = 'style';
    input.id = `style-${style.id}`;
    input.value = style.id;
    input.checked = style.isDefault;
    const label = document.createElement('label');
    label.htmlFor = input.id;
    label.title = style.description;
    const img = document.createElement('img');
    img.src = `api/styles/${encodeURIComponent(style.id)}/preview`;
    img.alt = '';
    const name = document.createElement('span');
    name.textContent = style.name;
    label.append(img, name);
    card.append(input, label);
    box.append(card);
    const option = document.createElement('option');
    option.value = style.id;
    option.textContent = style.name;
    $('face-style').append(option);
  }
  if (!box.querySelector('input:checked')) box.querySelector('input').checked = true;
  updateButtons();
}

function addPhotos(files) {
  for (const file of files) {
    const photo = { id: nextId++, file, url: URL.createObjectURL(file) };
    photos.push(photo);
    const li = document.createElement('li');
    li.dataset.id = photo.id;
    const img = document.createElement('img');
    img.src = photo.url;
    img.alt = file.name;
    // A file the browser cannot show (not a picture, or HEIC in most browsers) gets a plain tile, not a broken image.
    img.addEventListener('error', () => {
      const tile = document.createElement('div');
      tile.className = 'placeholder';
      tile.setAttribute('role', 'img');
      tile.setAttribute('aria-label', `${file.name}, no preview`);
      tile.textContent = (file.name.split('.').pop() || 'file').slice(0, 5).toUpperCase();
      img.replaceWith(tile);
    }, { once: true });
    const name = document.createElement('div');
    name.className = 'name';
    name.textContent = file.name;
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.textContent = '\u00d7';
    remove.setAttribute('aria-label', `Remove ${file.name}`);
    remove.addEventListener('click', () => {
      photos.splice(photos.indexOf(photo), 1);
      URL.revokeObjectURL(photo.url);
      // Focus stays in the queue: on the next photo's Remove, else the previous one's, else the file chooser.
      const neighbour = li.nextElementSibling || li.previousElementSibling;
      li.remove();
      updateButtons();
      (neighbour ? neighbour.querySelector('button') : $('files')).focus();
    });
    li.append(img, name, remove);
    $('queue').append(li);
  }
  updateButtons();
}

function updateButtons() {
  $('convert').disabled = photos.length === 0 || styles.length === 0;
  $('download-all').disabled = ![...results.values()].some((r) => r.id);
}

$('files').addEventListener('change', (e) => { addPhotos(e.target.files); e.target.value = ''; });
const drop = $('drop');
drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); addPhotos(e.dataTransfer.files); });

function settings() {
  return {
    style: document.querySelector('input[name="style"]:checked')?.value ?? '',
    strength: Number(strength.value) / 100,
    faces: $('faces').checked,
    faceStyle: $('face-style').value,
    keepColors: $('keep-colors').checked,
    maxSize: $('detail').value,
  };
}

$('convert').addEventListener('click', () => {
  const chosen = settings();
  const work = photos.splice(0, photos.length);
  $('queue').textContent = '';
  updateButtons();
  const cards = work.map((photo) => createCard(photo, chosen));
  // Convert is disabled now (the queue is empty): focus goes to the first photo under way, not to the page's top.
  if (cards.length) cards[0].title.focus();
  let next = 0;
  const worker = async () => {
    while (next < cards.length) await convert(cards[next++]);
  };
  Promise.all(Array.from({ length: Math.min(InFlight, cards.length) }, worker)).then(summarize);
});

function createCard(photo, chosen) {
  const li = document.createElement('li');
  li.className = 'result';
  const title = document.createElement('h3');
  title.textContent = photo.file.name;
  title.tabIndex = -1;
  const stage = document.createElement('p');
  stage.className = 'stage';
  stage.textContent = 'Waiting';
  const bar = document.createElement('progress');
  bar.max = 5;
  bar.value = 0;
  bar.setAttribute('aria-label', `Progress of ${photo.file.name}`);
  li.append(title, stage, bar);
  $('results').append(li);
  const card = { photo, chosen, li, title, stage, bar };
  results.set(li, card);
  return card;
}

const Stages = ['reading', 'stylizing', 'finding faces', 'enhancing faces', 'writing'];

async function convert(card) {
  const form = new FormData();
  form.append('image', card.photo.file, card.photo.file.name);
  form.append('style', card.chosen.style);
  form.append('faces', card.chosen.faces ? 'true' : 'false');
  if (card.chosen.faceStyle) form.append('faceStyle', card.chosen.faceStyle);
  form.append('maxSize', card.chosen.maxSize);
  for (;;) {
    card.stage.textContent = 'Uploading';
    let response;
    try {
      response = await fetch('api/jobs', { method: 'POST', body: form });
    } catch (e) {
      return fail(card, `${card.photo.file.name}: the server could not be reached (${e.message}); it may be stopped or restarting.`, { again: true });
    }
    if (response.status === 429 || response.status === 503) {
      const wait = Number(response.headers.get('Retry-After') || '5');
      card.stage.textContent = `The server is busy; trying again in ${wait} s`;
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      continue;
    }
    if (!response.ok) return fail(card, await problemText(response), { again: response.status >= 500 });
    return readStream(card, response);
  }
}

async function readStream(card, response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      // The connection went (the server stopped, restarted or the network dropped): the photo is still here.
      const during = card.stage.textContent.toLowerCase();
      return fail(card, `${card.photo.file.name}: the connection to the server was lost while ${during}; the server may have stopped or restarted.`, { again: true });
    }
    const { value, done } = chunk;
    if (done) break;
    buffered += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffered.indexOf('\n')) >= 0) {
      const line = JSON.parse(buffered.slice(0, newline));
      buffered = buffered.slice(newline + 1);
      if (line.stage) {
        card.stage.textContent = line.stage[0].toUpperCase() + line.stage.slice(1);
        card.bar.value = Stages.indexOf(line.stage) + 1;
      } else if (line.notice) {
        const notice = document.createElement('p');
        notice.className = 'notice';
        notice.textContent = line.notice;
        card.stage.after(notice);
      } else if (line.error) {
        return fail(card, line.error.detail || line.error.title, { again: line.error.status >= 500 && line.error.status !== 507 });
      } else if (line.done) {
        return show(card, line.done);
      }
    }
  }
  return fail(card, `${card.photo.file.name}: the conversion ended without a result.`, { again: true });
}

// A card that could not finish says why; where trying again may help (the server went away, stopped, or lost
// the result) it offers "Convert again" with the photo and settings it still holds.
function fail(card, message, { again = false } = {}) {
  card.bar.remove();
  card.stage.className = 'error';
  card.stage.textContent = message;
  card.failed = true;
  if (again) offerAgain(card);
}

function offerAgain(card) {
  if (card.again) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'button again';
  button.textContent = 'Convert again';
  button.setAttribute('aria-label', `Convert ${card.photo.file.name} again`);
  button.addEventListener('click', async () => {
    button.remove();
    card.again = null;
    card.clearResult?.();
    card.failed = false;
    card.li.querySelectorAll('.notice').forEach((n) => n.remove());
    card.stage.className = 'stage';
    card.stage.textContent = 'Waiting';
    card.bar = document.createElement('progress');
    card.bar.max = 5;
    card.bar.value = 0;
    card.bar.setAttribute('aria-label', `Progress of ${card.photo.file.name}`);
    card.stage.after(card.bar);
    card.title.focus();
    updateButtons();
    await convert(card);
    summarize();
  });
  card.again = button;
  card.li.append(button);
}

// Hands a downloaded file to the browser's own download, under the given name.
function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}

function loadImage(url) {
  return new Promise((resolve, reject) => {
    const img = new Image();
    img.onload = () => resolve(img);
    img.onerror = () => reject(new Error('the preview did not load'));
    img.src = url;
  });
}

// Raw pixels of a result's two previews are what re-blending needs, and the most memory a result holds (about
// 13 MB at 1280 px). Only the few results adjusted or shown last keep them; the others keep their previews as
// JPEG object URLs and decode them again when touched, so a hundred results fit in a phone's memory.
const KeptPlanes = 4;
const withPlanes = [];

function dropPlanes(card) {
  const at = withPlanes.indexOf(card);
  if (at >= 0) withPlanes.splice(at, 1);
}

function keepPlanes(card) {
  dropPlanes(card);
  withPlanes.push(card);
  while (withPlanes.length > KeptPlanes) withPlanes.shift().release();
}

async function previewBlob(url) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(await problemText(response));
  return response.blob();
}

// Decodes a preview to raw pixels through an ImageBitmap closed at once, so no decoded copy stays behind.
async function decodePixels(blob) {
  const bitmap = await createImageBitmap(blob);
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    context.drawImage(bitmap, 0, 0);
    return context.getImageData(0, 0, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}

async function decodePlanes(blobs) {
  const [source, styled] = await Promise.all(blobs.map(decodePixels));
  return { source, styled };
}

async function show(card, done) {
  card.id = done.id;
  card.name = done.name;
  card.width = done.width;
  card.height = done.height;
  const crowd = done.facesNotEnhanced > 0 ? `; ${done.facesNotEnhanced} smaller kept the scene style (${done.facesFound} is the most per photo)` : '';
  card.stage.textContent = `Done: ${done.width} \u00d7 ${done.height}, ${done.facesFound} face${done.facesFound === 1 ? '' : 's'} enhanced${crowd}`;
  card.bar.remove();
  let planes;
  let before;
  try {
    card.blobs = await Promise.all([previewBlob(`api/jobs/${done.id}/preview/before`), previewBlob(`api/jobs/${done.id}/preview/after`)]);
    planes = await decodePlanes(card.blobs);
    card.beforeUrl = URL.createObjectURL(card.blobs[0]);
    before = await loadImage(card.beforeUrl);
  } catch (e) {
    card.id = null;
    return fail(card, `${done.name}: the result could not be shown (${e.message}).`, { again: true });
  }
  const { width, height } = planes.source;
  const compare = document.createElement('div');
  compare.className = 'compare';
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', `${done.name} in anime style`);
  before.className = 'before';
  before.alt = `${done.name}, original`;
  compare.append(canvas, before);
  const context = canvas.getContext('2d');

  // At rest (not among the results touched last) the blend is shown as a JPEG in an image, and the canvas and
  // the raw pixels are let go; touching the result brings them back. Downloads are made by the server.
  const shown = document.createElement('img');
  shown.alt = `${done.name} in anime style`;
  let shownUrl = null;
  card.release = () => {
    planes = null;
    canvas.toBlob((blob) => {
      if (planes || !blob || !canvas.isConnected) return;
      shownUrl = URL.createObjectURL(blob);
      shown.src = shownUrl;
      canvas.replaceWith(shown);
      canvas.width = 0;
      canvas.height = 0;
    }, 'image/jpeg', 0.95);
  };
  card.forget = () => { if (shownUrl) URL.revokeObjectURL(shownUrl); };
  const unpark = () => {
    if (!shown.isConnected) return;
    canvas.width = width;
    canvas.height = height;
    shown.replaceWith(canvas);
    URL.revokeObjectURL(shownUrl);
    shownUrl = null;
    shown.removeAttribute('src');
  };

  const controls = document.createElement('div');
  controls.className = 'controls';
  const uid = `r${done.id.slice(0, 8)}`;
  controls.innerHTML = `
    <label for="${uid}-compare">Compare: original &larr; &rarr; anime</label>
    <input id="${uid}-compare" type="range" min="0" max="100" value="50">
    <label for="${uid}-strength">Strength <output for="${uid}-strength">${Math.round(card.chosen.strength * 100)}%</output></label>
    <input id="${uid}-strength" class="strength" type="range" min="0" max="100" value="${Math.round(card.chosen.strength * 100)}">
    <div class="field check"><input id="${uid}-colors" type="checkbox"${card.chosen.keepColors ? ' checked' : ''}><label for="${uid}-colors">Keep the photo's own colours</label></div>
    <a class="button download" href="#" download>Download full size</a>
    <button class="button remove" type="button">Remove</button>`;
  const [compareInput, strengthInput, colorsInput] = controls.querySelectorAll('input');
  const link = controls.querySelector('a');
  const label = controls.querySelector('output');
  const draw = () => {
    const amount = Number(strengthInput.value) / 100;
    card.strength = amount;
    card.keepColors = colorsInput.checked;
    const output = context.createImageData(width, height);
    blend(planes.source, planes.styled, output, amount, colorsInput.checked);
    context.putImageData(output, 0, 0);
    label.textContent = `${strengthInput.value}%`;
    link.href = `api/jobs/${done.id}/result?strength=${amount}&keepColors=${colorsInput.checked}`;
  };
  // At once while the pixels are here; a result whose pixels were let go decodes its previews first.
  const redraw = async () => {
    keepPlanes(card);
    if (!planes) planes = await decodePlanes(card.blobs);
    unpark();
    draw();
  };
  const reveal = () => { before.style.clipPath = `inset(0 ${compareInput.value}% 0 0)`; };
  // Fetched rather than followed, so a result the server no longer has (stopped, replaced, expired)
  // says so on its card, with what to do, instead of a page of JSON.
  link.addEventListener('click', async (event) => {
    event.preventDefault();
    let response;
    try {
      response = await fetch(link.href);
    } catch (e) {
      card.stage.textContent = `The download failed (${e.message}).`;
      return;
    }
    if (response.status === 404) {
      card.stage.textContent = `${done.name}: the server no longer has this result (it restarted, or the result was removed or expired); convert the photo again.`;
      offerAgain(card);
      return;
    }
    if (!response.ok) {
      card.stage.textContent = await problemText(response);
      return;
    }
    const disposition = response.headers.get('Content-Disposition') || '';
    const named = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
    save(await response.blob(), named ? decodeURIComponent(named[1] || named[2]) : done.name);
  });
  strengthInput.addEventListener('input', redraw);
  colorsInput.addEventListener('change', redraw);
  compareInput.addEventListener('input', reveal);
  draw();
  reveal();
  // Removing a result lets go of everything the page holds for it, and of the server's copy.
  card.clearResult = () => {
    card.release();
    dropPlanes(card);
    URL.revokeObjectURL(card.beforeUrl);
    card.forget();
    card.blobs = null;
    card.id = null;
    card.clearResult = null;
    compare.remove();
    controls.remove();
  };
  controls.querySelector('button.remove').addEventListener('click', () => {
    card.clearResult();
    results.delete(card.li);
    // Focus stays among the results: the next card's Remove, else the previous one's, else the heading.
    const neighbour = card.li.nextElementSibling || card.li.previousElementSibling;
    card.li.remove();
    fetch(`api/jobs/${done.id}`, { method: 'DELETE' }).catch(() => {});
    updateButtons();
    const target = neighbour?.querySelector('button.remove, button.again') || neighbour?.querySelector('h3');
    (target || $('results-heading')).focus();
  });
  card.li.append(compare, controls);
  keepPlanes(card);
  updateButtons();
}

function summarize() {
  const all = [...results.values()];
  const ok = all.filter((r) => r.id).length;
  const failed = all.filter((r) => r.failed).length;
  $('summary').textContent = `${ok} converted${failed ? `, ${failed} could not be converted` : ''}.`;
}

// One zip holds at most this many results and pixels (the server's MaxZipItems and MaxZipPixels); more are split into several zips.
const ZipItems = 200;
const ZipPixels = 1e9;

function zipGroups(cards) {
  const groups = [];
  let group = [];
  let pixels = 0;
  for (const card of cards) {
    const size = card.width * card.height;
    if (group.length && (group.length === ZipItems || pixels + size > ZipPixels)) {
      groups.push(group);
      group = [];
      pixels = 0;
    }
    group.push({ id: card.id, strength: card.strength, keepColors: card.keepColors });
    pixels += size;
  }
  if (group.length) groups.push(group);
  return groups;
}

$('download-all').addEventListener('click', async () => {
  const cards = [...results.values()].filter((r) => r.id);
  const groups = zipGroups(cards);
  const button = $('download-all');
  button.disabled = true;
  const gone = [];
  try {
    for (const [index, items] of groups.entries()) {
      const response = await fetch('api/jobs/zip', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ items }) });
      const missing = (response.headers.get('AnimeGan-Missing') || '').split(',').map((id) => id.trim()).filter(Boolean);
      if (response.status === 404) missing.push(...items.map((item) => item.id));
      for (const card of cards.filter((c) => missing.includes(c.id))) {
        gone.push(card.name);
        card.stage.textContent = `${card.name}: the server no longer has this result (it restarted, or the result was removed or expired); convert the photo again.`;
        offerAgain(card);
      }
      if (response.status === 404) continue;
      if (!response.ok) throw new Error(await problemText(response));
      save(await response.blob(), index === 0 ? 'anime.zip' : `anime-${index + 1}.zip`);
    }
    if (gone.length) $('summary').textContent = `The zip holds ${cards.length - gone.length} of ${cards.length}; the server no longer has ${gone.join(', ')}: convert ${gone.length === 1 ? 'it' : 'them'} again.`;
  } catch (e) {
    $('summary').textContent = `The zip could not be made: ${e.message}`;
  } finally {
    button.disabled = false;
    button.focus();
  }
});

loadDetailLevels();
loadStyles();
