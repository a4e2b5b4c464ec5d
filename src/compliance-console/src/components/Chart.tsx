import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { HeatmapChart } from 'echarts/charts';
import { AriaComponent, CalendarComponent, GridComponent, TooltipComponent, VisualMapComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';
import type { EChartsOption } from 'echarts';

// Only what the console draws: heat maps on a grid (inspection) and on a calendar (deadlines).
echarts.use([HeatmapChart, AriaComponent, CalendarComponent, GridComponent, TooltipComponent, VisualMapComponent, SVGRenderer]);

/** An ECharts chart that follows its option and the container's size. The data it draws is also shown as a table. */
export function Chart({ option, height, label }: { option: EChartsOption; height: number; label: string }) {
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | undefined>(undefined);
  useEffect(() => {
    chart.current = echarts.init(element.current!, undefined, { renderer: 'svg' });
    const resize = () => chart.current?.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      chart.current?.dispose();
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={element} className="chart" data-chart={label} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
