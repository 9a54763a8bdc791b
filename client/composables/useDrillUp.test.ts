import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { useDrillUp } from './useDrillUp.ts'

describe('useDrillUp', () => {
  it('is the last ancestor once known, the region drilled from before that, else nothing', () => {
    const region = ref('2103')
    const ancestors = ref<{ code: string }[]>([])
    const city = useDrillUp(region, ancestors)
    expect(city.parentCode.value).toBeNull()

    city.noteDrill('210381')
    // The page for 210381 is a new one (remounted per region): the drill is remembered across it.
    const district = useDrillUp(ref('210381'), ref<{ code: string }[]>([]))
    expect(district.parentCode.value).toBe('2103')

    // Its ancestry, once arrived, wins.
    const withPath = useDrillUp(ref('210381'), ref([{ code: '21' }, { code: '2103' }]))
    expect(withPath.parentCode.value).toBe('2103')
    // Another region that was not drilled into has no fallback.
    expect(useDrillUp(ref('210302'), ref<{ code: string }[]>([])).parentCode.value).toBeNull()
  })
})
