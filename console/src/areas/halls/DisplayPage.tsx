import { useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router';
import type { DisplayBoard } from './api';
import './halls.css';

const tokenKey = (hallId: number) => `mz-display-token-${hallId}`;
const DIGITS = '零一二三四五六七八九';

/** 「请 A012 号到 3 号窗口」, with the number read digit by digit (A 零一二, not A 十二). */
export function announcement(label: string, windowNumber: string): string {
  const spoken = label.replace(/\d/g, (d) => DIGITS[Number(d)]);
  return `请 ${spoken} 号到 ${windowNumber} 号窗口`;
}

function speak(text: string) {
  if (!('speechSynthesis' in window)) return;
  const utterance = new SpeechSynthesisUtterance(text);
  utterance.lang = 'zh-CN';
  utterance.rate = 0.9;
  const voice = speechSynthesis.getVoices().find((v) => v.lang.replace('_', '-').startsWith('zh-CN'));
  if (voice) utterance.voice = voice;
  speechSynthesis.speak(utterance);
}

/** The token comes once in the address's fragment (never sent to a server), then lives in this browser. */
function takeToken(hallId: number): string | null {
  const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('token');
  if (fromHash) {
    localStorage.setItem(tokenKey(hallId), fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return localStorage.getItem(tokenKey(hallId));
}

function useBeijingClock() {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const t = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(t);
  }, []);
  return now.toLocaleString('zh-CN', {
    timeZone: 'Asia/Shanghai',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

/**
 * 叫号屏: full screen on the TV above the windows. A server-sent event stream brings every call
 * (from any server process) within a moment; each is announced in Mandarin by the browser's
 * speech synthesis. One click at setup starts full screen and unlocks the voice (browsers allow
 * sound only after a click).
 */
export default function DisplayPage() {
  const hallId = Number(useParams().hallId);
  const [token] = useState(() => takeToken(hallId));
  const [board, setBoard] = useState<DisplayBoard | null>(null);
  const [problem, setProblem] = useState<string | null>(
    token ? null : '此叫号屏尚未设置：请工作人员在「大厅设置 → 叫号屏」中生成叫号屏地址，并在本机打开。',
  );
  const [started, setStarted] = useState(false);
  const [latest, setLatest] = useState<{ text: string; windowNumber: string; at: number } | null>(null);
  const startedRef = useRef(false);
  const clock = useBeijingClock();

  useEffect(() => {
    if (!token) return;
    let source: EventSource | null = null;
    let retry: number | undefined;
    let closed = false;
    const connect = () => {
      source = new EventSource(`/api/halls/${hallId}/display/events?token=${encodeURIComponent(token)}`);
      source.addEventListener('board', (e) => {
        setBoard(JSON.parse((e as MessageEvent).data));
        setProblem(null);
      });
      source.addEventListener('call', (e) => {
        const call = JSON.parse((e as MessageEvent).data) as { label: string; windowNumber: string };
        const text = announcement(call.label, call.windowNumber);
        setLatest({ text, windowNumber: call.windowNumber, at: Date.now() });
        if (startedRef.current) speak(text);
      });
      source.onerror = async () => {
        if (source?.readyState !== EventSource.CLOSED || closed) return; // the browser is reconnecting by itself
        // Refused outright: ask why (a replaced token will not come back by retrying).
        try {
          const res = await fetch(`/api/halls/${hallId}/display?token=${encodeURIComponent(token)}`);
          if (!res.ok) {
            const body = await res.json().catch(() => null);
            setProblem(body?.error?.message ?? '叫号屏暂时无法连接服务器，正在重试…');
          }
        } catch {
          setProblem('叫号屏暂时无法连接服务器，正在重试…');
        }
        retry = window.setTimeout(connect, 10_000);
      };
    };
    connect();
    return () => {
      closed = true;
      window.clearTimeout(retry);
      source?.close();
    };
  }, [hallId, token]);

  const start = () => {
    startedRef.current = true;
    setStarted(true);
    document.documentElement.requestFullscreen?.().catch(() => {});
    speak(''); // unlocks speech for the calls to come
  };

  const waiting = board?.services.reduce((n, s) => n + s.waiting, 0) ?? 0;
  return (
    <div className="display" data-testid="display">
      <div className="display__head">
        <div className="display__hall">{board?.hall.name ?? '服务大厅'} · 叫号</div>
        <div className="display__clock">{clock}</div>
      </div>
      {problem && !board ? (
        <div className="display__problem" data-testid="display-problem">
          {problem}
        </div>
      ) : (
        <div className="display__body">
          <div className="display__now">
            {(board?.windows ?? []).map((w) => (
              <div
                key={`${w.number}-${latest?.windowNumber === w.number ? latest.at : 0}`}
                className={`display__window${latest?.windowNumber === w.number ? ' display__window--flash' : ''}`}
                data-testid={`display-window-${w.number}`}
              >
                <div className="display__window-name">
                  {w.number} 号窗口 · {w.name}
                </div>
                <div className={`display__window-label${w.current ? '' : ' display__window-label--idle'}`}>
                  {w.current?.label ?? '——'}
                </div>
              </div>
            ))}
          </div>
          <div className="display__side">
            <div className="display__panel">
              <h2>最近叫号</h2>
              {(board?.calling ?? []).slice(0, 6).map((c) => (
                <div key={`${c.label}-${c.windowNumber}`} className="display__row">
                  <b>{c.label}</b>
                  <span>{c.windowNumber} 号窗口</span>
                </div>
              ))}
              {board && board.calling.length === 0 && <div className="display__row">暂无叫号</div>}
            </div>
            <div className="display__panel">
              <h2>等候人数</h2>
              {(board?.services ?? []).map((s) => (
                <div key={s.serviceCode} className="display__row">
                  <span>{s.serviceName}</span>
                  <b>{s.waiting}</b>
                </div>
              ))}
              {board && board.services.length === 0 && <div className="display__row">暂无等候</div>}
            </div>
          </div>
        </div>
      )}
      <div className="display__foot">
        <span aria-live="assertive" data-testid="display-announcement">
          {latest?.text ?? ''}
        </span>
        <span>{board ? `共 ${waiting} 人等候` : problem && board ? problem : ''}</span>
      </div>
      {!started && token && (
        <button type="button" className="display__start" onClick={start} data-testid="display-start">
          <strong>点击开始</strong>
          <span>全屏显示并开启语音叫号</span>
        </button>
      )}
    </div>
  );
}
