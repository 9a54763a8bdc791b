import { shallowRef, watch, type Ref, type ShallowRef } from 'vue'
import { fetchGeo, type RegionGeo } from '../api/http.ts'
import { projectMap, type MapGeometry } from '../charts/map-geometry.ts'

/** What {@link useRegionGeo} returns. */
export interface UseRegionGeoReturn {
  geo: ShallowRef<RegionGeo | null>
  /** The children projected to SVG, once per region; null until loaded. */
  map: ShallowRef<MapGeometry | null>
  error: ShallowRef<string | null>
}

/** Loads a region's child boundaries (or schematic cells) and projects them for the map. */
export function useRegionGeo(region: Ref<string>): UseRegionGeoReturn {
  const geo = shallowRef<RegionGeo | null>(null)
  const map = shallowRef<MapGeometry | null>(null)
  const error = shallowRef<string | null>(null)
  watch(
    region,
    async (code, _old, onCleanup) => {
      const ctrl = new AbortController()
      onCleanup(() => ctrl.abort())
      geo.value = null
      map.value = null
      error.value = null
      try {
        const g = await fetchGeo(code, ctrl.signal)
        geo.value = g
        map.value = projectMap(g.features)
      } catch (e) {
        if (!ctrl.signal.aborted) error.value = String(e)
      }
    },
    { immediate: true },
  )
  return { geo, map, error }
}
