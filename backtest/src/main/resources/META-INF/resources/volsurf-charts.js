/*
 * volsurf chart page: one script for the served page (fetches /api/v1/report/... and /api/v1/...) and the static
 * report (reads the same documents embedded as JSON in <script id="volsurf-data">, keyed by the same paths).
 *
 * When every chart has settled, <body data-charts-state="done"> and <pre id="charts-status"> holds a JSON summary:
 * per chart div its trace and point counts (or the note drawn instead of data), and every JavaScript error seen
 * (window.onerror, unhandled rejections, failed requests). The browser test reads both.
 */
(function () {
  'use strict';

  var CHARTS = ['chart-market-surface', 'chart-forecast-surface', 'chart-surface-change', 'chart-smiles',
    'chart-forecast-vs-realized', 'chart-equity', 'chart-attribution'];
  var errors = [];
  var charts = {};
  var pending = 0;

  window.addEventListener('error', function (e) {
    errors.push('error: ' + (e.message || e) + (e.filename ? ' at ' + e.filename + ':' + e.lineno : ''));
    publish();
  });
  window.addEventListener('unhandledrejection', function (e) {
    errors.push('unhandled rejection: ' + (e.reason && e.reason.message ? e.reason.message : e.reason));
    publish();
  });

  var embeddedElement = document.getElementById('volsurf-data');
  var embedded = embeddedElement ? JSON.parse(embeddedElement.textContent) : null;

  /** A JSON document by its API path (relative, no leading slash): fetched live, or from the embedded data. */
  function get(path) {
    if (embedded) {
      if (Object.prototype.hasOwnProperty.call(embedded.documents, path)) {
        return Promise.resolve(embedded.documents[path]);
      }
      return Promise.reject(new Error(path + ' is not part of this static report'));
    }
    return fetch(path, { headers: { Accept: 'application/json' } }).then(function (r) {
      if (r.ok) {
        return r.json();
      }
      return r.text().then(function (body) {
        var detail = body;
        try { detail = JSON.parse(body).detail || body; } catch (ignored) { /* not a problem document */ }
        throw new Error('GET ' + path + ': ' + r.status + ' ' + detail);
      });
    });
  }

  // ------------------------------------------------------------------ status for people and for the test

  function publish() {
    var state = pending > 0 ? 'loading' : 'done';
    var drawn = {};
    CHARTS.forEach(function (id) {
      var el = document.getElementById(id);
      var info = charts[id] || {};
      drawn[id] = {
        plotted: !!(el && el.querySelector('.main-svg')),
        traces: info.traces || 0,
        points: info.points || 0,
        note: info.note || null
      };
    });
    document.body.setAttribute('data-charts-state', state);
    document.body.setAttribute('data-charts-errors', String(errors.length));
    document.getElementById('charts-status').textContent =
      JSON.stringify({ state: state, errors: errors, charts: drawn });
  }

  /** Runs one chart's drawing; a failure becomes an error plus a visible message in the chart. */
  function track(id, promise) {
    pending++;
    publish();
    return Promise.resolve(promise).catch(function (e) {
      errors.push(id + ': ' + (e && e.message ? e.message : e));
      return message(id, 'Failed: ' + (e && e.message ? e.message : e));
    }).then(function () {
      pending--;
      publish();
    });
  }

  // ------------------------------------------------------------------ plotting helpers

  var FONT = { family: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif', size: 12, color: '#1b2733' };
  var GRID = '#e6ebef';
  var COLOURS = { market: '#1b2733', svi: '#1f5fa8', forecast: '#d9480f', realized: '#2b8a3e', carry: '#868e96' };
  var CONFIG = { displaylogo: false, responsive: true };

  function axis(title, extra) {
    var a = { title: { text: title }, gridcolor: GRID, zerolinecolor: '#c5ced6', linecolor: '#aab4bd', ticks: 'outside',
      tickcolor: '#aab4bd', automargin: true };
    return Object.assign(a, extra || {});
  }

  function baseLayout(title, extra) {
    return Object.assign({
      title: { text: title, font: { size: 14 }, x: 0.01, xanchor: 'left' },
      font: FONT, paper_bgcolor: '#fff', plot_bgcolor: '#fff', margin: { l: 64, r: 24, t: 48, b: 54 },
      legend: { orientation: 'h', y: -0.2, x: 0 }, hovermode: 'closest'
    }, extra || {});
  }

  function countPoints(traces) {
    var n = 0;
    traces.forEach(function (t) {
      if (t.z) {
        t.z.forEach(function (row) { row.forEach(function (v) { if (v !== null && v !== undefined) { n++; } }); });
      } else if (t.y) {
        t.y.forEach(function (v) { if (v !== null && v !== undefined) { n++; } });
      }
    });
    return n;
  }

  function plot(id, traces, layout) {
    charts[id] = { traces: traces.length, points: countPoints(traces), note: null };
    return Plotly.react(id, traces, layout, CONFIG);
  }

  /** An empty plot carrying a message: the chart is drawn and says why it has no data. */
  function message(id, text, title) {
    charts[id] = { traces: 0, points: 0, note: text };
    return Plotly.react(id, [], baseLayout(title || '', {
      xaxis: { visible: false }, yaxis: { visible: false },
      annotations: [{ text: wrap(text, 60), showarrow: false, xref: 'paper', yref: 'paper', x: 0.5, y: 0.5,
        font: { size: 13, color: '#5d6b78' } }]
    }), CONFIG);
  }

  function wrap(text, width) {
    var words = String(text).split(' ');
    var lines = [];
    var line = '';
    words.forEach(function (w) {
      if (line.length + w.length + 1 > width && line) {
        lines.push(line);
        line = w;
      } else {
        line = line ? line + ' ' + w : w;
      }
    });
    lines.push(line);
    return lines.join('<br>');
  }

  function volPoints(v) {
    return v === null || v === undefined ? null : Math.round(v * 1e4) / 100;
  }

  function matrixVolPoints(m) {
    return m.map(function (row) { return row.map(volPoints); });
  }

  function fmt(v, digits) {
    return v === null || v === undefined ? 'n/a' : Number(v).toLocaleString('en-US',
      { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }

  function range(matrices) {
    var lo = Infinity;
    var hi = -Infinity;
    matrices.forEach(function (m) {
      (m || []).forEach(function (row) {
        row.forEach(function (v) {
          if (v !== null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
        });
      });
    });
    return isFinite(lo) ? [lo, hi] : [0, 1];
  }

  // ------------------------------------------------------------------ surfaces

  function drawSurfaces(ticker, date) {
    var doc = get('api/v1/report/surface/' + encodeURIComponent(ticker) + '/' + date);
    track('chart-market-surface', doc.then(function (s) {
      document.getElementById('surface-title').textContent = 'Implied volatility surface: ' + s.ticker + ', '
        + s.date + (s.spot ? ' (spot ' + fmt(s.spot, 2) + ')' : '')
        + (s.forecastFor ? '; forecast for ' + s.forecastFor + ' by model ' + s.modelId : '');
      var market = matrixVolPoints(s.marketIv);
      var forecast = s.forecastIv ? matrixVolPoints(s.forecastIv) : null;
      var zr = range([market, forecast]);
      charts.zRange = zr;
      return heatmap('chart-market-surface', s, market, zr, 'Market, ' + s.date, s.marketCells, 'market');
    }));
    track('chart-forecast-surface', doc.then(function (s) {
      if (!s.forecastIv) {
        return message('chart-forecast-surface', s.forecastNote || 'no forecast', 'Forecast');
      }
      var market = matrixVolPoints(s.marketIv);
      var forecast = matrixVolPoints(s.forecastIv);
      return heatmap('chart-forecast-surface', s, forecast, range([market, forecast]),
        'Forecast for ' + s.forecastFor, s.forecastCells, 'forecast');
    }));
    track('chart-surface-change', doc.then(function (s) {
      if (!s.forecastIv) {
        return message('chart-surface-change', s.forecastNote || 'no forecast', 'Forecast minus market');
      }
      var diff = s.marketIv.map(function (row, i) {
        return row.map(function (m, j) {
          var f = s.forecastIv[i][j];
          return m === null || f === null ? null : Math.round((f - m) * 1e4) / 100;
        });
      });
      var zr = range([diff]);
      var bound = Math.max(Math.abs(zr[0]), Math.abs(zr[1]), 0.05);
      var trace = {
        type: 'heatmap', x: s.logMoneyness, y: s.tenorsDays, z: diff, zmin: -bound, zmax: bound, zmid: 0,
        // Plotly's RdBu runs blue (low) to red (high): red where the model expects vol to rise.
        colorscale: 'RdBu', hoverongaps: false,
        colorbar: { title: { text: 'vol pts', side: 'right' }, thickness: 12 },
        hovertemplate: 'k %{x:.3f}<br>%{y:.0f} days<br>forecast - market %{z:+.2f} vol pts<extra></extra>'
      };
      return plot('chart-surface-change', [trace], baseLayout('Forecast minus market (vol pts)', {
        xaxis: axis('k = ln(K/F)'), yaxis: axis('tenor (calendar days)')
      }));
    }));
  }

  function heatmap(id, s, z, zr, title, cells, kind) {
    var traces = [{
      type: 'heatmap', x: s.logMoneyness, y: s.tenorsDays, z: z, zmin: zr[0], zmax: zr[1], colorscale: 'Viridis',
      hoverongaps: false, colorbar: { title: { text: 'IV (vol pts)', side: 'right' }, thickness: 12 },
      hovertemplate: 'k %{x:.3f}<br>%{y:.0f} days<br>IV %{z:.2f} vol pts<extra>' + kind + '</extra>'
    }];
    if (cells && cells.length) {
      traces.push({
        type: 'scatter', mode: 'markers', name: 'grid cells', showlegend: false,
        x: cells.map(function (c) { return c.logMoneyness; }),
        y: cells.map(function (c) { return c.tenorDays; }),
        text: cells.map(function (c) { return volPoints(c.impliedVol).toFixed(2); }),
        marker: { size: 5, color: 'rgba(255,255,255,0.85)', line: { color: '#1b2733', width: 1 } },
        hovertemplate: 'grid cell<br>k %{x:.3f}<br>%{y:.0f} days<br>IV %{text} vol pts<extra>' + kind + '</extra>'
      });
    }
    return plot(id, traces, baseLayout(title, {
      xaxis: axis('k = ln(K/F)', { range: [s.logMoneyness[0], s.logMoneyness[s.logMoneyness.length - 1]] }),
      yaxis: axis('tenor (calendar days)', { range: [s.tenorsDays[0], s.tenorsDays[s.tenorsDays.length - 1]] })
    }));
  }

  // ------------------------------------------------------------------ smiles

  function drawSmiles(ticker, date) {
    var id = 'chart-smiles';
    track(id, get('api/v1/report/smiles/' + encodeURIComponent(ticker) + '/' + date).then(function (s) {
      if (!s.smiles.length) {
        return message(id, 'no fitted expiries on ' + s.date, 'Smiles');
      }
      var n = s.smiles.length;
      var columns = Math.min(4, n);
      var rows = Math.ceil(n / columns);
      var traces = [];
      var layout = baseLayout('Smiles, ' + s.ticker + ' ' + s.date + ' (' + n + ' of ' + s.expiriesListed
        + ' expiries)' + (s.forecastFor ? '; forecast for ' + s.forecastFor : '')
        + (s.nextSession ? '; realised: fits of ' + s.nextSession : ''), {
        grid: { rows: rows, columns: columns, pattern: 'independent', xgap: 0.08, ygap: 0.32 / Math.max(rows - 1, 1) },
        height: 240 * rows + 150, margin: { l: 64, r: 24, t: 64, b: 96 },
        // Below the bottom row's axis titles: 60 px under the plot area, whatever the number of rows.
        legend: { orientation: 'h', x: 0, xanchor: 'left', yanchor: 'top', y: -60 / (240 * rows + 150 - 64 - 96) },
        annotations: []
      });
      layout.title.y = 0.995;
      layout.title.yanchor = 'top';
      var legend = {};
      // One legend entry per kind of curve, on the first smile that has it (the shortest expiry may have no forecast).
      function firstOf(group) {
        if (legend[group]) {
          return false;
        }
        legend[group] = true;
        return true;
      }
      s.smiles.forEach(function (e, i) {
        var suffix = i === 0 ? '' : String(i + 1);
        var xa = 'x' + suffix;
        var ya = 'y' + suffix;
        var q = e.quotes;
        var up = q.mid.map(function (m, j) { return q.ask[j] === null ? 0 : volPoints(q.ask[j] - m); });
        var down = q.mid.map(function (m, j) { return q.bid[j] === null ? 0 : volPoints(m - q.bid[j]); });
        traces.push({
          type: 'scatter', mode: 'markers', name: 'quotes (mid, bid-ask)', legendgroup: 'quotes', showlegend: firstOf('quotes'),
          xaxis: xa, yaxis: ya, x: q.logMoneyness, y: q.mid.map(volPoints),
          text: q.strike.map(function (k, j) { return q.type[j] + ' ' + k; }),
          error_y: { type: 'data', symmetric: false, array: up, arrayminus: down, color: '#adb5bd', thickness: 1, width: 0 },
          marker: { size: 4, color: COLOURS.market },
          hovertemplate: '%{text}<br>k %{x:.3f}<br>mid %{y:.2f} vol pts<extra></extra>'
        });
        traces.push({
          type: 'scatter', mode: 'lines', name: 'SVI fit', legendgroup: 'svi', showlegend: firstOf('svi'), xaxis: xa, yaxis: ya,
          x: e.svi.logMoneyness, y: e.svi.impliedVol.map(volPoints), line: { color: COLOURS.svi, width: 2 },
          hovertemplate: 'SVI k %{x:.3f}: %{y:.2f}<extra></extra>'
        });
        if (e.forecast) {
          traces.push({
            type: 'scatter', mode: 'lines', name: 'forecast' + (s.forecastFor ? ' for ' + s.forecastFor : ''),
            legendgroup: 'forecast', showlegend: firstOf('forecast'), xaxis: xa, yaxis: ya,
            x: e.forecast.logMoneyness, y: e.forecast.impliedVol.map(volPoints),
            line: { color: COLOURS.forecast, width: 2, dash: e.forecastExtrapolated ? 'dot' : 'dash' },
            hovertemplate: 'forecast k %{x:.3f}: %{y:.2f}<extra></extra>'
          });
        }
        if (e.realized) {
          traces.push({
            type: 'scatter', mode: 'lines', name: 'realised (next session fit)', legendgroup: 'realized',
            showlegend: firstOf('realized'),
            xaxis: xa, yaxis: ya, x: e.realized.logMoneyness, y: e.realized.impliedVol.map(volPoints),
            line: { color: COLOURS.realized, width: 1.5 },
            hovertemplate: 'realised k %{x:.3f}: %{y:.2f}<extra></extra>'
          });
        }
        var row = Math.floor(i / columns);
        var column = i % columns;
        layout['xaxis' + suffix] = axis(row === rows - 1 || i + columns >= n ? 'k = ln(K/F)' : '',
          { title: { text: row === rows - 1 || i + columns >= n ? 'k = ln(K/F)' : '', standoff: 4 } });
        layout['yaxis' + suffix] = axis(column === 0 ? 'IV (vol pts)' : '', { title: { text: column === 0 ? 'IV (vol pts)' : '', standoff: 4 } });
        layout.annotations.push({
          text: '<b>' + e.expiry + '</b> ' + Math.round(e.days) + 'd, F ' + fmt(e.forward, 2)
            + (e.rmseVolPoints !== null ? ', fit RMSE ' + fmt(e.rmseVolPoints, 2) : ''),
          showarrow: false, xref: xa + ' domain', yref: ya + ' domain', x: 0, y: 1.02, xanchor: 'left', yanchor: 'bottom',
          font: { size: 11 }
        });
      });
      return plot(id, traces, layout);
    }));
  }

  // ------------------------------------------------------------------ forecast vs realised

  function drawForecastErrors(ticker) {
    var id = 'chart-forecast-vs-realized';
    track(id, get('api/v1/report/forecast-errors/' + encodeURIComponent(ticker)).then(function (f) {
      if (!f.points.length) {
        return message(id, f.note || ('no forecast errors stored for ' + ticker), 'Forecast vs realised');
      }
      var dates = f.points.map(function (p) { return p.forecastFor; });
      var tenor = Math.round(f.tenorDays) + 'd';
      var traces = [
        { type: 'scatter', mode: 'lines+markers', name: 'realised', x: dates,
          y: f.points.map(function (p) { return volPoints(p.realizedIv); }),
          line: { color: COLOURS.realized, width: 2 }, marker: { size: 4 } },
        { type: 'scatter', mode: 'lines+markers', name: 'forecast (model ' + f.modelId + ')', x: dates,
          y: f.points.map(function (p) { return volPoints(p.forecastIv); }),
          line: { color: COLOURS.forecast, width: 2 }, marker: { size: 4 } },
        { type: 'scatter', mode: 'lines', name: 'carry-forward (as-of value)', x: dates,
          y: f.points.map(function (p) { return volPoints(p.carryIv); }), connectgaps: false,
          line: { color: COLOURS.carry, width: 1.5, dash: 'dash' } },
        { type: 'bar', name: 'ATM error (forecast - realised)', x: dates, xaxis: 'x2', yaxis: 'y2',
          y: f.points.map(function (p) { return volPoints(p.forecastIv - p.realizedIv); }),
          marker: { color: 'rgba(217,72,15,0.55)' } },
        { type: 'scatter', mode: 'lines+markers', name: 'RMSE over all cells', xaxis: 'x2', yaxis: 'y2',
          x: f.daily.map(function (d) { return d.forecastFor; }),
          y: f.daily.map(function (d) { return d.rmseVolPoints; }),
          text: f.daily.map(function (d) { return d.cells + ' cells'; }),
          line: { color: '#5f3dc4', width: 1.5 }, marker: { size: 4 } }
      ];
      return plot(id, traces, baseLayout('ATM ' + tenor + ' implied vol, ' + f.ticker + ' (evaluation '
        + f.evaluationId + ')', {
        grid: { rows: 2, columns: 1, pattern: 'independent', roworder: 'top to bottom' },
        height: 540, margin: { l: 64, r: 24, t: 48, b: 100 },
        legend: { orientation: 'h', x: 0, xanchor: 'left', yanchor: 'top', y: -60 / (540 - 48 - 100) },
        xaxis: axis('', { matches: 'x2', showticklabels: false, domain: [0, 1] }),
        yaxis: axis('ATM IV, ' + tenor + ' (vol pts)', { domain: [0.42, 1] }),
        xaxis2: axis('forecast session'),
        yaxis2: axis('error (vol pts)', { domain: [0, 0.34], zeroline: true })
      }));
    }));
  }

  // ------------------------------------------------------------------ backtest run

  function drawRun(runId) {
    if (!runId) {
      var note = 'no backtest run stored yet: ./volsurf backtest --help';
      track('chart-equity', message('chart-equity', note, 'Equity curve'));
      track('chart-attribution', message('chart-attribution', note, 'PnL attribution'));
      return;
    }
    var doc = get('api/v1/report/runs/' + runId);
    track('chart-equity', doc.then(function (r) {
      var run = r.run;
      document.getElementById('run-title').textContent = 'Backtest run ' + run.runId + ': ' + run.strategy + ' on '
        + run.ticker + ', ' + run.fromDate + ' to ' + run.toDate + ' (' + run.status + ')';
      if (!r.days.length) {
        return message('chart-equity', 'run ' + run.runId + ' has no sessions stored', 'Equity curve');
      }
      var dates = r.days.map(function (d) { return d.date; });
      var peak = -Infinity;
      var hwm = r.days.map(function (d) { peak = Math.max(peak, d.cumulative); return peak; });
      return plot('chart-equity', [
        { type: 'scatter', mode: 'lines', name: 'high-water mark', x: dates, y: hwm,
          line: { color: '#adb5bd', width: 1, dash: 'dot' } },
        { type: 'scatter', mode: 'lines', name: 'cumulative PnL', x: dates,
          y: r.days.map(function (d) { return d.cumulative; }), fill: 'tonexty', fillcolor: 'rgba(201,42,42,0.15)',
          line: { color: COLOURS.svi, width: 2 } }
      ], baseLayout('Equity curve: PnL ' + fmt(run.totalPnl, 2) + ', Sharpe ' + fmt(run.sharpe, 2)
        + ', max drawdown ' + fmt(run.maxDrawdown, 2), {
        xaxis: axis('session'), yaxis: axis('cumulative PnL (USD)'),
        legend: { orientation: 'h', y: -0.22, x: 0 }
      }));
    }));
    track('chart-attribution', doc.then(function (r) {
      var days = r.days.filter(function (d) { return d.attributedTotal !== null; });
      if (!days.length) {
        return message('chart-attribution', 'run ' + r.run.runId + ' has no attribution rows yet (the first session '
          + 'only opens positions)', 'PnL attribution');
      }
      var dates = days.map(function (d) { return d.date; });
      var parts = [
        ['delta', 'delta', '#1f5fa8'], ['gamma', 'gamma', '#2b8a3e'],
        ['vega (forecast-predicted)', 'forecastPredicted', '#f08c00'],
        ['vega: forecast error', 'forecastError', '#d9480f'], ['theta', 'theta', '#5f3dc4'],
        ['residual', 'residual', '#868e96']
      ];
      var traces = parts.map(function (p) {
        return { type: 'bar', name: p[0], x: dates, y: days.map(function (d) { return d[p[1]]; }),
          marker: { color: p[2] }, hovertemplate: p[0] + ' %{y:,.2f}<extra>%{x}</extra>' };
      });
      traces.push({ type: 'scatter', mode: 'markers', name: 'total', x: dates,
        y: days.map(function (d) { return d.attributedTotal; }),
        marker: { symbol: 'diamond', size: 6, color: '#1b2733' }, hovertemplate: 'total %{y:,.2f}<extra>%{x}</extra>' });
      return plot('chart-attribution', traces, baseLayout('Daily PnL attribution (USD)', {
        // Sessions as categories: no empty weekend slots between the bars.
        barmode: 'relative', bargap: 0.15, xaxis: axis('session', { type: 'category', nticks: 12 }),
        yaxis: axis('PnL (USD)'),
        legend: { orientation: 'h', y: -0.22, x: 0 }
      }));
    }));
  }

  // ------------------------------------------------------------------ pickers

  var pick = {
    ticker: document.getElementById('pick-ticker'),
    date: document.getElementById('pick-date'),
    run: document.getElementById('pick-run')
  };

  function fill(select, items, selected) {
    select.innerHTML = '';
    items.forEach(function (it) {
      var o = document.createElement('option');
      o.value = it.value;
      o.textContent = it.label;
      select.appendChild(o);
    });
    if (selected !== undefined && selected !== null && items.some(function (it) { return String(it.value) === String(selected); })) {
      select.value = String(selected);
    }
  }

  function remember() {
    if (embedded || !window.history || !window.history.replaceState) {
      return;
    }
    var q = new URLSearchParams();
    if (pick.ticker.value) { q.set('ticker', pick.ticker.value); }
    if (pick.date.value) { q.set('date', pick.date.value); }
    if (pick.run.value) { q.set('run', pick.run.value); }
    window.history.replaceState(null, '', '?' + q.toString());
  }

  function loadTicker(ticker, wantedDate) {
    pending++;
    return get('api/v1/report/sessions/' + encodeURIComponent(ticker)).then(function (s) {
      var dates = s.sessions.slice().reverse();
      fill(pick.date, dates.map(function (d) { return { value: d, label: d }; }), wantedDate || dates[0]);
      drawDate();
      drawForecastErrors(ticker);
    }).catch(function (e) {
      errors.push('sessions of ' + ticker + ': ' + e.message);
    }).then(function () {
      pending--;
      publish();
    });
  }

  function drawDate() {
    remember();
    if (pick.ticker.value && pick.date.value) {
      drawSurfaces(pick.ticker.value, pick.date.value);
      drawSmiles(pick.ticker.value, pick.date.value);
    }
  }

  function start() {
    var params = new URLSearchParams(window.location.search);
    var initial = embedded ? (embedded.initial || {}) : {};
    var wantedTicker = params.get('ticker') || initial.ticker;
    var wantedDate = params.get('date') || initial.date;
    var wantedRun = params.get('run') || initial.run;
    if (embedded) {
      document.getElementById('mode').textContent = 'static report, ' + embedded.generatedAt;
    }
    pending++;
    Promise.all([get('api/v1/report/tickers'), get('api/v1/report/runs')]).then(function (docs) {
      var tickers = docs[0];
      var runs = docs[1].runs;
      document.getElementById('model-info').textContent = tickers.modelId ? 'model ' + tickers.modelId
        : 'no model loaded';
      fill(pick.run, runs.map(function (r) {
        return { value: r.runId, label: '#' + r.runId + ' ' + r.strategy + ' ' + r.ticker + ' (' + r.status + ')' };
      }), wantedRun);
      if (!tickers.tickers.length) {
        CHARTS.slice(0, 5).forEach(function (id) {
          track(id, message(id, 'no stored surfaces: ./volsurf ingest or ./volsurf demo first'));
        });
      } else {
        var names = tickers.tickers.map(function (t) { return t.ticker; });
        var ticker = names.indexOf(String(wantedTicker).toUpperCase()) >= 0 ? String(wantedTicker).toUpperCase()
          : (runs.length && names.indexOf(runs[0].ticker) >= 0 ? runs[0].ticker : names[0]);
        fill(pick.ticker, tickers.tickers.map(function (t) {
          return { value: t.ticker, label: t.ticker + ' (' + t.sessions + ')' };
        }), ticker);
        loadTicker(ticker, wantedDate);
      }
      if (!wantedRun && runs.length) {
        var forTicker = runs.filter(function (r) { return r.ticker === pick.ticker.value; });
        pick.run.value = String((forTicker.length ? forTicker[0] : runs[0]).runId);
      }
      drawRun(pick.run.value);
      remember();
    }).catch(function (e) {
      errors.push('start: ' + e.message);
      CHARTS.forEach(function (id) { track(id, message(id, 'cannot load the chart data: ' + e.message)); });
    }).then(function () {
      pending--;
      publish();
    });

    pick.ticker.addEventListener('change', function () { loadTicker(pick.ticker.value); });
    pick.date.addEventListener('change', drawDate);
    pick.run.addEventListener('change', function () { remember(); drawRun(pick.run.value); });
  }

  if (typeof Plotly === 'undefined') {
    errors.push('plotly.js did not load (vendor/plotly.min.js)');
    publish();
    return;
  }
  start();
}());
