/**
 * The page script that draws every chart: it reads the specs from the JSON script element
 * with id `report-charts` ([{ id, spec }]), embeds each into its container as SVG, and
 * sets window.__chartsReady to a promise of the drawn container ids, which tests await.
 * A chart that fails says so in its container and on the console. Each chart has vega-embed's
 * menu with its SVG and PNG export (drawn in the page, nothing fetched); the source, compiled
 * and editor entries are off: the editor is a web site, and the page works offline.
 */
export const CHART_BOOTSTRAP = `
(function () {
  var charts = JSON.parse(document.getElementById('report-charts').textContent);
  window.__chartsReady = Promise.all(charts.map(function (c) {
    return vegaEmbed('#' + c.id, c.spec, { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false } }).then(function () { return c.id; }, function (e) {
      var el = document.getElementById(c.id);
      el.textContent = 'This chart could not be drawn: ' + e;
      el.className += ' failed';
      console.error(e);
      throw e;
    });
  }));
})();
`;
