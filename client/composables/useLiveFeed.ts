import { onScopeDispose, watch, type Ref } from 'vue'
import type { Alert } from '../../shared/alerts.ts'
import type { Snapshot } from '../../shared/kpi-types.ts'
import type { Ack, Heartbeat } from '../../shared/socket-contract.ts'
import type { TickerItem } from '../../shared/ticker.ts'
import { connectWallSocket, type WallSocket } from '../api/socket.ts'
import { useWallStore } from '../stores/wall.ts'

/** Options of {@link useLiveFeed}. */
export interface UseLiveFeedOptions {
  /** The socket to use. @default the app's shared socket */
  socket?: WallSocket
}

let shared: WallSocket | null = null
/** One socket per app: pages come and go, the connection stays. */
export const sharedSocket = (): WallSocket => (shared ??= connectWallSocket())

/** Quiet ticks after which the wall probes with a fresh subscribe; the banner shows after 3. */
export const PROBE_AFTER_TICKS = 2

/** Subscribes the wall store to a region's live push: snapshot on (re)connect, coalesced updates. */
export function useLiveFeed(region: Ref<string>, options: UseLiveFeedOptions = {}): void {
  const store = useWallStore()
  const socket = options.socket ?? sharedSocket()
  let probing = false

  const subscribe = (code: string) => {
    probing = true
    const timeout = Math.max(2000, 2 * store.tickMs())
    socket.timeout(timeout).emit('subscribe', { region: code }, (err: Error | null, res: Ack<Snapshot>) => {
      probing = false
      if (err || !res || code !== region.value) return
      if (res.ok) store.resync(res.data)
    })
  }

  const onConnect = () => {
    store.connected = true
    subscribe(region.value)
  }
  const onDisconnect = () => {
    store.connected = false
    probing = false
  }
  const onKpi = (s: Snapshot) => {
    if (s.region === region.value) store.pushSnapshot(s)
  }
  const onTicker = (p: { region: string; items: TickerItem[] }) => {
    if (p.region === region.value) store.pushTicker(p.items)
  }
  const onAlert = (a: Alert) => store.pushAlert(a)
  const onHeartbeat = (b: Heartbeat) => store.heartbeat(b.storeHealthy)

  socket.on('connect', onConnect)
  socket.on('disconnect', onDisconnect)
  socket.on('kpi', onKpi)
  socket.on('ticker', onTicker)
  socket.on('alert', onAlert)
  socket.on('heartbeat', onHeartbeat)
  if (!socket.active) socket.connect()

  const stopRegion = watch(
    region,
    (code, old) => {
      store.setRegion(code)
      if (old) socket.emit('unsubscribe', { region: old })
      store.connected = socket.connected
      if (socket.connected) subscribe(code)
    },
    { immediate: true },
  )

  // Neither a push nor a heartbeat for 2 ticks: the connection may be half-dead, so probe with a fresh subscribe.
  const watchdog = setInterval(() => {
    if (!socket.connected || probing) return
    const quietMs = Date.now() - (store.confirmedAt ?? 0)
    if (quietMs >= PROBE_AFTER_TICKS * Math.max(store.tickMs(), 1000)) subscribe(region.value)
  }, 500)

  onScopeDispose(() => {
    clearInterval(watchdog)
    stopRegion()
    socket.off('connect', onConnect)
    socket.off('disconnect', onDisconnect)
    socket.off('kpi', onKpi)
    socket.off('ticker', onTicker)
    socket.off('alert', onAlert)
    socket.off('heartbeat', onHeartbeat)
    if (socket.connected) socket.emit('unsubscribe', { region: region.value })
    store.cancelPending()
  })
}
