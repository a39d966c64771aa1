import type { KeyboardEvent, MouseEvent } from 'react';

const W = 360;
const H = 240;
const M_PER_DEG_LAT = 110_574;

/** A round step for grid lines: 50, 100, 200, 500, 1000 … metres. */
function gridStep(halfWidthM: number) {
  const raw = halfWidthM / 3;
  const pow = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((k) => k * pow).find((s) => s >= raw) ?? pow * 10;
}

/**
 * 签到范围示意图: the activity's point at the centre with its sign-in circle drawn to scale, on a
 * metre grid (no map tiles: it works offline and inside the government network). Clicking moves
 * the point by the clicked offset, so the organizer nudges it from coordinates copied from any map.
 */
export function GeofencePicker({
  lat,
  lng,
  radiusM,
  onMove,
}: {
  lat?: number | null;
  lng?: number | null;
  radiusM?: number | null;
  onMove: (point: { lat: number; lng: number }) => void;
}) {
  const has = typeof lat === 'number' && typeof lng === 'number' && Number.isFinite(lat) && Number.isFinite(lng);
  if (!has) {
    return (
      <div
        data-testid="geofence-picker"
        style={{ width: W, padding: 16, border: '1px dashed #bbb', color: '#666', marginBottom: 16 }}
      >
        请先填写活动地点的纬度、经度（可从地图软件复制），再在示意图上点击微调位置。
      </div>
    );
  }
  const radius = Math.max(10, radiusM ?? 500);
  const halfWidthM = Math.max(radius * 2.5, 300);
  const pxPerM = W / 2 / halfWidthM;
  const mPerDegLng = M_PER_DEG_LAT * Math.cos((lat * Math.PI) / 180);
  const step = gridStep(halfWidthM);
  const lines: number[] = [];
  for (let m = -Math.ceil(halfWidthM / step) * step; m <= halfWidthM; m += step) lines.push(m);
  /** Move the point by metres east (dx) and south (dy). */
  const move = (dx: number, dy: number) =>
    onMove({
      lat: Math.round((lat - dy / M_PER_DEG_LAT) * 1e6) / 1e6,
      lng: Math.round((lng + dx / mPerDegLng) * 1e6) / 1e6,
    });
  const click = (e: MouseEvent<HTMLButtonElement>) => {
    if (e.detail === 0) return; // Enter / Space on the focused button: not a place
    const box = e.currentTarget.getBoundingClientRect();
    move((e.clientX - box.left - 1 - W / 2) / pxPerM, (e.clientY - box.top - 1 - H / 2) / pxPerM);
  };
  // Arrow keys move the point a fifth of a grid step.
  const key = (e: KeyboardEvent<HTMLButtonElement>) => {
    const d = step / 5;
    const by: Record<string, [number, number]> = {
      ArrowLeft: [-d, 0],
      ArrowRight: [d, 0],
      ArrowUp: [0, -d],
      ArrowDown: [0, d],
    };
    if (!by[e.key]) return;
    e.preventDefault();
    move(...by[e.key]);
  };
  return (
    <div style={{ marginBottom: 16 }}>
      <button
        type="button"
        data-testid="geofence-picker"
        aria-label={`签到范围示意：中心 ${lat.toFixed(6)}, ${lng.toFixed(6)}，半径 ${radius} 米；点击或用方向键移动活动地点`}
        onClick={click}
        onKeyDown={key}
        style={{ width: W + 2, height: H + 2, padding: 0, cursor: 'crosshair', border: '1px solid #d9d9d9' }}
      >
        <svg
          aria-hidden="true"
          width={W}
          height={H}
          viewBox={`0 0 ${W} ${H}`}
          style={{ background: '#f6f8fa', display: 'block' }}
        >
          {lines.map((m) => (
            <g key={m} stroke="#e3e6ea">
              <line x1={W / 2 + m * pxPerM} y1={0} x2={W / 2 + m * pxPerM} y2={H} />
              <line x1={0} y1={H / 2 + m * pxPerM} x2={W} y2={H / 2 + m * pxPerM} />
            </g>
          ))}
          <circle
            data-testid="geofence-circle"
            cx={W / 2}
            cy={H / 2}
            r={radius * pxPerM}
            fill="rgba(22,119,255,0.12)"
            stroke="#1677ff"
            strokeWidth={2}
          />
          <line x1={W / 2 - 8} y1={H / 2} x2={W / 2 + 8} y2={H / 2} stroke="#cf1322" strokeWidth={2} />
          <line x1={W / 2} y1={H / 2 - 8} x2={W / 2} y2={H / 2 + 8} stroke="#cf1322" strokeWidth={2} />
          <text x={8} y={16} fontSize={12} fill="#555">
            北 ↑ · 网格 {step >= 1000 ? `${step / 1000} 公里` : `${step} 米`}
          </text>
          <text x={8} y={H - 8} fontSize={12} fill="#555">
            签到范围 {radius} 米（另加手机定位精度）
          </text>
        </svg>
      </button>
      <div style={{ color: '#666', fontSize: 12, marginTop: 4 }}>
        点击图中位置（或用方向键）可把活动地点移到该处（以当前中心为准按米换算）；无需联网加载地图。
      </div>
    </div>
  );
}
