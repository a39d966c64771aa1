/**
 * Test double of @tarojs/components: each component as the plain DOM element it becomes on H5.
 * Only DOM-meaningful props pass; mini-program-only props (openType, mode, hoverClass…) are dropped.
 */
import { createElement, forwardRef, type ReactNode } from 'react'

type AnyProps = Record<string, any> & { children?: ReactNode }

const PASS = new Set(['className', 'style', 'id', 'onClick', 'role', 'title'])

function domProps(props: AnyProps): AnyProps {
  const out: AnyProps = {}
  for (const [key, value] of Object.entries(props)) {
    if (PASS.has(key) || key.startsWith('data-') || key.startsWith('aria-')) out[key] = value
  }
  if (typeof out.style === 'string') delete out.style
  return out
}

function element(tag: string, displayName: string) {
  const C = forwardRef<any, AnyProps>((props, ref) => createElement(tag, { ...domProps(props), ref }, props.children))
  C.displayName = displayName
  return C
}

export const View = element('div', 'View')
export const Text = element('span', 'Text')
export const ScrollView = element('div', 'ScrollView')
export const Swiper = element('div', 'Swiper')
export const SwiperItem = element('div', 'SwiperItem')
export const Label = element('label', 'Label')
export const Form = element('form', 'Form')
export const Block = ({ children }: AnyProps) => createElement('div', null, children)
export const RootPortal = ({ children }: AnyProps) => createElement('div', null, children)

export const Image = forwardRef<any, AnyProps>((props, ref) =>
  createElement('img', { ...domProps(props), src: props.src, ref })
)
Image.displayName = 'Image'

/** Records the mini-program-only attributes so tests can still see them (e.g. openType). */
export const Button = forwardRef<any, AnyProps>((props, ref) =>
  createElement(
    'button',
    {
      ...domProps(props),
      type: 'button',
      disabled: props.disabled,
      'data-open-type': props.openType,
      ref
    },
    props.children
  )
)
Button.displayName = 'Button'

export const Input = forwardRef<any, AnyProps>((props, ref) =>
  createElement('input', {
    ...domProps(props),
    ref,
    name: props.name,
    type: props.password ? 'password' : 'text',
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength ?? props.maxLength,
    disabled: props.disabled,
    onChange: (e: any) => props.onInput?.({ type: 'input', target: e.target, detail: { value: e.target.value } }),
    onFocus: (e: any) => props.onFocus?.({ type: 'focus', target: e.target, detail: { value: e.target.value } }),
    onBlur: (e: any) => props.onBlur?.({ type: 'blur', target: e.target, detail: { value: e.target.value } })
  })
)
Input.displayName = 'Input'

export const Textarea = forwardRef<any, AnyProps>((props, ref) =>
  createElement('textarea', {
    ...domProps(props),
    ref,
    name: props.name,
    value: props.value ?? '',
    placeholder: props.placeholder,
    maxLength: props.maxlength ?? props.maxLength,
    disabled: props.disabled,
    onChange: (e: any) => props.onInput?.({ type: 'input', target: e.target, detail: { value: e.target.value } })
  })
)
Textarea.displayName = 'Textarea'
