/*
 * The dashboard's bar charts (by category, by lead department, by source), drawn by ECharts from the data the page carries in
 * <script type="application/json" id="chartData"> (which a browser never runs): the page's
 * Content-Security-Policy lets only scripts served by Sanfu itself run, none written inline.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('chartData').textContent);

  // The value axis's ticks for a chart this wide: at a phone's width five labels in the thousands (10,000 15,000)
  // would run together under bars that start past the category names, so a narrow chart has fewer; ECharts also
  // hides a label that would still touch its neighbour (hideOverlap).
  function valueTicks(width) {
    return width < 480 ? 3 : 5;
  }

  function bars(id, chartData) {
    var container = document.getElementById(id);
    var chart = echarts.init(container, null, {renderer: 'canvas'});
    // Marks the container once ECharts has drawn it, animation included.
    chart.on('finished', function () { container.setAttribute('data-rendered', 'true'); });
    var option = {
      color: ['#3a7d44', '#2f6fb3', '#c23531'],
      textStyle: {fontFamily: getComputedStyle(document.body).fontFamily},
      // drawn on the canvas: the HTML tooltip writes style="" attributes, which the policy refuses
      tooltip: {trigger: 'axis', axisPointer: {type: 'shadow'}, renderMode: 'richText'},
      legend: {top: 0, data: ['办结', '在办（未超期）', '超期在办']},
      grid: {left: 8, right: 28, top: 36, bottom: 8, containLabel: true},
      xAxis: {type: 'value', minInterval: 1, splitNumber: valueTicks(container.clientWidth),
        axisLabel: {hideOverlap: true}},
      // a label is clicked for the whole bar
      yAxis: {type: 'category', data: chartData.labels, inverse: true, axisTick: {show: false},
        triggerEvent: !!chartData.links},
      series: [
        {name: '办结', type: 'bar', stack: 'all', barMaxWidth: 22, data: chartData.closed},
        {name: '在办（未超期）', type: 'bar', stack: 'all', barMaxWidth: 22, data: chartData.openInTime},
        {name: '超期在办', type: 'bar', stack: 'all', barMaxWidth: 22, data: chartData.overdueOpen}
      ]
    };
    if (chartData.labels.length === 0) {
      option.title = {text: '暂无数据', left: 'center', top: 'middle', textStyle: {color: '#999', fontSize: 14}};
    }
    chart.setOption(option);
    // a part of a bar opens the tickets it counts (closed, open in time, open overdue), the category's
    // label the whole bar's; a chart whose key no list filters by has no links
    if (chartData.links) {
      var parts = [chartData.closedLinks, chartData.openInTimeLinks, chartData.overdueOpenLinks];
      container.classList.add('clickable');
      chart.on('click', function (params) {
        var link = params.componentType === 'yAxis'
            ? chartData.links[chartData.labels.indexOf(params.value)]
            : parts[params.seriesIndex][params.dataIndex];
        if (link) { window.location.href = link; }
      });
    }
    window.addEventListener('resize', function () {
      chart.setOption({xAxis: {splitNumber: valueTicks(container.clientWidth)}});
      chart.resize();
    });
  }

  bars('chartByCategory', data.byCategory);
  bars('chartByDepartment', data.byDepartment);
  bars('chartBySource', data.bySource);
})();
