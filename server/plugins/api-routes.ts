/** The HTTP API: ingest, regions, ticker, briefings, departments, points and health. */
import type { FastifyPluginAsync } from 'fastify'
import { createAlertWording } from '../alerts/alert-messages.ts'
import { createBriefingService } from '../briefing/briefing-service.ts'
import { createRegionGeo } from '../geo/region-geo.ts'
import { briefingPdfRoutes } from '../routes/briefing-pdf.ts'
import { briefingRoutes } from '../routes/briefing.ts'
import { departmentRoutes } from '../routes/departments.ts'
import { eventsRoutes } from '../routes/events.ts'
import { healthRoutes } from '../routes/health.ts'
import { pointRoutes } from '../routes/points.ts'
import { regionRoutes } from '../routes/regions.ts'
import { tickerRoutes } from '../routes/ticker.ts'
import type { AppContext } from './app-context.ts'

export interface ApiRoutesOptions extends AppContext {
  /** Called at the end of each accepted ingest (the push measures its lag from it). */
  onIngested: (at: number) => void
}

const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, { config, engine, store, tree, clock, auth, metrics, onIngested }) => {
  await app.register(eventsRoutes, {
    store,
    tree,
    clock,
    metrics,
    ingestToken: config.ingestToken,
    maxBatch: config.maxBatch,
    maxInflight: config.maxInflight,
    dedupeDays: config.dedupeDays,
    onIngested,
  })
  const geo = createRegionGeo(tree, { onMismatch: (m) => app.log.warn({ mismatch: m }, 'region boundary mismatch') })
  await app.register(regionRoutes, { engine, geo, auth, alerts: await createAlertWording() })
  await app.register(tickerRoutes, { engine, auth })
  const briefings = createBriefingService(engine)
  await app.register(briefingRoutes, { engine, auth, briefings })
  await app.register(briefingPdfRoutes, { engine, auth, briefings, chromiumPath: config.chromiumPath })
  await app.register(departmentRoutes, { engine, auth })
  await app.register(pointRoutes, { engine, auth })
  await app.register(healthRoutes, {
    engine,
    store,
    metrics,
    title: config.title ?? `${tree.root.name}民心网(8890) · 党群一张网运行态势`,
    tickMs: config.tickMs,
    isReady: () => !engine.replaying,
    storeUnhealthyMs: config.storeUnhealthyMs,
    clock,
  })
}

export default apiRoutes
