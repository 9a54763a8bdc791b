/** Matches the features of a boundary file to the child regions of the tree. */
import type { RegionNode } from '../../shared/region-types.ts'
import type { GeoFileFeature } from './geo-files.ts'

/** A difference between the divisions and the boundary files, found while matching. */
export interface GeoMismatch {
  /** The parent region whose children were matched. */
  parent: string
  /** `by-name`: matched on the name only; `no-polygon`: a division without a feature; `no-division`: a feature without a division. */
  kind: 'by-name' | 'no-polygon' | 'no-division'
  code: string
  name: string
}

/** The 6-digit adcode of a region (`2103` → `210300`). */
export const adcodeOf = (code: string): string => code.padEnd(6, '0')

const shortName = (name: string): string => name.replace(/(满族|蒙古族|回族|朝鲜族|锡伯族)*(自治县|自治州|新区|区|县|市)$/, '')

/** Features per child (by 6-digit adcode, then by name), plus what did not match. */
export function matchFeatures(parent: string, children: readonly RegionNode[], features: readonly GeoFileFeature[]) {
  const byChild = new Map<string, GeoFileFeature>()
  const mismatches: GeoMismatch[] = []
  const unused = new Set(features)
  const featureCode = (f: GeoFileFeature): string => String(f.properties.code ?? f.properties.adcode ?? '')
  for (const child of children) {
    const f = features.find((x) => unused.has(x) && featureCode(x) === adcodeOf(child.code))
    if (f) {
      byChild.set(child.code, f)
      unused.delete(f)
    }
  }
  for (const child of children) {
    if (byChild.has(child.code)) continue
    const f =
      [...unused].find((x) => x.properties.name === child.name) ??
      [...unused].find((x) => x.properties.name && shortName(x.properties.name) === shortName(child.name))
    if (f) {
      byChild.set(child.code, f)
      unused.delete(f)
      mismatches.push({ parent, kind: 'by-name', code: child.code, name: child.name })
    } else mismatches.push({ parent, kind: 'no-polygon', code: child.code, name: child.name })
  }
  for (const f of unused) mismatches.push({ parent, kind: 'no-division', code: featureCode(f), name: f.properties.name ?? '' })
  return { byChild, mismatches }
}
