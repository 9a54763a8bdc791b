/** A short two-tone chime for a new urgent alert (Web Audio; silent where the browser has none or blocks it). */
let ctx: AudioContext | null = null

export function chime(): void {
  try {
    ctx ??= new AudioContext()
    const t = ctx.currentTime
    for (const [i, f] of [880, 660].entries()) {
      const osc = ctx.createOscillator()
      const gain = ctx.createGain()
      osc.frequency.value = f
      gain.gain.setValueAtTime(0.0001, t + i * 0.25)
      gain.gain.exponentialRampToValueAtTime(0.3, t + i * 0.25 + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, t + i * 0.25 + 0.22)
      osc.connect(gain).connect(ctx.destination)
      osc.start(t + i * 0.25)
      osc.stop(t + i * 0.25 + 0.24)
    }
  } catch {
    // No audio on this device.
  }
}
