// Perfweave dashboard: renders the agent's figures, live from /api/... or from the JSON a report
// file embeds. Plain DOM and SVG, no libraries; data is only ever set as text, never parsed as markup.
(function () {
  'use strict';

  var SVG = 'http://www.w3.org/2000/svg';
  var embedded = document.getElementById('perfweave-data');
  var token = new URLSearchParams(window.location.search).get('token');

  var state = {
    snapshot: null,
    details: {},
    selected: null,
    sort: { key: 'count', dir: -1 },
    sequence: -1,
    report: embedded !== null
  };

  // ---- formatting -------------------------------------------------------------------------------

  function digits(v) {
    return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
  }

  function nanos(ns) {
    if (ns === undefined || ns === null || ns < 0) { return '\u2013'; }
    if (ns < 1000) { return Math.round(ns) + 'ns'; }
    if (ns < 1e6) { return digits(ns / 1e3) + '\u00b5s'; }
    if (ns < 1e9) { return digits(ns / 1e6) + 'ms'; }
    return digits(ns / 1e9) + 's';
  }

  // Axis labels: as few characters as say the value (1ms, 2.5µs).
  function tickNanos(ns) {
    return nanos(ns).replace(/\.0+(?=[a-zµ])/, '').replace(/(\.\d*[1-9])0+(?=[a-zµ])/, '$1');
  }

  function bytes(b) {
    if (b === undefined || b === null || b < 0) { return '\u2013'; }
    if (b < 1024) { return Math.round(b) + ' B'; }
    if (b < 1048576) { return digits(b / 1024) + ' KiB'; }
    if (b < 1073741824) { return digits(b / 1048576) + ' MiB'; }
    return digits(b / 1073741824) + ' GiB';
  }

  function count(n) {
    return n === undefined || n === null ? '\u2013' : Math.round(n).toLocaleString('en-US');
  }

  function percent(fraction) {
    if (fraction === undefined || fraction === null || fraction < 0) { return '\u2013'; }
    if (fraction === 0) { return '0%'; }
    var p = fraction * 100;
    return (p < 0.01 ? '<0.01' : p < 10 ? p.toFixed(2) : p.toFixed(1)) + '%';
  }

  function rate(perSecond) {
    if (perSecond >= 1000) { return count(perSecond); }
    return perSecond >= 10 ? perSecond.toFixed(0) : perSecond.toFixed(1);
  }

  function time(iso) {
    return iso ? new Date(iso).toLocaleTimeString('en-GB') : '';
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = text; }
    return e;
  }

  function clear(e) {
    while (e.firstChild) { e.removeChild(e.firstChild); }
    return e;
  }

  // ---- data -------------------------------------------------------------------------------------

  function fetchJson(path) {
    var headers = token ? { Authorization: 'Bearer ' + token } : {};
    return fetch(path, { headers: headers, cache: 'no-store' }).then(function (response) {
      if (!response.ok) { throw new Error(path + ': HTTP ' + response.status); }
      return response.json();
    });
  }

  function probeByName(name) {
    var probes = state.snapshot ? state.snapshot.probes : [];
    for (var i = 0; i < probes.length; i++) {
      if (probes[i].name === name) { return probes[i]; }
    }
    return null;
  }

  // ---- probe table ------------------------------------------------------------------------------

  var PRESSURE = { green: 0, yellow: 1, orange: 2, red: 3, critical: 4 };
  var SEVERITY = { violated: 3, warning: 2, ok: 1, none: 0, regressed: 4, 'insufficient-data': 2, unchanged: 1, improved: 0 };

  var COLUMNS = [
    { key: 'name', label: 'probe', value: function (p) { return p.name; } },
    { key: 'count', label: 'calls', value: function (p) { return p.count; }, text: count },
    { key: 'rate', label: 'calls/s', value: function (p) { return p.interval.ratePerSecond; }, text: rate },
    { key: 'timed', label: 'timed', value: function (p) { return p.sampling.effectiveRate; } },
    { key: 'errors', label: 'errors', value: function (p) { return p.errors; }, text: count },
    { key: 'errorRate', label: 'err %', value: function (p) { return p.errorRate; }, text: percent },
    { key: 'p50', label: 'p50', value: function (p) { return p.latencyNanos.p50; }, text: nanos },
    { key: 'p90', label: 'p90', value: function (p) { return p.latencyNanos.p90; }, text: nanos },
    { key: 'p99', label: 'p99', value: function (p) { return p.latencyNanos.p99; }, text: nanos },
    { key: 'max', label: 'max', value: function (p) { return p.latencyNanos.max; }, text: nanos },
    { key: 'alloc', label: 'alloc/call', value: function (p) { return p.allocatedBytes ? p.allocatedBytes.mean : -1; }, text: bytes },
    { key: 'budget', label: 'budget', value: function (p) { return SEVERITY[p.budget.state] || 0; } },
    { key: 'regression', label: 'vs baseline', value: function (p) { return p.regression ? SEVERITY[p.regression.status] + 1 : 0; } }
  ];

  function renderHead() {
    var head = clear(document.getElementById('probe-head'));
    COLUMNS.forEach(function (column) {
      var th = el('th', 'sortable' + (column.key === 'name' ? ' name' : ''), column.label);
      th.dataset.key = column.key;
      if (state.sort.key === column.key) {
        th.classList.add('sorted');
        if (state.sort.dir > 0) { th.classList.add('asc'); }
      }
      th.addEventListener('click', function () {
        state.sort = { key: column.key, dir: state.sort.key === column.key ? -state.sort.dir : (column.key === 'name' ? 1 : -1) };
        renderTable();
      });
      head.appendChild(th);
    });
  }

  function regressionText(regression) {
    if (!regression) { return 'no baseline'; }
    var judged = regression.metrics.filter(function (m) { return m.status === regression.status && m.change !== undefined; });
    if (judged.length === 0) { return regression.status; }
    var m = judged[0];
    return regression.status + ' ' + m.metric + ' ' + (m.change >= 0 ? '+' : '') + (m.change * 100).toFixed(0) + '%';
  }

  // The share of calls timed since start and, when it is not every call, the rate in force; marked
  // when adaptive sampling has lowered the probe's own rate under memory pressure.
  function timedCell(sampling) {
    var lowered = sampling.rateInForce !== sampling.rate;
    var td = el('td', lowered ? 'lowered' : '', percent(sampling.effectiveRate));
    if (sampling.rateInForce !== '1/1') {
      td.appendChild(el('span', 'rate', (lowered ? '\u2193 ' : '') + sampling.rateInForce));
    }
    td.title = 'calls timed since start: ' + count(sampling.timed) + ', untimed by sampling: ' + count(sampling.untimed)
      + '\nown rate ' + sampling.rate + (sampling.adaptive ? ', ' + sampling.priority + ' priority, adaptive' : '')
      + '\nrate in force in the last interval: ' + sampling.rateInForce
      + (lowered ? ' (lowered by adaptive sampling under memory pressure)' : '');
    td.dataset.rateInForce = sampling.rateInForce;
    return td;
  }

  function renderTable() {
    renderHead();
    var snapshot = state.snapshot;
    var body = clear(document.getElementById('probe-rows'));
    var column = COLUMNS.filter(function (c) { return c.key === state.sort.key; })[0] || COLUMNS[1];
    var probes = snapshot.probes.slice().sort(function (a, b) {
      var x = column.value(a), y = column.value(b);
      var order = typeof x === 'string' ? x.localeCompare(y) : x - y;
      return order * state.sort.dir || a.name.localeCompare(b.name);
    });
    probes.forEach(function (probe) {
      var tr = el('tr');
      tr.dataset.probe = probe.name;
      tr.tabIndex = 0;
      if (probe.name === state.selected) { tr.classList.add('selected'); }
      COLUMNS.forEach(function (c) {
        var td;
        if (c.key === 'name') {
          td = el('td', 'name', probe.name);
          td.appendChild(el('span', 'pattern', probe.pattern));
          td.title = probe.method.join('\n') || 'matched no method yet';
        } else if (c.key === 'budget') {
          td = el('td');
          td.appendChild(el('span', 'pill ' + probe.budget.state, probe.budget.detail));
        } else if (c.key === 'timed') {
          td = timedCell(probe.sampling);
        } else if (c.key === 'regression') {
          td = el('td');
          td.appendChild(el('span', 'pill ' + (probe.regression ? probe.regression.status : 'none'), regressionText(probe.regression)));
        } else {
          var v = c.value(probe);
          td = el('td', v === 0 ? 'zero' : (c.key === 'errors' && v > 0 ? 'errors' : ''), c.text(v));
        }
        td.dataset.field = c.key;
        var raw = c.value(probe);
        if (typeof raw === 'number') { td.dataset.value = String(raw); }
        tr.appendChild(td);
      });
      tr.addEventListener('click', function () { select(probe.name); });
      tr.addEventListener('keydown', function (e) { if (e.key === 'Enter') { select(probe.name); } });
      body.appendChild(tr);
    });
    if (probes.length === 0) {
      var empty = el('tr');
      var td = el('td', 'name', 'no probes configured');
      td.colSpan = COLUMNS.length;
      empty.appendChild(td);
      body.appendChild(empty);
    }
  }

  // ---- summary cards ----------------------------------------------------------------------------

  function card(label, value, sub, bad, meter) {
    var c = el('div', 'card' + (bad ? ' bad' : ''));
    c.appendChild(el('div', 'label', label));
    c.appendChild(el('div', 'value', value));
    if (sub) { c.appendChild(el('div', 'sub', sub)); }
    if (meter !== undefined) {
      var m = el('div', 'meter');
      var fill = el('span');
      fill.style.width = Math.max(0, Math.min(100, meter * 100)).toFixed(1) + '%';
      m.appendChild(fill);
      c.appendChild(m);
    }
    return c;
  }

  function renderCards() {
    var s = state.snapshot;
    var cards = clear(document.getElementById('cards'));
    var rateSum = 0, calls = 0, errors = 0;
    s.probes.forEach(function (p) { rateSum += p.interval.ratePerSecond; calls += p.count; errors += p.errors; });
    cards.appendChild(card('Probed calls', count(calls), rate(rateSum) + ' /s in the last interval'));
    cards.appendChild(card('Errors', count(errors), percent(calls ? errors / calls : 0) + ' of calls', errors > 0));
    cards.appendChild(card('Dropped records', count(s.agent.dropped), 'calls counted but not timed (full ring)', s.agent.dropped > 0));
    var h = s.jvmHealth;
    var limit = h.heapMaxBytes > 0 ? h.heapMaxBytes : h.heapCommittedBytes;
    var pressure = h.measured ? h.pressure.level : null;
    var heap = card('Heap', bytes(h.heapUsedBytes), 'of ' + bytes(limit) + (h.heapMaxBytes > 0 ? ' max' : ' committed')
      + ' \u00b7 old gen after GC ' + (h.oldGenAfterGc ? percent(h.oldGenAfterGc.occupancy) : '\u2013'),
      PRESSURE[pressure] >= PRESSURE.orange, limit > 0 ? h.heapUsedBytes / limit : 0);
    var level = el('div', 'sub');
    level.appendChild(document.createTextNode('memory pressure '));
    var pill = el('span', 'pill pressure-' + (pressure || 'unknown'), pressure || 'not measured');
    pill.id = 'pressure';
    level.appendChild(pill);
    if (h.measured && h.pressure.highest !== pressure) { level.appendChild(document.createTextNode(' (highest ' + h.pressure.highest + ')')); }
    if (h.leakHint && h.leakHint.active) {
      level.appendChild(document.createTextNode(' \u00b7 leak hint: +' + bytes(h.leakHint.growthBytesPerSecond) + '/s after GC'));
    }
    heap.appendChild(level);
    cards.appendChild(heap);
    var pauses = 0, pauseMillis = 0, longest = 0, cycles = 0, total = 0;
    h.gc.forEach(function (g) {
      total += g.totalCount;
      if (g.kind === 'cycle') { cycles += g.intervalCount; return; }
      pauses += g.intervalCount; pauseMillis += g.intervalMillis; longest = Math.max(longest, g.intervalMaxMillis);
    });
    cards.appendChild(card('GC pauses, last interval', h.measured ? count(pauseMillis) + ' ms' : '\u2013',
      pauses + ' pause' + (pauses === 1 ? '' : 's') + (pauses ? ', longest ' + count(longest) + ' ms' : '')
      + (cycles ? ' \u00b7 ' + cycles + ' concurrent cycle' + (cycles === 1 ? '' : 's') : '')
      + ' \u00b7 ' + count(total) + ' since start \u00b7 alloc ' + bytes(h.allocationBytesPerSecond) + '/s \u00b7 '
      + (h.liveThreads >= 0 ? h.liveThreads : '\u2013') + ' threads \u00b7 process CPU ' + percent(h.processCpuLoad)));
    var a = s.agent;
    cards.appendChild(card('Agent cost', a.cpuShare >= 0 ? percent(a.cpuShare) + ' of CPU' : '\u2013',
      'reporter ' + percent(a.reporterCpuShare) + ', probes ' + percent(a.probeShare) + ' (' + count(a.probeCalls) + ' calls \u00d7 '
      + nanos(a.probeCallNanos) + ')' + (a.overheadBudget !== null ? ' \u00b7 budget ' + percent(a.overheadBudget) : '')
      + (a.overBudget ? ' (over)' : '') + ' \u00b7 heap ' + bytes(a.retainedBytes) + ' \u00b7 ' + nanos(a.reportNanos)
      + ' per report \u00b7 ' + a.rings + ' rings, fullest ' + percent(a.ringFill), a.overBudget));
  }

  // ---- header and status ------------------------------------------------------------------------

  function renderHeader() {
    var s = state.snapshot;
    document.getElementById('run').textContent = 'agent ' + s.agentVersion + ' \u00b7 ' + s.jvm.name + ' ' + s.jvm.version
      + ' \u00b7 pid ' + s.jvm.pid + ' \u00b7 ' + s.config + (s.baseline ? ' \u00b7 baseline ' + (s.baseline.label || s.baseline.file) : '');
    document.title = 'Perfweave \u00b7 pid ' + s.jvm.pid;
    var status = document.getElementById('status');
    status.dataset.sequence = String(s.sequence);
    if (state.report) {
      setStatus('final', 'report at exit, ' + new Date(s.intervalEnd).toLocaleString('en-GB'));
    } else if (s.final) {
      setStatus('final', 'final report at ' + time(s.intervalEnd));
    } else {
      setStatus('live', 'live \u00b7 interval ' + s.sequence + ' \u00b7 ' + time(s.intervalEnd));
    }
    document.getElementById('footer').textContent = 'Perfweave ' + s.agentVersion + ' \u00b7 run started ' + new Date(s.startTime).toLocaleString('en-GB')
      + ' \u00b7 reporting every ' + nanos(s.intervalMillis * 1e6);
  }

  function setStatus(kind, text) {
    var status = document.getElementById('status');
    status.className = 'status ' + kind;
    document.getElementById('status-text').textContent = text;
  }

  // ---- charts -----------------------------------------------------------------------------------

  function svg(tag, attributes, parent) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attributes).forEach(function (k) { e.setAttribute(k, attributes[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }

  function logTicks(min, max) {
    var ticks = [];
    var steps = Math.log10(max / min) > 2.5 ? [1] : [1, 2, 5];
    for (var decade = Math.pow(10, Math.floor(Math.log10(min))); decade <= max; decade *= 10) {
      steps.forEach(function (s) {
        var v = decade * s;
        if (v >= min && v <= max) { ticks.push(v); }
      });
    }
    return ticks;
  }

  // A chart of series of [x, y] points (y > 0, log scale; a null point breaks the line).
  // options: xMin, xMax, xLog, xTicks [{value, label}], legend, empty.
  function lineChart(box, series, options) {
    clear(box);
    var width = Math.max(320, box.clientWidth || 600), height = 260;
    var left = 58, right = 34, top = 12, bottom = 30;
    var root = svg('svg', { viewBox: '0 0 ' + width + ' ' + height, role: 'img' }, box);
    var ys = [];
    var plotted = 0;
    series.forEach(function (s) {
      s.points.forEach(function (p) { if (p && p[1] > 0) { ys.push(p[1]); plotted++; } });
    });
    root.dataset.points = String(plotted);
    if (options.sequence !== undefined) { root.dataset.sequence = String(options.sequence); }
    if (plotted === 0) {
      var t = svg('text', { x: width / 2, y: height / 2, 'text-anchor': 'middle', class: 'empty' }, root);
      t.textContent = options.empty || 'no calls timed yet';
      return root;
    }
    var yMin = Math.min.apply(null, ys), yMax = Math.max.apply(null, ys);
    yMin = Math.pow(10, Math.floor(Math.log10(yMin) * 2) / 2);
    yMax = Math.pow(10, Math.ceil(Math.log10(yMax) * 2) / 2);
    if (yMax <= yMin) { yMax = yMin * 10; }
    var fx = options.xLog ? Math.log10 : function (v) { return v; };
    var x0 = fx(options.xMin), x1 = fx(options.xMax);
    if (x1 <= x0) { x1 = x0 + 1; }
    function X(v) { return left + (fx(v) - x0) / (x1 - x0) * (width - left - right); }
    function Y(v) { return top + (1 - (Math.log10(v) - Math.log10(yMin)) / (Math.log10(yMax) - Math.log10(yMin))) * (height - top - bottom); }

    logTicks(yMin, yMax).forEach(function (v) {
      svg('line', { x1: left, x2: width - right, y1: Y(v), y2: Y(v), class: 'grid-line' }, root);
      var label = svg('text', { x: left - 6, y: Y(v) + 4, 'text-anchor': 'end' }, root);
      label.textContent = tickNanos(v);
    });
    options.xTicks.forEach(function (tick) {
      var x = X(tick.value);
      svg('line', { x1: x, x2: x, y1: top, y2: height - bottom, class: 'grid-line' }, root);
      var label = svg('text', { x: x, y: height - bottom + 16, 'text-anchor': 'middle' }, root);
      label.textContent = tick.label;
    });
    svg('line', { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, class: 'axis' }, root);
    svg('line', { x1: left, x2: left, y1: top, y2: height - bottom, class: 'axis' }, root);

    series.forEach(function (s) {
      var d = '', pen = false;
      s.points.forEach(function (p) {
        if (!p || !(p[1] > 0)) { pen = false; return; }
        d += (pen ? 'L' : 'M') + X(p[0]).toFixed(1) + ' ' + Y(p[1]).toFixed(1) + ' ';
        pen = true;
      });
      if (d) {
        var path = svg('path', { d: d, class: 'series', stroke: s.color }, root);
        if (s.dashed) { path.setAttribute('stroke-dasharray', '5 4'); }
        path.dataset.series = s.name;
      }
      // Lone points (an interval between two gaps) would be invisible as a path: mark them.
      s.points.forEach(function (p, i) {
        var prev = s.points[i - 1], next = s.points[i + 1];
        if (p && p[1] > 0 && !(prev && prev[1] > 0) && !(next && next[1] > 0)) {
          svg('circle', { cx: X(p[0]), cy: Y(p[1]), r: 2.5, fill: s.color }, root);
        }
      });
    });
    var legend = el('div', 'legend');
    series.forEach(function (s) {
      var item = el('span');
      var swatch = el('i');
      swatch.style.background = s.color;
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(s.name));
      legend.appendChild(item);
    });
    box.appendChild(legend);
    return root;
  }

  var CSS = getComputedStyle(document.documentElement);
  function color(name) { return CSS.getPropertyValue('--' + name).trim(); }

  function historyChart(box, detail, sequence) {
    var history = detail.history;
    var end = history.length ? new Date(history[history.length - 1].end).getTime() : 0;
    function points(field) {
      return history.map(function (h) {
        return h.count > 0 ? [(new Date(h.end).getTime() - end) / 1000, h[field]] : null;
      });
    }
    var span = history.length ? (end - new Date(history[0].end).getTime()) / 1000 : 0;
    var ticks = [];
    var step = niceStep(span / 5);
    for (var t = 0; t <= span + 1e-9; t += step) { ticks.push({ value: -t, label: t === 0 ? 'now' : '\u2212' + duration(t) }); }
    return lineChart(box, [
      { name: 'p50', color: color('p50'), points: points('p50') },
      { name: 'p90', color: color('p90'), points: points('p90') },
      { name: 'p99', color: color('p99'), points: points('p99') },
      { name: 'max', color: color('max'), points: points('max'), dashed: true }
    ], { xMin: -Math.max(span, 1), xMax: 0, xLog: false, xTicks: ticks, sequence: sequence, empty: 'no calls in the recent intervals' });
  }

  function niceStep(raw) {
    var candidates = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];
    for (var i = 0; i < candidates.length; i++) { if (candidates[i] >= raw) { return candidates[i]; } }
    return 7200;
  }

  function duration(seconds) {
    return seconds >= 60 ? (seconds / 60).toFixed(seconds % 60 ? 1 : 0) + 'm' : seconds + 's';
  }

  // x = 1 / (1 - q): 50% at 2, 90% at 10, 99% at 100... The 100% point (the maximum) is drawn just
  // beyond the last recorded sample, at q = 1 - 1 / (2 n), instead of at infinity.
  function spectrumPoints(points, samples) {
    var qMax = samples > 0 ? 1 - 0.5 / samples : 0.999;
    return points.map(function (p) {
      var q = Math.min(p.percentile / 100, qMax);
      return [1 / (1 - q), p.valueNanos];
    });
  }

  function spectrumChart(box, detail, probe, sequence) {
    var since = spectrumPoints(detail.distribution.sinceStart, probe.latencyNanos.samples);
    var last = spectrumPoints(detail.distribution.lastInterval, probe.interval.latencyNanos.samples);
    var xMax = 10;
    since.concat(last).forEach(function (p) { xMax = Math.max(xMax, p[0]); });
    xMax = Math.pow(10, Math.ceil(Math.log10(xMax)));
    var ticks = [];
    var labels = ['0%', '90%', '99%', '99.9%', '99.99%', '99.999%', '99.9999%', '99.99999%'];
    for (var i = 0, x = 1; x <= xMax && i < labels.length; i++, x *= 10) { ticks.push({ value: x, label: labels[i] }); }
    if (xMax >= 10) { ticks.splice(1, 0, { value: 2, label: '50%' }); }
    return lineChart(box, [
      { name: 'since start', color: color('since'), points: since },
      { name: 'last interval', color: color('last'), points: last }
    ], { xMin: 1, xMax: xMax, xLog: true, xTicks: ticks, sequence: sequence, empty: 'no calls timed yet' });
  }

  // ---- selected probe ---------------------------------------------------------------------------

  function select(name) {
    state.selected = name;
    Array.prototype.forEach.call(document.querySelectorAll('#probe-rows tr'), function (tr) {
      tr.classList.toggle('selected', tr.dataset.probe === name);
    });
    if (state.report) {
      renderDetail();
    } else {
      loadDetail();
    }
  }

  function loadDetail() {
    var name = state.selected;
    if (!name) { return Promise.resolve(); }
    return fetchJson('/api/probes/' + encodeURIComponent(name)).then(function (detail) {
      state.details[name] = detail;
      if (state.selected === name) { renderDetail(); }
    });
  }

  function fact(parent, label, value) {
    var span = el('span');
    span.appendChild(el('b', null, label));
    span.appendChild(document.createTextNode(value));
    parent.appendChild(span);
  }

  function renderDetail() {
    var probe = probeByName(state.selected);
    var detail = state.details[state.selected];
    var section = document.getElementById('detail');
    if (!probe || !detail) { section.hidden = true; return; }
    section.hidden = false;
    document.getElementById('detail-title').textContent = probe.name;
    document.getElementById('detail-pattern').textContent = probe.pattern;
    document.getElementById('history-hint').textContent = '(last ' + detail.history.length + ' intervals)';
    historyChart(document.getElementById('history-chart'), detail, state.snapshot.sequence);
    spectrumChart(document.getElementById('spectrum-chart'), detail, probe, state.snapshot.sequence);
    var facts = clear(document.getElementById('detail-facts'));
    fact(facts, 'methods', probe.method.length ? probe.method.join(', ') : 'none matched yet');
    fact(facts, 'p99.9', nanos(probe.latencyNanos.p999));
    fact(facts, 'mean', nanos(probe.latencyNanos.mean));
    fact(facts, 'self time', nanos(probe.selfTimeNanos) + ' of ' + nanos(probe.totalTimeNanos));
    var sampling = probe.sampling;
    if (sampling.rate !== '1/1' || sampling.rateInForce !== '1/1') {
      fact(facts, 'timed', count(sampling.timed) + ' of ' + count(probe.count) + ' calls, rate ' + sampling.rate
        + (sampling.rateInForce !== sampling.rate ? ', ' + sampling.rateInForce + ' in force (adaptive sampling, ' + sampling.priority + ' priority)' : ''));
    }
    if (probe.errors > 0) { fact(facts, 'failed p50 / max', nanos(probe.failedLatencyNanos.p50) + ' / ' + nanos(probe.failedLatencyNanos.max)); }
    if (probe.allocatedBytes) { fact(facts, 'allocated p50 / p99 / max', bytes(probe.allocatedBytes.p50) + ' / ' + bytes(probe.allocatedBytes.p99) + ' / ' + bytes(probe.allocatedBytes.max)); }
    probe.exceptions.forEach(function (e) { fact(facts, 'thrown', e['class'] + ' \u00d7 ' + count(e.count)); });
  }

  // ---- call tree --------------------------------------------------------------------------------

  function renderTree() {
    var body = clear(document.getElementById('tree-rows'));
    var children = {};
    state.snapshot.callTree.forEach(function (edge) {
      var parent = edge.parent === null ? '' : edge.parent;
      (children[parent] = children[parent] || []).push(edge);
    });
    Object.keys(children).forEach(function (k) { children[k].sort(function (a, b) { return b.timeNanos - a.timeNanos; }); });
    function row(edge, depth, rootTime, path) {
      var tr = el('tr');
      tr.dataset.probe = edge.child;
      var name = el('td', 'name');
      var indent = el('span', 'indent');
      indent.style.width = (depth * 18) + 'px';
      name.appendChild(indent);
      name.appendChild(document.createTextNode((depth ? '\u2514 ' : '') + edge.child));
      tr.appendChild(name);
      tr.appendChild(el('td', null, count(edge.calls)));
      tr.appendChild(el('td', null, nanos(edge.timeNanos)));
      var barCell = el('td', 'bar-col');
      var bar = el('div', 'bar');
      bar.style.width = (rootTime > 0 ? Math.min(100, edge.timeNanos / rootTime * 100) : 0).toFixed(1) + '%';
      barCell.appendChild(bar);
      tr.appendChild(barCell);
      body.appendChild(tr);
      if (path.indexOf(edge.child) >= 0) {
        tr.lastChild.className = 'recursion';
        tr.lastChild.textContent = 'recursion: its callees are shown above';
        return;
      }
      if (depth > 32) { return; }
      (children[edge.child] || []).forEach(function (c) { row(c, depth + 1, rootTime, path.concat([edge.child])); });
    }
    (children[''] || []).forEach(function (root) { row(root, 0, root.timeNanos, []); });
    if (!body.firstChild) {
      var tr = el('tr');
      var td = el('td', 'name', 'no probed calls yet');
      td.colSpan = 4;
      tr.appendChild(td);
      body.appendChild(tr);
    }
  }

  // ---- report only: findings and every probe's charts --------------------------------------------

  function renderFindings() {
    document.getElementById('findings').hidden = false;
    var probes = state.snapshot.probes;
    var violations = clear(document.getElementById('violations'));
    var budgeted = probes.filter(function (p) { return p.budget.state !== 'none'; });
    // Every violation of the run, the cleared ones too: a probe back within its budget at exit still broke it.
    probes.forEach(function (p) {
      p.budgetViolations.forEach(function (v) {
        var li = el('li', 'violation ' + v.state);
        li.appendChild(el('span', 'pill ' + (v.state === 'ongoing' ? 'violated' : 'warning'), v.state));
        li.appendChild(document.createTextNode(' ' + p.name + ': ' + v.metric + ' ' + budgetValue(v.unit, v.observed) + ' > '
          + budgetValue(v.unit, v.limit) + ', raised ' + time(v.raised)
          + (v.state === 'cleared' ? ', cleared ' + time(v.cleared) + ' at ' + budgetValue(v.unit, v.clearedObserved) : ', still ongoing at exit')));
        violations.appendChild(li);
      });
    });
    if (!violations.firstChild) {
      violations.appendChild(el('li', 'none', budgeted.length ? 'none: every budget was kept' : 'no budgets configured'));
    }
    var regressions = clear(document.getElementById('regressions'));
    probes.filter(function (p) { return p.regression && (p.regression.status === 'regressed' || p.regression.status === 'improved'); })
      .forEach(function (p) {
        var li = el('li');
        li.appendChild(el('span', 'pill ' + p.regression.status, p.regression.status));
        li.appendChild(document.createTextNode(' ' + p.name + ': ' + p.regression.metrics.map(function (m) {
          return m.metric + ' ' + nanos(m.baselineNanos) + ' \u2192 ' + nanos(m.currentNanos)
            + (m.change !== undefined ? ' (' + (m.change >= 0 ? '+' : '') + (m.change * 100).toFixed(1) + '%)' : '');
        }).join(', ')));
        regressions.appendChild(li);
      });
    if (!regressions.firstChild) {
      regressions.appendChild(el('li', 'none', state.snapshot.baseline ? 'none: no probe regressed or improved' : 'not compared with a baseline'));
    }
  }

  function budgetValue(unit, value) {
    return unit === 'ns' ? nanos(value) : unit === 'bytes' ? bytes(value) : percent(value);
  }

  function renderDistributions() {
    var section = document.getElementById('distributions');
    section.hidden = false;
    var grid = clear(document.getElementById('distribution-grid'));
    var charts = [];
    state.snapshot.probes.forEach(function (probe) {
      var detail = state.details[probe.name];
      if (!detail) { return; }
      var cardBox = el('div', 'probe-card');
      cardBox.dataset.probe = probe.name;
      cardBox.appendChild(el('h3', null, probe.name + '  \u00b7  ' + count(probe.count) + ' calls, p99 ' + nanos(probe.latencyNanos.p99)));
      var box = el('div', 'chart-box');
      cardBox.appendChild(box);
      grid.appendChild(cardBox);
      charts.push([box, detail, probe]);
    });
    // Drawn once every card is in the grid, so each chart is sized for its final column width.
    charts.forEach(function (c) { spectrumChart(c[0], c[1], c[2], state.snapshot.sequence); });
  }

  // ---- main -------------------------------------------------------------------------------------

  function render() {
    renderHeader();
    renderCards();
    renderTable();
    renderTree();
    if (state.selected && !probeByName(state.selected)) { state.selected = null; }
    if (!state.selected && state.snapshot.probes.length) {
      var busiest = state.snapshot.probes.slice().sort(function (a, b) { return b.count - a.count; })[0];
      state.selected = busiest.name;
      renderTable();
    }
  }

  function pollDelay() {
    var interval = state.snapshot && state.snapshot.intervalMillis ? state.snapshot.intervalMillis : 1000;
    return Math.max(250, Math.min(5000, interval / 2));
  }

  function poll() {
    fetchJson('/api/snapshot').then(function (snapshot) {
      if (snapshot.sequence === 0) {
        setStatus('', 'waiting for the first interval');
        return null;
      }
      if (snapshot.sequence === state.sequence) {
        return null;
      }
      state.snapshot = snapshot;
      state.sequence = snapshot.sequence;
      render();
      return loadDetail();
    }).catch(function (error) {
      setStatus('lost', state.snapshot ? 'agent unreachable: showing interval ' + state.snapshot.sequence : 'agent unreachable');
      document.getElementById('status').title = String(error);
    }).then(function () {
      window.setTimeout(poll, pollDelay());
    });
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(function () {
      if (!state.snapshot) { return; }
      renderDetail();
      if (state.report) { renderDistributions(); }
    }, 150);
  });

  if (state.report) {
    var data = JSON.parse(embedded.textContent);
    state.snapshot = data.snapshot;
    state.details = data.details;
    state.sequence = data.snapshot.sequence;
    render();
    renderFindings();
    renderDetail();
    renderDistributions();
  } else {
    poll();
  }
}());
