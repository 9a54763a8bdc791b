import type { Static } from '@sinclair/typebox'
import { describe, expectTypeOf, it } from 'vitest'
import type { Alert } from './alerts.ts'
import type { AlertSchema, BriefingErrorSchema, BriefingSchema, HeartbeatSchema, RegionGeoSchema, RegionNodeSchema, SnapshotSchema, TickerItemSchema } from './api-schemas.ts'
import type { Briefing, BriefingError } from './briefing-types.ts'
import type { RegionFeatureCollection } from './geo-types.ts'
import type { Snapshot } from './kpi-types.ts'
import type { RegionNode } from './region-types.ts'
import type { Heartbeat } from './socket-contract.ts'
import type { TickerItem } from './ticker.ts'

// The schemas that the OpenAPI document shows are the types server and client use: a field added
// to one and not the other fails the typecheck here.
describe('API schemas', () => {
  it('describe exactly the shared types', () => {
    expectTypeOf<Static<typeof SnapshotSchema>>().toEqualTypeOf<Snapshot>()
    expectTypeOf<Static<typeof BriefingSchema>>().toEqualTypeOf<Briefing>()
    expectTypeOf<Static<typeof BriefingErrorSchema>>().toEqualTypeOf<BriefingError>()
    expectTypeOf<Static<typeof AlertSchema>>().toEqualTypeOf<Alert>()
    expectTypeOf<Static<typeof RegionGeoSchema>>().toEqualTypeOf<RegionFeatureCollection>()
    expectTypeOf<Static<typeof RegionNodeSchema>>().toEqualTypeOf<RegionNode>()
    expectTypeOf<Static<typeof TickerItemSchema>>().toEqualTypeOf<TickerItem>()
    expectTypeOf<Static<typeof HeartbeatSchema>>().toEqualTypeOf<Heartbeat>()
  })
})
