/**
 * `GET /api/v1/regions/:code/briefing.pdf?paper=a4|169&date=&lang=`: the morning briefing as a PDF
 * with real, searchable text: A4 landscape in the light print theme, or 16:9 pages in the wall's
 * dark theme for the projector. Personal data is masked as in the briefing itself (the same data).
 */
import { Type } from '@sinclair/typebox'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { AddressInfo } from 'node:net'
import { RegionParams, viewerErrors, viewerSecurity } from '../http/openapi.ts'
import { bearer, type ViewerAuth } from '../auth/viewer-auth.ts'
import type { Engine } from '../engine/engine.ts'
import { isBriefingError, type BriefingService } from '../briefing/briefing-service.ts'
import { createPdfRenderer, type PdfPaper } from '../briefing/pdf-renderer.ts'
import { regionResolver } from './resolve-region.ts'

export interface BriefingPdfOptions {
  engine: Engine
  auth: ViewerAuth
  /** The briefings, built once for the app (the JSON and PDF routes share its cache). */
  briefings: BriefingService
  /** The Chromium binary that prints. */
  chromiumPath: string
}

type Req = FastifyRequest<{ Params: { code: string }; Querystring: { token?: string; date?: string; paper?: PdfPaper; lang?: 'zh-CN' | 'en' } }>

export async function briefingPdfRoutes(app: FastifyInstance, { engine, auth, briefings: service, chromiumPath }: BriefingPdfOptions): Promise<void> {
  const renderer = createPdfRenderer({ executablePath: chromiumPath })
  app.addHook('onClose', () => renderer.close())
  const resolve = regionResolver(engine.tree, auth)

  const schema = {
    summary: 'The morning briefing (晨会简报) as a PDF with real text',
    tags: ['regions'],
    params: RegionParams,
    querystring: Type.Object({
      token: Type.Optional(Type.String()),
      date: Type.Optional(Type.String({ description: 'YYYY-MM-DD, default yesterday' })),
      paper: Type.Optional(Type.Union([Type.Literal('a4'), Type.Literal('169')], { description: 'a4 (light, default) or 169 (dark, projector)' })),
      lang: Type.Optional(Type.Union([Type.Literal('zh-CN'), Type.Literal('en')])),
    }),
    security: viewerSecurity,
    response: {
      200: Type.String({ format: 'binary', description: 'the PDF (application/pdf)' }),
      400: Type.Union([Type.Ref('BriefingError'), Type.Ref('Error')]), ...viewerErrors },
  }
  // A briefing page opened for people (not a tour, not a print view): the printer starts now, so the
  // first export does not wait for the browser to start.
  app.get(
    '/api/v1/regions/:code/briefing.pdf/warm',
    {
      schema: {
        summary: 'Starts the PDF printer ahead of an export (it closes again after 10 minutes without one)',
        tags: ['regions'],
        params: RegionParams,
        querystring: Type.Object({ token: Type.Optional(Type.String()) }),
        security: viewerSecurity,
        response: { 204: Type.Null({ description: 'starting or running' }), ...viewerErrors },
      },
    },
    async (req: Req, reply) => {
      if (resolve(req, reply) < 0) return
      renderer.warm()
      return reply.code(204).send()
    },
  )
  app.get('/api/v1/regions/:code/briefing.pdf', { schema }, async (req: Req, reply) => {
    const i = resolve(req, reply)
    if (i < 0) return
    // A bad date is answered as the briefing answers it, before a browser is started.
    const b = service.get(i, req.query.date)
    if (isBriefingError(b)) return reply.code(400).send(b)
    const paper = req.query.paper ?? 'a4'
    const token = bearer(req.headers.authorization) ?? req.query.token
    const { address, port, family } = app.server.address() as AddressInfo
    // The renderer loads the print view from this server: loopback when bound to every address.
    const host = address === '0.0.0.0' || address === '::' ? '127.0.0.1' : family === 'IPv6' ? `[${address}]` : address
    const q = new URLSearchParams({ print: paper, date: b.date })
    if (req.query.lang === 'en') q.set('lang', 'en')
    if (token) q.set('token', token)
    const url = `http://${host}:${port}/briefing/${encodeURIComponent(engine.tree.nodes[i].code)}?${q}`
    const pdf = await renderer.render({ url, paper })
    const name = `briefing-${engine.tree.nodes[i].code}-${b.date}-${paper === 'a4' ? 'A4' : '16x9'}.pdf`
    return reply.header('content-type', 'application/pdf').header('content-disposition', `attachment; filename="${name}"`).send(pdf)
  })
}
