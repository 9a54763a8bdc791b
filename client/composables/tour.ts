/** The next stop of a kiosk tour over [base, ...children]: after the last child, back to base. */
export function nextTourStop(base: string, children: string[], current: string): string {
  const stops = [base, ...children]
  const i = stops.indexOf(current)
  return stops[(i + 1) % stops.length] ?? base
}
