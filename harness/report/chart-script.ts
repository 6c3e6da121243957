/**
 * The small script inlined in the HTML report that draws the charts from the
 * embedded JSON specs (see charts.ts). Plain ES2017 so it runs in any current
 * browser from file:// without a build step. It adds what JSON cannot carry:
 * tick and tooltip formatters, error bars (chart.js has none built in; drawn
 * in an afterDatasetsDraw plugin hook) and the fixed ticks of the nines axis.
 * Horizontal bar charts (options.indexAxis 'y', e.g. stacked stage bars)
 * carry their values on x: formats, tooltips and whiskers follow the value
 * axis, and a category axis (format null) keeps chart.js's own labels.
 *
 * The formatters mirror format.ts (same rules, fewer units) because tick
 * values only exist in the browser.
 */
export const CHART_SCRIPT = String.raw`(function () {
  'use strict';
  var specs = JSON.parse(document.getElementById('varbench-data').textContent).charts;
  if (typeof Chart === 'undefined') {
    throw new Error('varbench report: chart.js did not load; charts cannot be drawn');
  }

  function sig3(x) {
    var a = Math.abs(x);
    var s = x.toFixed(a >= 100 ? 0 : a >= 10 ? 1 : 2);
    return s.indexOf('.') >= 0 ? s.replace(/\.?0+$/, '') : s;
  }
  function scaled(v, units, digits) {
    for (var i = 0; i < units.length; i++) {
      var text = (units[i][2] || digits)(v / units[i][0]);
      var next = units[i + 1];
      if (!next || Math.abs(Number(text)) < next[0] / units[i][0]) return text + units[i][1];
    }
  }
  function whole(x) { return String(Math.round(x)); }
  function oneDecimal(x) { return x.toFixed(1); }
  var FORMAT = {
    ns: function (v) { return scaled(v, [[1, ' ns', whole], [1e3, ' µs'], [1e6, ' ms'], [1e9, ' s']], sig3); },
    ms: function (v) { return v === 0 ? '0' : FORMAT.ns(v * 1e6); },
    rate: function (v) { return v === 0 ? '0' : scaled(v, [[1, ''], [1e3, 'k'], [1e6, 'M'], [1e9, 'G']], oneDecimal); },
    mib: function (v) { return v === 0 ? '0' : v >= 1024 ? sig3(v / 1024) + ' GiB' : sig3(v) + ' MiB'; },
    seconds: function (v) { return sig3(v) + ' s'; },
    nines: function (v) { return String(v); }
  };

  // Whiskers from low to high over each bar of the first dataset, in data
  // coordinates, along the value axis (x for horizontal bars).
  function errorBarsPlugin(bars, horizontal) {
    return {
      id: 'varbenchErrorBars',
      afterDatasetsDraw: function (chart) {
        var meta = chart.getDatasetMeta(0);
        if (!meta || meta.hidden) return;
        var scale = horizontal ? chart.scales.x : chart.scales.y;
        var ctx = chart.ctx;
        ctx.save();
        ctx.strokeStyle = '#1f2328';
        ctx.lineWidth = 1.5;
        meta.data.forEach(function (bar, i) {
          var e = bars[i];
          if (!e) return;
          var high = scale.getPixelForValue(e.high);
          var low = scale.getPixelForValue(e.low);
          var half = Math.min(8, ((horizontal ? bar.height : bar.width) || 16) / 4);
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(low, bar.y); ctx.lineTo(high, bar.y);
            ctx.moveTo(high, bar.y - half); ctx.lineTo(high, bar.y + half);
            ctx.moveTo(low, bar.y - half); ctx.lineTo(low, bar.y + half);
          } else {
            ctx.moveTo(bar.x, high); ctx.lineTo(bar.x, low);
            ctx.moveTo(bar.x - half, high); ctx.lineTo(bar.x + half, high);
            ctx.moveTo(bar.x - half, low); ctx.lineTo(bar.x + half, low);
          }
          ctx.stroke();
        });
        ctx.restore();
      }
    };
  }

  // Log axes get a label only at 1, 2 and 5 times a power of ten.
  function logTick(format) {
    return function (value) {
      if (!(value > 0)) return '';
      var m = value / Math.pow(10, Math.floor(Math.log10(value) + 1e-9));
      var mantissa = Math.round(m);
      if (Math.abs(m - mantissa) > 1e-6) return '';
      return mantissa === 1 || mantissa === 2 || mantissa === 5 ? format(value) : '';
    };
  }

  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = '#3d4451';
  Chart.defaults.animation = false;

  specs.forEach(function (spec) {
    var canvas = document.getElementById(spec.id);
    if (!canvas) throw new Error('varbench report: no canvas #' + spec.id);
    var config = spec.config;
    var options = config.options;
    var plugins = [];
    var horizontal = options.indexAxis === 'y';
    var valueAxis = horizontal ? 'x' : 'y';
    var yFormat = spec.yFormat ? FORMAT[spec.yFormat] : null;
    var valueFormat = FORMAT[horizontal ? spec.xFormat : spec.yFormat];
    if (!valueFormat) throw new Error('varbench report: chart ' + spec.id + ' has no format for its value axis');
    options.scales = options.scales || {};
    options.scales.y = options.scales.y || {};
    if (yFormat) {
      options.scales.y.ticks = {
        callback: options.scales.y.type === 'logarithmic' ? logTick(yFormat) : function (v) { return yFormat(v); }
      };
    }
    var ninesLabels = {};
    if (spec.ninesTicks) {
      spec.ninesTicks.forEach(function (t) { ninesLabels[t.value] = t.label; });
      options.scales.x.afterBuildTicks = function (scale) {
        scale.ticks = spec.ninesTicks.map(function (t) { return { value: t.value }; });
      };
      options.scales.x.ticks = { autoSkip: false, callback: function (v) { return ninesLabels[v] || ''; } };
    } else if (spec.xFormat && options.scales.x) {
      var xFormat = FORMAT[spec.xFormat];
      options.scales.x.ticks = { callback: function (v) { return xFormat(v); } };
    }
    options.plugins = options.plugins || {};
    options.plugins.legend = options.plugins.legend || {};
    if (options.plugins.legend.display !== false) {
      options.plugins.legend.labels = {
        filter: function (item, data) { return data.datasets[item.datasetIndex].varbenchLegend !== false; }
      };
      // A legend entry stands for its variant: toggle every dataset of the group.
      options.plugins.legend.onClick = function (event, item, legend) {
        var chart = legend.chart;
        var group = chart.data.datasets[item.datasetIndex].varbenchGroup;
        var visible = chart.isDatasetVisible(item.datasetIndex);
        chart.data.datasets.forEach(function (ds, i) {
          if (i === item.datasetIndex || (group !== undefined && ds.varbenchGroup === group)) chart.setDatasetVisibility(i, !visible);
        });
        chart.update();
      };
    }
    options.plugins.tooltip = {
      callbacks: {
        title: function (items) {
          if (!items.length) return '';
          var raw = items[0].raw;
          if (spec.ninesTicks && raw && typeof raw.p === 'number') return raw.p >= 100 ? 'max' : 'p' + raw.p;
          if (spec.xFormat === 'seconds') return FORMAT.seconds(items[0].parsed.x);
          return items[0].label;
        },
        label: function (item) {
          var text = (item.dataset.label || '') + ': ' + valueFormat(item.parsed[valueAxis]);
          var bar = item.datasetIndex === 0 && spec.errorBars && spec.errorBars[item.dataIndex];
          if (bar) text += ' (CI ' + valueFormat(bar.low) + ' – ' + valueFormat(bar.high) + ')';
          if (item.raw && typeof item.raw.note === 'string') text += ' (' + item.raw.note + ')';
          return text;
        }
      }
    };
    if (spec.errorBars) plugins.push(errorBarsPlugin(spec.errorBars, horizontal));
    config.plugins = plugins;
    new Chart(canvas, config);
  });
})();`;
