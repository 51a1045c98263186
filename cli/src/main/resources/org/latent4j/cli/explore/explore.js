// latent4j explore: the page. Plain JavaScript and one canvas; everything it loads comes from the latent4j server.
(function () {
  'use strict';
  var PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f',
    '#bcbd22', '#17becf'];
  var canvas = document.getElementById('plane');
  var ctx = canvas.getContext('2d');
  var meta = null, pts = null;
  var view = { cx: 0, cy: 0, scale: 1 };          // plane point (cx, cy) at the canvas centre, pixels per unit
  var state = { z: null, hover: -1, a: null, b: null, clicked: null, hoverComponent: -1, drawn: 0 };
  var contours = null;                               // GMM: density contour segments in plane coordinates
  var encodeCache = new Map();

  function $(id) { return document.getElementById(id); }

  function showError(message) { $('error').textContent = message || ''; }

  function api(path, body) {
    var init = body === undefined ? {} : {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body)
    };
    return fetch('/api/' + path, init).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) { throw new Error(j.error || ('HTTP ' + r.status)); }
        return j;
      });
    });
  }

  // ------------------------------------------------------------------ plane geometry

  function toScreen(x, y) {
    return [(x - view.cx) * view.scale + canvas.width / 2, canvas.height / 2 - (y - view.cy) * view.scale];
  }

  function toPlane(sx, sy) {
    return [(sx - canvas.width / 2) / view.scale + view.cx, view.cy - (sy - canvas.height / 2) / view.scale];
  }

  /** The latent point a plane point stands for: itself for a 2-D latent, else lifted on the PCA plane. */
  function lift(px, py) {
    var p = meta.projection, d = meta.latent_dim, z = new Array(d);
    if (p.kind !== 'pca') {
      for (var j = 0; j < d; j++) { z[j] = 0; }
      z[0] = px; if (d > 1) { z[1] = py; }
      return z;
    }
    for (var k = 0; k < d; k++) { z[k] = p.mean[k] + px * p.axes[0][k] + py * p.axes[1][k]; }
    return z;
  }

  /** Where a latent point is drawn: its first two coordinates, or its PCA projection. */
  function project(z) {
    var p = meta.projection;
    if (p.kind !== 'pca') { return [z[0], z.length > 1 ? z[1] : 0]; }
    var a = 0, b = 0;
    for (var j = 0; j < z.length; j++) {
      var c = z[j] - p.mean[j];
      a += c * p.axes[0][j]; b += c * p.axes[1][j];
    }
    return [a, b];
  }

  function fitView() {
    var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (var i = 0; i < pts.count; i++) {
      minX = Math.min(minX, pts.x[i]); maxX = Math.max(maxX, pts.x[i]);
      minY = Math.min(minY, pts.y[i]); maxY = Math.max(maxY, pts.y[i]);
    }
    if (!isFinite(minX)) { minX = -1; maxX = 1; minY = -1; maxY = 1; }
    var w = Math.max(maxX - minX, 1e-6), h = Math.max(maxY - minY, 1e-6);
    view.cx = (minX + maxX) / 2; view.cy = (minY + maxY) / 2;
    view.scale = 0.9 * Math.min(canvas.width / w, canvas.height / h);
  }

  // ------------------------------------------------------------------ drawing

  function colourOf(i) {
    var c = pts.component ? pts.component[i] : (pts.label ? pts.label[i] : 0);
    return PALETTE[((c % PALETTE.length) + PALETTE.length) % PALETTE.length];
  }

  function draw() {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    if (!pts) { return; }
    if (contours) { drawContours(); }
    // one fill style per colour: thousands of points in a few batches
    var byColour = new Map(), drawn = 0;
    for (var i = 0; i < pts.count; i++) {
      var s = toScreen(pts.x[i], pts.y[i]);
      if (s[0] < -2 || s[1] < -2 || s[0] > canvas.width + 2 || s[1] > canvas.height + 2) { continue; }
      var c = colourOf(i);
      if (!byColour.has(c)) { byColour.set(c, []); }
      byColour.get(c).push(s[0], s[1]);
      drawn++;
    }
    ctx.globalAlpha = 0.75;
    byColour.forEach(function (xy, c) {
      ctx.fillStyle = c;
      for (var k = 0; k < xy.length; k += 2) { ctx.fillRect(xy[k] - 1.5, xy[k + 1] - 1.5, 3, 3); }
    });
    ctx.globalAlpha = 1;
    state.drawn = drawn;
    canvas.dataset.drawn = String(drawn);
    if (meta.components && state.hoverComponent >= 0) { drawComponent(state.hoverComponent); }
    if (state.hover >= 0) { ring(toScreen(pts.x[state.hover], pts.y[state.hover]), '#000', 5); }
    if (state.a) { mark(project(state.a), 'A'); }
    if (state.b) { mark(project(state.b), 'B'); }
    if (state.z) { cross(toScreen.apply(null, project(state.z))); }
  }

  function ring(s, colour, r) {
    ctx.strokeStyle = colour; ctx.lineWidth = 2;
    ctx.beginPath(); ctx.arc(s[0], s[1], r, 0, 2 * Math.PI); ctx.stroke();
  }

  function cross(s) {
    ctx.strokeStyle = '#000'; ctx.lineWidth = 2; ctx.beginPath();
    ctx.moveTo(s[0] - 7, s[1]); ctx.lineTo(s[0] + 7, s[1]); ctx.moveTo(s[0], s[1] - 7); ctx.lineTo(s[0], s[1] + 7);
    ctx.stroke();
  }

  function mark(p, text) {
    var s = toScreen(p[0], p[1]);
    ring(s, '#000', 6);
    ctx.fillStyle = '#000'; ctx.font = 'bold 13px sans-serif'; ctx.fillText(text, s[0] + 8, s[1] - 8);
  }

  // ------------------------------------------------------------------ Gaussian mixtures: density and ellipses

  function density(x, y) {
    var sum = 0;
    meta.components.forEach(function (c) {
      var a = c.covariance[0], b = c.covariance[1], d = c.covariance[3];
      var det = a * d - b * b;
      if (!(det > 0)) { return; }
      var dx = x - c.mean[0], dy = y - c.mean[1];
      var q = (d * dx * dx - 2 * b * dx * dy + a * dy * dy) / det;
      sum += c.weight * Math.exp(-0.5 * q) / (2 * Math.PI * Math.sqrt(det));
    });
    return sum;
  }

  /** Marching squares on a grid over the data's bounds, at levels spread geometrically below the peak. */
  function computeContours() {
    var n = 120, minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
    for (var i = 0; i < pts.count; i++) {
      minX = Math.min(minX, pts.x[i]); maxX = Math.max(maxX, pts.x[i]);
      minY = Math.min(minY, pts.y[i]); maxY = Math.max(maxY, pts.y[i]);
    }
    var padX = 0.15 * (maxX - minX || 1), padY = 0.15 * (maxY - minY || 1);
    minX -= padX; maxX += padX; minY -= padY; maxY += padY;
    var g = [], peak = 0;
    for (var r = 0; r <= n; r++) {
      g.push([]);
      for (var c = 0; c <= n; c++) {
        var v = density(minX + (maxX - minX) * c / n, minY + (maxY - minY) * r / n);
        g[r].push(v); peak = Math.max(peak, v);
      }
    }
    var segments = [];
    [0.9, 0.6, 0.35, 0.15, 0.05, 0.01].forEach(function (f) {
      var level = f * peak;
      for (var r = 0; r < n; r++) {
        for (var c = 0; c < n; c++) {
          var corners = [[c, r], [c + 1, r], [c + 1, r + 1], [c, r + 1]];
          var crossings = [];
          for (var e = 0; e < 4; e++) {
            var p = corners[e], q = corners[(e + 1) % 4];
            var vp = g[p[1]][p[0]], vq = g[q[1]][q[0]];
            if ((vp >= level) !== (vq >= level)) {
              var t = (level - vp) / (vq - vp);
              var gx = p[0] + t * (q[0] - p[0]), gy = p[1] + t * (q[1] - p[1]);
              crossings.push([minX + (maxX - minX) * gx / n, minY + (maxY - minY) * gy / n]);
            }
          }
          for (var k = 0; k + 1 < crossings.length; k += 2) { segments.push(crossings[k], crossings[k + 1]); }
        }
      }
    });
    return segments;
  }

  function drawContours() {
    ctx.strokeStyle = 'rgba(60,60,60,0.55)'; ctx.lineWidth = 1; ctx.beginPath();
    for (var i = 0; i + 1 < contours.length; i += 2) {
      var a = toScreen(contours[i][0], contours[i][1]), b = toScreen(contours[i + 1][0], contours[i + 1][1]);
      ctx.moveTo(a[0], a[1]); ctx.lineTo(b[0], b[1]);
    }
    ctx.stroke();
  }

  function drawComponent(j) {
    var c = meta.components[j];
    var a = c.covariance[0], b = c.covariance[1], d = c.covariance[3];
    var tr = (a + d) / 2, disc = Math.sqrt(Math.max(0, (a - d) * (a - d) / 4 + b * b));
    var l1 = tr + disc, l2 = Math.max(0, tr - disc);
    var angle = Math.abs(b) < 1e-300 ? (a >= d ? 0 : Math.PI / 2) : Math.atan2(l1 - a, b);
    var m = toScreen(c.mean[0], c.mean[1]);
    ctx.strokeStyle = PALETTE[j % PALETTE.length]; ctx.lineWidth = 2;
    [1, 2].forEach(function (k) {
      ctx.beginPath();
      ctx.ellipse(m[0], m[1], k * Math.sqrt(l1) * view.scale, k * Math.sqrt(l2) * view.scale, -angle, 0, 2 * Math.PI);
      ctx.stroke();
    });
    cross(m);
  }

  // ------------------------------------------------------------------ images

  /** An image item of the API: a PNG data URL, or (data that are not images) the values drawn as bars. */
  function setImage(img, value) {
    if (typeof value === 'string') { img.src = value; return; }
    var c = document.createElement('canvas'), n = value.length;
    c.width = Math.max(n * 6, 24); c.height = 48;
    var g = c.getContext('2d'), max = 1e-9;
    value.forEach(function (v) { max = Math.max(max, Math.abs(v)); });
    g.fillStyle = '#eee'; g.fillRect(0, 0, c.width, c.height); g.fillStyle = '#1f77b4';
    value.forEach(function (v, i) {
      var h = 22 * v / max;
      g.fillRect(i * c.width / n + 1, h >= 0 ? 24 - h : 24, c.width / n - 2, Math.abs(h));
    });
    img.src = c.toDataURL('image/png');
  }

  function formatZ(z) {
    return 'z = (' + z.map(function (v) { return v.toFixed(2); }).join(', ') + ')';
  }

  // ------------------------------------------------------------------ decoding the current z

  var decoding = false, pendingDecode = false;

  function setZ(z) {
    state.z = z.slice();
    updateSliders();
    decodeCurrent();
    draw();
  }

  function decodeCurrent() {
    if (decoding) { pendingDecode = true; return; }
    decoding = true; pendingDecode = false;
    var z = state.z.slice();
    api('decode', { z: [z] }).then(function (r) {
      var img = $('decoded');
      img.dataset.z = JSON.stringify(r.items[0].z);
      setImage(img, r.items[0].image);
      $('decoded-z').textContent = formatZ(r.items[0].z);
      showError('');
    }).catch(function (e) { showError(e.message); }).then(function () {
      decoding = false;
      if (pendingDecode) { decodeCurrent(); }
    });
  }

  function buildSliders() {
    var box = $('sliders');
    box.textContent = '';
    var measure = meta.dimension_measure;
    meta.dimensions.forEach(function (dim) {
      var label = document.createElement('label');
      label.textContent = 'z' + dim.index;
      var input = document.createElement('input');
      input.type = 'range'; input.min = '-4'; input.max = '4'; input.step = '0.05'; input.value = '0';
      input.id = 'slider-' + dim.index; input.dataset.dim = String(dim.index);
      input.addEventListener('input', function () {
        if (!state.z) { state.z = new Array(meta.latent_dim).fill(0); }
        state.z[dim.index] = parseFloat(input.value);
        decodeCurrent(); draw();
      });
      var value = document.createElement('span');
      value.textContent = measure + ' ' + dim[measure].toFixed(measure === 'kl' ? 2 : 3);
      value.title = measure === 'kl' ? 'mean KL(q(z_j|x) || N(0,1)) over the points, in nats' : 'variance of the codes';
      box.appendChild(label); box.appendChild(input); box.appendChild(value);
    });
  }

  function updateSliders() {
    meta.dimensions.forEach(function (dim) {
      var input = $('slider-' + dim.index);
      var v = state.z[dim.index];
      if (Math.abs(v) > 4) { input.min = String(-Math.ceil(Math.abs(v))); input.max = String(Math.ceil(Math.abs(v))); }
      input.value = String(v);
    });
  }

  // ------------------------------------------------------------------ hover, click, zoom, pan

  function nearest(sx, sy, radius) {
    var best = -1, bestD = radius * radius;
    for (var i = 0; i < pts.count; i++) {
      var s = toScreen(pts.x[i], pts.y[i]);
      var dx = s[0] - sx, dy = s[1] - sy, d = dx * dx + dy * dy;
      if (d <= bestD) { bestD = d; best = i; }
    }
    return best;
  }

  function labelName(l) {
    var names = meta.data.label_names;
    return names && names[l] !== undefined ? names[l] : 'class ' + l;
  }

  function showHover(i) {
    if (i === state.hover) { return; }
    state.hover = i;
    if (meta.components) {
      state.hoverComponent = i >= 0 ? pts.component[i] : -1;
      if (i >= 0) {
        var c = meta.components[state.hoverComponent];
        $('hover-info').textContent = 'row ' + i + (pts.label ? ' (' + labelName(pts.label[i]) + ')' : '')
          + ': component ' + state.hoverComponent + ', weight ' + c.weight.toFixed(3) + ', mean ('
          + c.mean.map(function (v) { return v.toPrecision(4); }).join(', ') + '), covariance ['
          + c.covariance.map(function (v) { return v.toPrecision(3); }).join(', ') + ']';
      }
      draw();
      return;
    }
    draw();
    if (i < 0) { return; }
    var shown = function (item) {
      if (state.hover !== item.index) { return; }
      var o = $('original'), r = $('reconstruction');
      o.dataset.index = String(item.index); r.dataset.index = String(item.index);
      setImage(o, item.original); setImage(r, item.reconstruction);
      $('hover-info').textContent = 'row ' + item.index + (item.label !== undefined ? ', ' + labelName(item.label) : '')
        + ', ' + formatZ(item.z);
    };
    if (encodeCache.has(i)) { shown(encodeCache.get(i)); return; }
    api('encode', { indices: [i] }).then(function (r) {
      if (encodeCache.size > 2000) { encodeCache.clear(); }
      encodeCache.set(i, r.items[0]);
      shown(r.items[0]);
    }).catch(function (e) { showError(e.message); });
  }

  var drag = null;

  function position(e) {
    var r = canvas.getBoundingClientRect();
    return [(e.clientX - r.left) * canvas.width / r.width, (e.clientY - r.top) * canvas.height / r.height];
  }

  canvas.addEventListener('mousedown', function (e) {
    var p = position(e);
    drag = { x: p[0], y: p[1], cx: view.cx, cy: view.cy, moved: false };
  });
  window.addEventListener('mouseup', function (e) {
    if (!drag) { return; }
    var wasClick = !drag.moved && e.target === canvas;
    drag = null;
    if (wasClick && meta && meta.decoder) {
      var p = position(e), q = toPlane(p[0], p[1]);
      setZ(lift(q[0], q[1]));
    }
  });
  canvas.addEventListener('mousemove', function (e) {
    if (!pts) { return; }
    var p = position(e);
    if (drag) {
      if (Math.abs(p[0] - drag.x) + Math.abs(p[1] - drag.y) > 3) { drag.moved = true; }
      if (drag.moved) {
        view.cx = drag.cx - (p[0] - drag.x) / view.scale;
        view.cy = drag.cy + (p[1] - drag.y) / view.scale;
        draw();
        return;
      }
    }
    showHover(nearest(p[0], p[1], 6));
  });
  canvas.addEventListener('mouseleave', function () { if (pts) { showHover(-1); } });
  canvas.addEventListener('wheel', function (e) {
    e.preventDefault();
    var p = position(e), before = toPlane(p[0], p[1]);
    view.scale *= Math.exp(-e.deltaY * 0.0015);
    var after = toPlane(p[0], p[1]);
    view.cx += before[0] - after[0]; view.cy += before[1] - after[1];
    draw();
  }, { passive: false });

  // ------------------------------------------------------------------ interpolation and samples

  function interpolate() {
    if (!state.a || !state.b) { return; }
    api('interpolate', { from: state.a, to: state.b, steps: 10 }).then(function (r) {
      var strip = $('strip');
      strip.textContent = '';
      r.items.forEach(function (item) { strip.appendChild(thumbnail(item)); });
      $('interp-info').textContent = 'from A to B in ' + r.items.length + ' steps (click one to decode it)';
    }).catch(function (e) { showError(e.message); });
  }

  function thumbnail(item) {
    var img = document.createElement('img');
    setImage(img, item.image);
    img.title = formatZ(item.z);
    img.addEventListener('click', function () { setZ(item.z); });
    return img;
  }

  $('set-a').addEventListener('click', function () {
    if (!state.z) { showError('click the plane first: A takes the current z'); return; }
    state.a = state.z.slice(); draw(); interpolate();
  });
  $('set-b').addEventListener('click', function () {
    if (!state.z) { showError('click the plane first: B takes the current z'); return; }
    state.b = state.z.slice(); draw(); interpolate();
  });
  var sampleSeed = 1;
  $('sample').addEventListener('click', function () {
    api('sample', { n: 16, seed: sampleSeed, sampler: $('sampler').value }).then(function (r) {
      var box = $('samples');
      box.textContent = '';
      r.items.forEach(function (item) { box.appendChild(thumbnail(item)); });
      $('sample-info').textContent = 'seed ' + sampleSeed + ' (click one to decode it)';
      sampleSeed++;
    }).catch(function (e) { showError(e.message); });
  });

  // ------------------------------------------------------------------ the run panel

  function fillRun() {
    var run = meta.run || {}, table = $('metrics');
    var summary = run.summary || {};
    Object.keys(summary).forEach(function (k) {
      var v = summary[k];
      if (v !== null && typeof v === 'object') { return; }
      var tr = document.createElement('tr'), a = document.createElement('td'), b = document.createElement('td');
      a.textContent = k; b.textContent = typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toPrecision(6)) : String(v);
      tr.appendChild(a); tr.appendChild(b); table.appendChild(tr);
    });
    $('config').textContent = JSON.stringify(run.config || {}, null, 2);
    $('command').textContent = JSON.stringify(run.command || {}, null, 2);
  }

  function fillLegend() {
    var legend = $('legend'), seen = new Set();
    var values = pts.component || pts.label;
    if (!values) { return; }
    values.forEach(function (v) { seen.add(v); });
    Array.from(seen).sort(function (a, b) { return a - b; }).forEach(function (v) {
      var item = document.createElement('span'), sw = document.createElement('span');
      sw.className = 'swatch'; sw.style.background = PALETTE[v % PALETTE.length];
      item.appendChild(sw);
      item.appendChild(document.createTextNode(pts.component ? 'component ' + v : labelName(v)));
      legend.appendChild(item);
    });
  }

  // ------------------------------------------------------------------ start

  Promise.all([api('meta'), api('points')]).then(function (r) {
    meta = r[0]; pts = r[1];
    var d = meta.data;
    $('about').textContent = (meta.kind === 'gmm' ? 'Gaussian mixture (' + meta.components.length + ' components, '
      + meta.input_dim + ' dimensions)' : meta.kind + ', latent dimension ' + meta.latent_dim)
      + ' · ' + d.rows + ' of ' + d.total_rows + ' rows of ' + d.name + ' · ' + ((meta.run || {}).folder || '');
    $('x-axis').textContent = 'horizontal: ' + meta.projection.x_label;
    $('y-axis').textContent = 'vertical: ' + (meta.projection.y_label || '(none: a 1-D space)');
    if (!meta.decoder) {
      ['decode-card', 'interp-card', 'sample-card'].forEach(function (id) { $(id).hidden = true; });
      $('hint').textContent = 'Scroll to zoom, drag to pan, hover a point to see its component (mean, 1-σ and 2-σ'
        + ' ellipses); the lines are the density\'s contours.';
      $('original').parentNode.parentNode.hidden = true;
      contours = computeContours();
    } else {
      buildSliders();
    }
    var sampler = $('sampler');
    meta.samplers.forEach(function (s) {
      var o = document.createElement('option'); o.value = s; o.textContent = s; sampler.appendChild(o);
    });
    if (meta.samplers.length === 0) { $('sample').disabled = true; $('sample-info').textContent = 'this model has no prior'; }
    fillRun();
    fillLegend();
    fitView();
    draw();
    document.body.dataset.ready = '1';
  }).catch(function (e) { showError('could not load the run: ' + e.message); });

  // for tests and the curious: where point i is drawn, in CSS pixels from the canvas's top-left corner
  window.latent4jExplorer = {
    screenOf: function (i) {
      var s = toScreen(pts.x[i], pts.y[i]), r = canvas.getBoundingClientRect();
      return [s[0] * r.width / canvas.width, s[1] * r.height / canvas.height];
    },
    state: state,
    view: view
  };
})();
