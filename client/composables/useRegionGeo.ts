import { shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import { fetchGeo, type RegionGeo } from '../api/http.ts'

/** What {@link useRegionGeo} returns. */
export interface UseRegionGeoReturn {
  /** Name the children's map is registered under, or null until loaded. */
  mapName: ShallowRef<string | null>
  geo: ShallowRef<RegionGeo | null>
  error: ShallowRef<string | null>
}

/** Loads a region's child boundaries (or schematic cells) and registers them with ECharts. */
export function useRegionGeo(region: Ref<string>): UseRegionGeoReturn {
  const mapName = shallowRef<string | null>(null)
  const geo = shallowRef<RegionGeo | null>(null)
  const error = shallowRef<string | null>(null)
  watch(
    region,
    async (code, _old, onCleanup) => {
      const ctrl = new AbortController()
      onCleanup(() => ctrl.abort())
      mapName.value = null
      geo.value = null
      error.value = null
      try {
        const [g, { registerMap }] = await Promise.all([fetchGeo(code, ctrl.signal), import('../charts/echarts.ts')])
        const name = `region-${code}`
        // The same name is re-registered on revisits, so a touring wall does not pile up maps.
        registerMap(name, g as never)
        geo.value = g
        mapName.value = name
      } catch (e) {
        if (!ctrl.signal.aborted) error.value = String(e)
      }
    },
    { immediate: true },
  )
  return { mapName, geo, error }
}
