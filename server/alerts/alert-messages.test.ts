import { afterEach, describe, expect, it } from 'vitest'
import { alertText } from '../../shared/alert-text.ts'
import type { Alert } from '../../shared/alerts.ts'
import { buildTestApp, createdEvent, TOKEN, type TestApp } from '../testing/test-app.ts'

let app: TestApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

describe('the alert API', () => {
  it('lists each alert with its text in Chinese and in English, worded as the wall words it', async () => {
    app = await buildTestApp()
    const at = (m: number) => new Date(app!.clock.now - (30 - m) * 60_000).toISOString()
    // Twelve heating requests in one community within the hour: above the surge floor of 10.
    const events = Array.from({ length: 12 }, (_, i) => createdEvent(`S${i}`, at(i)))
    const post = await app.app.inject({ method: 'POST', url: '/api/v1/events', payload: events, headers: { authorization: `Bearer ${TOKEN}` } })
    expect(post.statusCode).toBe(200)
    const res = await app.app.inject({ method: 'GET', url: '/api/v1/regions/2103/alerts' })
    expect(res.statusCode).toBe(200)
    const alerts = res.json() as Alert[]
    const surge = alerts.find((a) => a.kind === 'surge')
    expect(surge).toBeDefined()
    const { message, messageEn, ...data } = surge!
    expect(message).toBe(alertText(data as Alert, 'zh-CN'))
    expect(message).toContain('供暖')
    expect(messageEn).not.toMatch(/[\u4e00-\u9fff]/)
    expect(messageEn).toContain('Heating')
    expect(messageEn).toContain('Tiedong District')
  })
})
