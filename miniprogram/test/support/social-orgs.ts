/**
 * What the 社会组织 page tests add to the shared doubles: the page query (router params),
 * Taro.chooseImage / uploadFile / redirectTo, and the Textarea and WebView components.
 * Installed per test and undone after it, so other suites see the doubles unchanged.
 */
import { createElement, forwardRef } from 'react'
import Taro, { taroDouble, type FakeResponse, type RequestOptions } from '../doubles/taro'
import { FakeServer } from './fake-server'

const Textarea = forwardRef<any, any>((props, ref) =>
  createElement('textarea', {
    ref,
    className: props.className,
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength,
    onChange: (e: any) => props.onInput?.({ type: 'input', target: e.target, detail: { value: e.target.value } })
  })
)
const WebView = (props: any) => createElement('iframe', { src: props.src, 'data-testid': 'web-view' })

export interface Upload {
  url: string
  filePath: string
  name: string
  header?: Record<string, string>
}

export const extra = {
  params: {} as Record<string, string>,
  chosen: [] as string[],
  uploads: [] as Upload[],
  /** answer of each upload (default: 201 with an id) */
  uploadAnswer: null as null | ((u: Upload) => FakeResponse)
}

const saved: Record<string, unknown> = {}

export function installSocialOrgDoubles(): void {
  extra.params = {}
  extra.chosen = []
  extra.uploads = []
  extra.uploadAnswer = null
  const t = Taro as any
  for (const k of ['getCurrentInstance', 'chooseImage', 'uploadFile', 'redirectTo', 'setClipboardData']) saved[k] = t[k]
  t.getCurrentInstance = () => ({ router: { params: extra.params, path: '' }, page: null })
  t.chooseImage = async ({ count }: { count: number }) => ({
    tempFilePaths: extra.chosen.slice(0, count),
    errMsg: 'chooseImage:ok'
  })
  t.uploadFile = async (u: Upload) => {
    extra.uploads.push(u)
    const res = extra.uploadAnswer?.(u) ?? {
      statusCode: 201,
      data: { image: { id: `img_${String(extra.uploads.length).padStart(22, '0')}`, mime: 'image/png', size: 100 } }
    }
    return { statusCode: res.statusCode, data: JSON.stringify(res.data) }
  }
  t.redirectTo = async ({ url }: { url: string }) => {
    taroDouble.navigations.push({ kind: 'redirectTo', url })
  }
  t.setClipboardData = async () => ({})
  // the module object the pages import (not an ESM namespace copy of it)
  const c = require('../doubles/components') as Record<string, unknown>
  if (!c.Textarea) c.Textarea = Textarea
  if (!c.WebView) c.WebView = WebView
}

export function uninstallSocialOrgDoubles(): void {
  Object.assign(Taro as any, saved)
}

export type Handler = (req: RequestOptions, url: URL) => FakeResponse | undefined

/** The shell's fake server (login, site, me) plus the routes a test answers itself. */
export function serverWith(handler: Handler) {
  const base = new FakeServer()
  taroDouble.server = (req) => handler(req, new URL(req.url)) ?? base.handle(req)
  return base
}

export const json = (data: unknown, statusCode = 200): FakeResponse => ({ statusCode, data })
