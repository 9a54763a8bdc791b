import type { Static } from '@sinclair/typebox'
import { describe, expectTypeOf, it } from 'vitest'
import type { ClosedLoopSchema, DayHotWordsSchema, DepartmentRankingSchema } from './department-schemas.ts'
import type { ClosedLoopFigures, DayHotWords, DepartmentRanking } from './department-types.ts'

// The schemas the OpenAPI document shows are the types server and client use.
describe('closed-loop schemas', () => {
  it('describe exactly the shared types', () => {
    expectTypeOf<Static<typeof DepartmentRankingSchema>>().toEqualTypeOf<DepartmentRanking>()
    expectTypeOf<Static<typeof ClosedLoopSchema>>().toEqualTypeOf<ClosedLoopFigures>()
    expectTypeOf<Static<typeof DayHotWordsSchema>>().toEqualTypeOf<DayHotWords>()
  })
})
