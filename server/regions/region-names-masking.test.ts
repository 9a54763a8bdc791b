import { describe, expect, it } from 'vitest'
import { maskPersonalData } from '../../shared/mask.ts'
import { loadRegionPack } from './load-pack.ts'

describe('masking and place names', () => {
  it('leaves the name of every region of Liaoning readable', () => {
    const changed = loadRegionPack('21')
      .nodes.filter((n) => n.level !== 'grid' && maskPersonalData(n.name) !== n.name)
      .map((n) => `${n.name} → ${maskPersonalData(n.name)}`)
    expect(changed).toEqual([])
  })
})
