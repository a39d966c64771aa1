import { act, render, type RenderResult } from '@testing-library/react'
import type { ComponentType } from 'react'
import { AppProviders } from '../../src/components/AppProviders'

/** Renders a page the way the app does: inside the app's providers (login on launch, site, 长辈模式). */
export async function renderPage(Page: ComponentType): Promise<RenderResult> {
  let result!: RenderResult
  await act(async () => {
    result = render(
      <AppProviders>
        <Page />
      </AppProviders>
    )
  })
  await settle()
  return result
}

/** Lets pending requests and the state updates they cause finish. */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 0))
    })
  }
}
