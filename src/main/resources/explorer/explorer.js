// The activation explorer. Every value and derivative drawn here is computed by the service
// (POST /activate/{function} and POST /activate/{function}/gradient); the page only samples x,
// reads the answers and draws them with uPlot. The one computation made in the browser is the
// textbook softmax of the overflow demonstration, which is there to show how it fails.
(function () {
  'use strict';

  const SAMPLES = 201;
  const DEFAULT_RANGE = { from: -6, to: 6 };
  // Okabe and Ito's colour-blind-safe palette, without its yellow (too pale on white).
  const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];

  const state = {
    catalog: new Map(), // canonical name -> description from GET /activate
    aliases: new Map(), // alias -> canonical name
    layout: null, // GET /explorer/groups
    current: null,
    params: new Map(), // canonical name -> { parameter name -> value as set in the page }
    overlays: [], // { name, params } pinned for comparison
    derivative: false,
    range: { ...DEFAULT_RANGE },
    chart: null,
    chartKey: '',
    drawing: false,
    dirty: false,
  };

  const $ = (id) => document.getElementById(id);

  // --- Talking to the service --------------------------------------------------------------

  function headers() {
    const h = { 'Content-Type': 'application/json', Accept: 'application/json' };
    const key = $('api-key').value;
    if (key) {
      h['X-API-Key'] = key;
    }
    return h;
  }

  async function getJson(path) {
    const response = await fetch(path, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error('GET ' + path + ' answered ' + response.status);
    }
    return response.json();
  }

  /** POSTs a body; resolves to { json, headers } or rejects with the problem's detail. */
  async function post(path, body) {
    const response = await fetch(path, { method: 'POST', headers: headers(), body: JSON.stringify(body) });
    let json = null;
    try {
      json = await response.json();
    } catch (e) {
      json = null;
    }
    if (!response.ok) {
      const detail = json && (json.detail || json.title);
      const error = new Error(response.status + ' ' + (detail || response.statusText));
      error.status = response.status;
      throw error;
    }
    return { json: json, headers: response.headers };
  }

  /** Whether a parameter is an axis (or, for the softmax family, a list of axes), set in "Try it". */
  function isAxis(p) {
    return p.type === 'axis' || p.type === 'axes';
  }

  /** The query string of a call: the parameters that differ from the catalog's defaults. */
  function query(name, params, extra) {
    const description = state.catalog.get(name);
    const parts = [];
    for (const p of description.parameters) {
      if (isAxis(p)) {
        continue;
      }
      const value = params[p.name];
      if (value === null || value === undefined || value === p.default) {
        continue;
      }
      parts.push(encodeURIComponent(p.name) + '=' + encodeURIComponent(String(value)));
    }
    for (const [k, v] of Object.entries(extra || {})) {
      parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(String(v)));
    }
    return parts.length ? '?' + parts.join('&') : '';
  }

  function curl(path, body) {
    const lines = ["curl -s '" + location.origin + path + "'", "-H 'Content-Type: application/json'"];
    const key = $('api-key').value;
    if (key) {
      lines.push("-H 'X-API-Key: " + key.replace(/'/g, "'\\''") + "'");
    }
    lines.push("-d '" + JSON.stringify(body).replace(/'/g, "'\\''") + "'");
    return lines.join(' ');
  }

  // --- Parameters ------------------------------------------------------------------------------

  function defaultsOf(name) {
    const values = {};
    for (const p of state.catalog.get(name).parameters) {
      values[p.name] = p.default;
    }
    return values;
  }

  function paramsOf(name) {
    if (!state.params.has(name)) {
      state.params.set(name, defaultsOf(name));
    }
    return state.params.get(name);
  }

  /** Checks a number against the catalog's allowed interval; null if allowed, else why not. */
  function disallowed(p, value) {
    const a = p.allowed || {};
    if (!Number.isFinite(value)) {
      return 'must be a finite number';
    }
    const aboveMin = a.min === undefined || (a.minInclusive ? value >= a.min : value > a.min);
    const belowMax = a.max === undefined || (a.maxInclusive ? value <= a.max : value < a.max);
    if (!aboveMin || !belowMax || (a.excludesZero && value === 0)) {
      return 'must be ' + a.description;
    }
    return null;
  }

  /** The slider's span for a number parameter: the catalog's bounds where it has them. */
  function sliderSpan(p) {
    const a = p.allowed || {};
    const d = typeof p.default === 'number' ? p.default : 0;
    const scale = Math.max(1, Math.ceil(Math.abs(d)));
    let lo = a.min !== undefined ? a.min : Math.min(d, -5 * scale);
    let hi = a.max !== undefined ? a.max : Math.max(d, 5 * scale);
    if (a.min !== undefined && a.max === undefined) {
      hi = Math.max(a.min + 5 * scale, d * 4, 1);
    }
    const step = (hi - lo) / 500;
    if (a.min !== undefined && !a.minInclusive) {
      lo += step;
    }
    return { lo: lo, hi: hi, step: step };
  }

  function renderParameters() {
    const name = state.current;
    const description = state.catalog.get(name);
    const box = $('parameters');
    box.textContent = '';
    const shown = description.parameters.filter((p) => !isAxis(p));
    if (shown.length === 0) {
      const none = document.createElement('p');
      none.className = 'muted';
      none.textContent = description.alongAxis
        ? 'The curve has no parameters to set; axis is set in "Try it".'
        : name + ' has no parameters.';
      box.appendChild(none);
    }
    const values = paramsOf(name);
    for (const p of shown) {
      box.appendChild(parameterControl(name, p, values));
    }
    $('defaults').hidden = shown.length === 0;
  }

  function parameterControl(name, p, values) {
    const row = document.createElement('div');
    row.className = 'parameter';
    row.dataset.parameter = p.name;
    const id = 'param-' + p.name;
    const label = document.createElement('label');
    label.className = 'name';
    label.htmlFor = id;
    label.textContent = p.name;
    row.appendChild(label);
    const hint = document.createElement('p');
    hint.className = 'hint';
    hint.id = id + '-hint';
    const defaultText = p.default === null ? 'absent by default' : 'default ' + p.default;
    hint.textContent = p.description + ' Allowed: ' + p.allowed.description + '; ' + defaultText + '.';
    const message = document.createElement('span');
    message.className = 'invalid';
    message.setAttribute('role', 'alert');

    if (p.type === 'choice') {
      const select = document.createElement('select');
      select.id = id;
      select.setAttribute('aria-describedby', hint.id);
      for (const choice of p.allowed.choices) {
        const option = document.createElement('option');
        option.value = choice;
        option.textContent = choice;
        select.appendChild(option);
      }
      select.value = values[p.name];
      select.addEventListener('change', () => {
        values[p.name] = select.value;
        redraw();
      });
      row.appendChild(select);
      row.appendChild(document.createElement('span'));
    } else {
      const span = sliderSpan(p);
      const slider = document.createElement('input');
      slider.type = 'range';
      slider.min = String(span.lo);
      slider.max = String(span.hi);
      slider.step = String(span.step);
      slider.setAttribute('aria-label', p.name + ' slider');
      slider.setAttribute('aria-describedby', hint.id);
      const number = document.createElement('input');
      number.type = 'number';
      number.id = id;
      number.step = 'any';
      number.setAttribute('aria-describedby', hint.id);
      const optional = p.default === null;
      let enabled = null;
      if (optional) {
        enabled = document.createElement('input');
        enabled.type = 'checkbox';
        enabled.id = id + '-set';
        enabled.checked = values[p.name] !== null;
        const setLabel = document.createElement('label');
        setLabel.className = 'check';
        setLabel.appendChild(enabled);
        setLabel.appendChild(document.createTextNode(' set ' + p.name));
        row.appendChild(setLabel);
        row.appendChild(document.createElement('span'));
      }
      const start = values[p.name] !== null ? values[p.name] : (span.lo + span.hi) / 2;
      slider.value = String(start);
      number.value = String(start);
      const apply = (value) => {
        const why = disallowed(p, value);
        message.textContent = why ? p.name + ' ' + why : '';
        if (!why) {
          values[p.name] = value;
          redraw();
        }
      };
      const sync = () => {
        slider.disabled = number.disabled = optional && !enabled.checked;
      };
      slider.addEventListener('input', () => {
        number.value = slider.value;
        apply(Number(slider.value));
      });
      number.addEventListener('input', () => {
        if (number.value === '') {
          return;
        }
        slider.value = number.value;
        apply(Number(number.value));
      });
      if (optional) {
        enabled.addEventListener('change', () => {
          sync();
          if (enabled.checked) {
            apply(Number(number.value));
          } else {
            values[p.name] = null;
            message.textContent = '';
            redraw();
          }
        });
        sync();
      }
      row.appendChild(slider);
      row.appendChild(number);
    }
    row.appendChild(hint);
    hint.appendChild(document.createTextNode(' '));
    hint.appendChild(message);
    return row;
  }

  // --- The function list -----------------------------------------------------------------------

  function renderGroups() {
    const box = $('groups');
    box.textContent = '';
    for (const group of state.layout.groups) {
      const section = document.createElement('section');
      section.dataset.group = group.id;
      const heading = document.createElement('h3');
      heading.id = 'group-' + group.id;
      heading.textContent = group.title;
      const description = document.createElement('p');
      description.className = 'group-description';
      description.textContent = group.description;
      const list = document.createElement('ul');
      list.setAttribute('aria-labelledby', heading.id);
      for (const name of group.functions) {
        const item = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.function = name;
        button.textContent = name;
        const aliases = state.catalog.get(name).aliases;
        button.title = aliases.length ? 'also ' + aliases.join(', ') : name;
        button.addEventListener('click', () => select(name, true));
        item.appendChild(button);
        list.appendChild(item);
      }
      section.append(heading, description, list);
      box.appendChild(section);
    }
  }

  function applyFilter() {
    const text = $('filter').value.trim().toLowerCase().replace(/-/g, '_');
    for (const button of document.querySelectorAll('#groups button[data-function]')) {
      const name = button.dataset.function;
      const names = [name].concat(state.catalog.get(name).aliases);
      button.parentElement.hidden = text !== '' && !names.some((n) => n.includes(text));
    }
    for (const section of document.querySelectorAll('#groups section')) {
      section.hidden = section.querySelectorAll('li:not([hidden])').length === 0;
    }
  }

  function select(name, fromList) {
    state.current = name;
    for (const button of document.querySelectorAll('#groups button[data-function]')) {
      button.setAttribute('aria-current', String(button.dataset.function === name));
    }
    const d = state.catalog.get(name);
    $('function-name').textContent = d.name;
    $('function-aliases').textContent = d.aliases.length ? 'Also called ' + d.aliases.join(', ') + '.' : '';
    $('function-summary').textContent = d.summary;
    $('function-plain').textContent = d.formula;
    try {
      katex.render(d.latex, $('function-formula'), { displayMode: true, throwOnError: false, output: 'htmlAndMathml' });
    } catch (e) {
      $('function-formula').textContent = d.latex;
    }
    const slice = state.layout.slices[name];
    $('curve-note').textContent = slice
      ? 'A function of a vector: the curve is the first output for the input vector ' + sliceText(slice) +
        ' as x varies, as in GET /activate/' + name + '/plot.'
      : '';
    renderParameters();
    renderTry();
    history.replaceState(null, '', '#' + name);
    redraw();
    if (fromList) {
      $('function-name').scrollIntoView({ block: 'nearest' });
    }
  }

  function sliceText(slice) {
    const v = new Array(slice.length).fill('0');
    for (const position of slice.positions) {
      v[position] = 'x';
    }
    return '[' + v.join(', ') + ']';
  }

  // --- Curves ------------------------------------------------------------------------------------

  function samples() {
    const { from, to } = state.range;
    const xs = new Array(SAMPLES);
    for (let i = 0; i < SAMPLES; i++) {
      xs[i] = i === SAMPLES - 1 ? to : from + ((to - from) * i) / (SAMPLES - 1);
    }
    return xs;
  }

  function label(entry, derivative) {
    const slice = state.layout.slices[entry.name];
    const argument = slice ? sliceText(slice).replace(/^\[|\]$/g, '') : 'x';
    const defaults = defaultsOf(entry.name);
    const set = Object.entries(entry.params)
      .filter(([k, v]) => k !== 'axis' && v !== null && v !== defaults[k])
      .map(([k, v]) => k + '=' + v);
    const call = entry.name + (slice ? '([' + argument + '])[0]' : '(' + argument + ')');
    return (derivative ? 'd/dx ' : '') + call + (set.length ? ' · ' + set.join(', ') : '');
  }

  /** The values of one function at xs, from the service. */
  async function values(entry, xs) {
    const slice = state.layout.slices[entry.name];
    const path = '/activate/' + entry.name + query(entry.name, entry.params);
    if (!slice) {
      return (await post(path, { values: xs })).json.values;
    }
    const rows = xs.map((x) => vectorAt(slice, x));
    const out = fromSliceLayout(slice, (await post(path, { values: toSliceLayout(slice, rows) })).json.values);
    return out.map((row) => row[0]);
  }

  /** The derivative of one function at xs, from the service's gradient endpoint. */
  async function derivatives(entry, xs) {
    const slice = state.layout.slices[entry.name];
    const path = '/activate/' + entry.name + '/gradient' + query(entry.name, entry.params);
    if (!slice) {
      return (await post(path, { values: xs })).json.values;
    }
    // d/dx f([x at positions])[0] = sum over those positions of the first output's Jacobian row,
    // which is the vector-Jacobian product with the upstream gradient (1, 0, ...).
    const rows = xs.map((x) => vectorAt(slice, x));
    const grad = xs.map(() => {
      const g = new Array(slice.outputLength).fill(0);
      g[0] = 1;
      return g;
    });
    const body = { values: toSliceLayout(slice, rows), grad: toSliceLayout(slice, grad) };
    const out = fromSliceLayout(slice, (await post(path, body)).json.values);
    return out.map((row) => slice.positions.reduce((sum, position) => sum + row[position], 0));
  }

  /**
   * One row per sample point as the function takes them: the rows of a matrix, or, for a
   * function of images (softmax2d, along the channel axis), the channels of the pixels of a
   * (length, samples, 1) image.
   */
  function toSliceLayout(slice, rows) {
    if (!slice.image) {
      return rows;
    }
    return rows[0].map((_, channel) => rows.map((row) => [row[channel]]));
  }

  /** The rows back from what toSliceLayout made of them. */
  function fromSliceLayout(slice, values) {
    if (!slice.image) {
      return values;
    }
    return values[0].map((_, pixel) => values.map((channel) => channel[pixel][0]));
  }

  function vectorAt(slice, x) {
    const v = new Array(slice.length).fill(0);
    for (const position of slice.positions) {
      v[position] = x;
    }
    return v;
  }

  /** The functions drawn: the comparison, then the current one unless it is pinned already. */
  function entries() {
    const list = state.overlays.slice();
    const current = { name: state.current, params: { ...paramsOf(state.current) } };
    if (!list.some((e) => sameEntry(e, current))) {
      list.push(current);
    }
    return list;
  }

  function sameEntry(a, b) {
    return a.name === b.name && JSON.stringify(a.params) === JSON.stringify(b.params);
  }

  /** Redraws now, or once the drawing in flight has finished, so that only the latest state is drawn. */
  function redraw() {
    if (state.drawing) {
      state.dirty = true;
      return;
    }
    state.drawing = true;
    draw().finally(() => {
      state.drawing = false;
      if (state.dirty) {
        state.dirty = false;
        redraw();
      }
    });
  }

  async function draw() {
    const xs = samples();
    const list = entries();
    const status = $('chart-status');
    const series = [];
    try {
      const jobs = [];
      list.forEach((entry, i) => {
        const colour = COLOURS[i % COLOURS.length];
        jobs.push(values(entry, xs).then((ys) => ({ label: label(entry, false), colour: colour, dash: null, ys: ys })));
        if (state.derivative) {
          jobs.push(derivatives(entry, xs).then((ys) => ({ label: label(entry, true), colour: colour, dash: [6, 4], ys: ys })));
        }
      });
      series.push(...(await Promise.all(jobs)));
    } catch (e) {
      status.textContent = 'The service refused: ' + e.message;
      status.classList.add('error');
      return;
    }
    status.textContent = '';
    status.classList.remove('error');
    plot(xs, series);
    table(xs, series);
    renderOverlays(list);
  }

  function chartSize() {
    const width = Math.max(260, $('chart').clientWidth);
    return { width: width, height: width < 560 ? 240 : 360 };
  }

  function plot(xs, series) {
    const key = series.map((s) => s.label + s.colour).join('|');
    const data = [xs].concat(series.map((s) => s.ys));
    if (state.chart && state.chartKey === key) {
      state.chart.setData(data);
      return;
    }
    if (state.chart) {
      state.chart.destroy();
    }
    const opts = Object.assign(chartSize(), {
      scales: { x: { time: false } },
      // Draw through the exact points rather than whole pixels, so smooth curves stay smooth.
      pxAlign: 0,
      series: [{ label: 'x', value: (u, v) => (v == null ? '–' : v.toPrecision(4)) }].concat(
        series.map((s) => ({
          label: s.label,
          stroke: s.colour,
          width: 2,
          dash: s.dash || undefined,
          points: { show: false },
          value: (u, v) => (v == null ? '–' : Number(v).toPrecision(6)),
        })),
      ),
      axes: [{ label: 'x' }, {}],
      cursor: { drag: { x: true, y: false, setScale: false } },
      legend: { live: true },
      hooks: {
        setSelect: [
          (u) => {
            if (u.select.width > 4) {
              const from = u.posToVal(u.select.left, 'x');
              const to = u.posToVal(u.select.left + u.select.width, 'x');
              u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
              setRange(from, to);
            }
          },
        ],
      },
    });
    state.chart = new uPlot(opts, data, $('chart'));
    state.chartKey = key;
  }

  function table(xs, series) {
    const head = $('curve-table').tHead;
    const body = $('curve-table').tBodies[0];
    head.textContent = '';
    body.textContent = '';
    const tr = head.insertRow();
    for (const text of ['x'].concat(series.map((s) => s.label))) {
      const th = document.createElement('th');
      th.scope = 'col';
      th.textContent = text;
      tr.appendChild(th);
    }
    const fragment = document.createDocumentFragment();
    xs.forEach((x, i) => {
      const row = document.createElement('tr');
      const cells = [x].concat(series.map((s) => s.ys[i]));
      cells.forEach((v, j) => {
        const cell = document.createElement(j === 0 ? 'th' : 'td');
        if (j === 0) {
          cell.scope = 'row';
        }
        cell.dataset.value = String(v);
        cell.textContent = Number(v).toPrecision(8);
        row.appendChild(cell);
      });
      fragment.appendChild(row);
    });
    body.appendChild(fragment);
  }

  function renderOverlays(list) {
    const box = $('overlays');
    box.textContent = '';
    state.overlays.forEach((entry, i) => {
      const item = document.createElement('li');
      item.dataset.function = entry.name;
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = COLOURS[list.indexOf(entry) % COLOURS.length];
      const text = document.createElement('span');
      text.textContent = label(entry, false);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = '×';
      remove.setAttribute('aria-label', 'Remove ' + label(entry, false) + ' from the comparison');
      remove.addEventListener('click', () => {
        state.overlays.splice(i, 1);
        redraw();
      });
      item.append(swatch, text, remove);
      box.appendChild(item);
    });
    $('clear-compare').hidden = state.overlays.length === 0;
  }

  function setRange(from, to) {
    if (!(Number.isFinite(from) && Number.isFinite(to)) || !(to - from >= 1e-6) || to - from > 1e6 ||
        Math.abs(from) > 1e6 || Math.abs(to) > 1e6) {
      $('chart-status').textContent = 'The x range must be finite, from < to, within ±1e6, with a width between 1e-6 and 1e6.';
      $('chart-status').classList.add('error');
      return;
    }
    state.range = { from: from, to: to };
    $('range-from').value = String(Number(from.toPrecision(6)));
    $('range-to').value = String(Number(to.toPrecision(6)));
    redraw();
  }

  function zoom(factor) {
    const { from, to } = state.range;
    const middle = (from + to) / 2;
    const half = ((to - from) / 2) * factor;
    setRange(middle - half, middle + half);
  }

  function pan(fraction) {
    const { from, to } = state.range;
    const shift = (to - from) * fraction;
    setRange(from + shift, to + shift);
  }

  // --- Try it ------------------------------------------------------------------------------------

  /** Reads numbers: JSON, or numbers separated by commas or spaces with one row per line. */
  function parseTensor(text) {
    const trimmed = text.trim();
    if (trimmed.startsWith('[')) {
      return JSON.parse(trimmed);
    }
    const rows = trimmed.split(/\n+/).map((line) => line.trim()).filter((line) => line !== '')
      .map((line) => line.split(/[\s,;]+/).filter((t) => t !== '').map(Number));
    return rows.length === 1 ? rows[0] : rows;
  }

  function formatTensor(value) {
    if (Array.isArray(value) && value.length && Array.isArray(value[0]) && Array.isArray(value[0][0])) {
      return JSON.stringify(value);
    }
    if (Array.isArray(value) && value.length && Array.isArray(value[0])) {
      return value.map((row) => JSON.stringify(row)).join('\n');
    }
    return JSON.stringify(value);
  }

  /** The axis a call takes when it names none: -1, or empty for prelu's channel axis. */
  function axisDefault(name) {
    const p = state.catalog.get(name).parameters.find(isAxis);
    return p && p.default !== null ? String(p.default) : '';
  }

  /** Whether the function takes an axis (softmax2d, along an axis, has its own fixed one). */
  function hasAxis(name) {
    return state.catalog.get(name).parameters.some(isAxis);
  }

  function tryMode() {
    return document.querySelector('input[name="try-mode"]:checked').value;
  }

  function renderTry() {
    const name = state.current;
    const alongAxis = state.catalog.get(name).alongAxis;
    $('try-input').value = formatTensor(state.layout.examples[name]);
    $('try-hint').textContent = alongAxis
      ? (state.catalog.get(name).ranks
        ? name + ' takes an image of rank ' + state.catalog.get(name).ranks.join(' or ') +
          ', (C, H, W) or (N, C, H, W), as nested JSON; the softmax is taken over the channels.'
        : name + ' works along an axis: type a matrix, one row per line (or nested JSON), and pick the axis.')
      : 'Numbers separated by commas or spaces; one row per line for a matrix; or JSON such as [[1, 2], [3, 4]].';
    $('try-axis-label').hidden = !hasAxis(name);
    $('try-axis').value = axisDefault(name);
    $('try-grad').value = alongAxis ? formatTensor(state.layout.gradExamples[name]) : '';
    updateTryMode();
    $('try-result').textContent = '';
    $('try-result').classList.remove('error');
    updateTryCurl();
  }

  function updateTryMode() {
    const alongAxis = state.catalog.get(state.current).alongAxis;
    $('try-grad-box').hidden = !(alongAxis && tryMode() === 'gradient');
    updateTryCurl();
  }

  function tryCall() {
    const name = state.current;
    const alongAxis = state.catalog.get(name).alongAxis;
    const body = { values: parseTensor($('try-input').value) };
    const axis = $('try-axis').value.trim();
    const extra = hasAxis(name) && axis !== '' && axis !== axisDefault(name) ? { axis: axis } : {};
    let path = '/activate/' + name;
    if (tryMode() === 'gradient') {
      path += '/gradient';
      if (alongAxis) {
        body.grad = parseTensor($('try-grad').value);
      }
    }
    return { path: path + query(name, paramsOf(name), extra), body: body };
  }

  function updateTryCurl() {
    try {
      const call = tryCall();
      $('try-curl').value = curl(call.path, call.body);
    } catch (e) {
      $('try-curl').value = '';
    }
  }

  async function runTry() {
    const result = $('try-result');
    result.classList.remove('error');
    let call;
    try {
      call = tryCall();
    } catch (e) {
      result.textContent = 'Not numbers: ' + e.message;
      result.classList.add('error');
      return;
    }
    $('try-curl').value = curl(call.path, call.body);
    result.textContent = 'Computing…';
    try {
      const answer = await post(call.path, call.body);
      const overflow = answer.headers.get('Activation-Overflow-Avoided');
      result.textContent = JSON.stringify(answer.json) +
        (overflow !== null ? '\nOverflows avoided: ' + overflow : '');
    } catch (e) {
      result.textContent = e.message;
      result.classList.add('error');
    }
  }

  async function copy(textarea, button) {
    const text = textarea.value;
    let done = false;
    if (navigator.clipboard && window.isSecureContext) {
      try {
        await navigator.clipboard.writeText(text);
        done = true;
      } catch (e) {
        done = false;
      }
    }
    if (!done) {
      textarea.focus();
      textarea.select();
      try {
        done = document.execCommand('copy');
      } catch (e) {
        done = false;
      }
    }
    button.textContent = done ? 'Copied' : 'Press Ctrl+C';
    setTimeout(() => {
      button.textContent = 'Copy';
    }, 1500);
  }

  // --- The softmax overflow demonstration ---------------------------------------------------------

  /** The textbook softmax with Math.exp, as it is written: no maximum subtracted. */
  function textbookSoftmax(xs) {
    const exps = xs.map((x) => Math.exp(x));
    const sum = exps.reduce((a, b) => a + b, 0);
    return { exps: exps, values: exps.map((e) => e / sum) };
  }

  function fillRow(id, values) {
    const row = $(id);
    while (row.cells.length > 1) {
      row.deleteCell(1);
    }
    for (const v of values) {
      const cell = row.insertCell();
      cell.textContent = String(v);
      cell.dataset.value = String(v);
      if (Number.isNaN(v) || v === Infinity) {
        cell.classList.add('nan');
      }
    }
  }

  async function runDemo() {
    const status = $('demo-status');
    status.textContent = '';
    status.classList.remove('error');
    let xs;
    try {
      xs = parseTensor($('demo-input').value);
      if (!Array.isArray(xs) || xs.some((x) => Array.isArray(x) || !Number.isFinite(x))) {
        throw new Error('type a vector of numbers, e.g. 1010, 1000, 990');
      }
    } catch (e) {
      status.textContent = 'Not a vector: ' + e.message;
      status.classList.add('error');
      return;
    }
    const naive = textbookSoftmax(xs);
    fillRow('demo-exp', naive.exps);
    fillRow('demo-naive', naive.values);
    const body = { values: xs };
    $('demo-curl').value = curl('/activate/softmax', body);
    try {
      const answer = await post('/activate/softmax', body);
      fillRow('demo-service', answer.json.values);
      $('demo-overflow').textContent = answer.headers.get('Activation-Overflow-Avoided');
    } catch (e) {
      fillRow('demo-service', []);
      $('demo-overflow').textContent = '';
      status.textContent = e.message;
      status.classList.add('error');
    }
  }

  // --- Start -------------------------------------------------------------------------------------

  function bind() {
    $('filter').addEventListener('input', applyFilter);
    $('derivative').addEventListener('change', () => {
      state.derivative = $('derivative').checked;
      redraw();
    });
    $('compare').addEventListener('click', () => {
      const entry = { name: state.current, params: { ...paramsOf(state.current) } };
      if (!state.overlays.some((e) => sameEntry(e, entry))) {
        state.overlays.push(entry);
      }
      redraw();
    });
    $('clear-compare').addEventListener('click', () => {
      state.overlays = [];
      redraw();
    });
    $('defaults').addEventListener('click', () => {
      state.params.set(state.current, defaultsOf(state.current));
      renderParameters();
      redraw();
    });
    const rangeInput = () => setRange(Number($('range-from').value), Number($('range-to').value));
    $('range-from').addEventListener('change', rangeInput);
    $('range-to').addEventListener('change', rangeInput);
    $('zoom-in').addEventListener('click', () => zoom(0.5));
    $('zoom-out').addEventListener('click', () => zoom(2));
    $('pan-left').addEventListener('click', () => pan(-0.25));
    $('pan-right').addEventListener('click', () => pan(0.25));
    $('range-reset').addEventListener('click', () => setRange(DEFAULT_RANGE.from, DEFAULT_RANGE.to));
    $('chart').addEventListener('keydown', (event) => {
      const actions = {
        ArrowLeft: () => pan(-0.1),
        ArrowRight: () => pan(0.1),
        '+': () => zoom(0.5),
        '=': () => zoom(0.5),
        '-': () => zoom(2),
        0: () => setRange(DEFAULT_RANGE.from, DEFAULT_RANGE.to),
      };
      if (actions[event.key]) {
        event.preventDefault();
        actions[event.key]();
      }
    });
    $('try-input').addEventListener('input', updateTryCurl);
    $('try-grad').addEventListener('input', updateTryCurl);
    $('try-axis').addEventListener('input', updateTryCurl);
    for (const radio of document.querySelectorAll('input[name="try-mode"]')) {
      radio.addEventListener('change', updateTryMode);
    }
    $('try-run').addEventListener('click', runTry);
    $('try-copy').addEventListener('click', () => copy($('try-curl'), $('try-copy')));
    $('demo-run').addEventListener('click', runDemo);
    $('demo-copy').addEventListener('click', () => copy($('demo-curl'), $('demo-copy')));
    $('api-key').addEventListener('change', () => {
      updateTryCurl();
      redraw();
    });
    let resizing = null;
    window.addEventListener('resize', () => {
      clearTimeout(resizing);
      resizing = setTimeout(() => {
        if (state.chart) {
          state.chart.setSize(chartSize());
        }
      }, 100);
    });
  }

  async function start() {
    try {
      const [catalog, layout] = await Promise.all([getJson('/activate'), getJson('/explorer/groups')]);
      for (const d of catalog.functions) {
        state.catalog.set(d.name, d);
        for (const alias of d.aliases) {
          state.aliases.set(alias, d.name);
        }
      }
      state.layout = layout;
    } catch (e) {
      $('groups').textContent = 'The catalog could not be loaded: ' + e.message;
      return;
    }
    renderGroups();
    bind();
    const wanted = decodeURIComponent(location.hash.replace(/^#/, '')).toLowerCase().replace(/-/g, '_');
    const first = state.catalog.has(wanted) ? wanted : state.aliases.get(wanted) || state.layout.groups[0].functions[0];
    select(first, false);
    runDemo();
    document.body.dataset.ready = 'true';
  }

  document.addEventListener('DOMContentLoaded', start);
})();
