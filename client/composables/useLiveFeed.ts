import { onScopeDispose, watch, type Ref } from 'vue'
import type { Alert } from '../../shared/alerts.ts'
import { BEAT_TICKS, type Ack, type Frame, type Subscription } from '../../shared/socket-contract.ts'
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

/** Quiet ticks after which the wall probes with a fresh subscribe (a quiet region gets a heartbeat every {@link BEAT_TICKS}). */
export const PROBE_AFTER_TICKS = BEAT_TICKS + 1

/** Subscribes the wall store to a region's live push: snapshot on (re)connect, coalesced updates. */
export function useLiveFeed(region: Ref<string>, options: UseLiveFeedOptions = {}): void {
  const store = useWallStore()
  const socket = options.socket ?? sharedSocket()
  let probing = false

  const subscribe = (code: string) => {
    probing = true
    const timeout = Math.max(2000, 2 * store.tickMs())
    socket.timeout(timeout).emit('subscribe', { region: code }, (err: Error | null, res: Ack<Subscription>) => {
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
  // A delta that does not follow the version held (one was lost): a fresh snapshot, once.
  const onFrame = (f: Frame) => {
    if (!store.pushFrame(f) && !probing) subscribe(region.value)
  }
  const onAlert = (a: Alert) => store.pushAlert(a)

  socket.on('connect', onConnect)
  socket.on('disconnect', onDisconnect)
  socket.on('frame', onFrame)
  socket.on('alert', onAlert)
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

  // No frame for PROBE_AFTER_TICKS ticks: the connection may be half-dead, so probe with a fresh subscribe.
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
    socket.off('frame', onFrame)
    socket.off('alert', onAlert)
    if (socket.connected) socket.emit('unsubscribe', { region: region.value })
    store.cancelPending()
  })
}
