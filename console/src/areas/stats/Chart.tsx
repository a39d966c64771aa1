import { useEffect, useRef } from 'react';
import { loadECharts } from './chart';

export interface ChartData {
  categories: string[];
  series: { name: string; type: 'bar' | 'line'; data: Array<number | null> }[];
}

/** A bar/line chart on ECharts core, loaded on first use; shared by every statistics page. */
export function Chart({ data, testId, height = 300 }: { data: ChartData; testId: string; height?: number }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    loadECharts().then((echarts) => {
      if (disposed || !el.current) return;
      const c = echarts.init(el.current);
      c.setOption({
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 56, right: 24, top: 40, bottom: 32 },
        xAxis: { type: 'category', data: data.categories },
        yAxis: { type: 'value', minInterval: 1 },
        series: data.series,
      });
      chart = c;
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [data]);
  return <div ref={el} style={{ height }} data-testid={`${testId}-chart`} />;
}
