import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TObject } from '@sinclair/typebox'
import { describe, expect, it } from 'vitest'
import { SnapshotSchema } from '../api-schemas.ts'

const doc = readFileSync(join(import.meta.dirname, '../../docs/kpis.md'), 'utf8')
const props = (o: TObject): Record<string, TObject> => o.properties as Record<string, TObject>

describe('docs/kpis.md', () => {
  it('defines every figure of the snapshot by its key', () => {
    const snap = props(SnapshotSchema)
    const keys = [
      ...Object.keys(props(props(snap.windows).today)),
      ...Object.keys(props(snap.grid)),
      'open', 'overdue', 'overdueAge', 'hourly', 'daily', 'children',
    ]
    expect(keys.filter((k) => !doc.includes(`\`${k}\``))).toEqual([])
  })

  it('names every file of shared/kpi/', () => {
    const files = readdirSync(import.meta.dirname).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    expect(files.filter((f) => !doc.includes(f))).toEqual([])
  })
})
