/** The viewer token from the page URL (`?token=`), or null. Read once: navigation may drop it. */
let token: string | null | undefined

/** The viewer token the wall was opened with. */
export function viewerToken(): string | null {
  if (token === undefined) token = typeof location === 'undefined' ? null : new URLSearchParams(location.search).get('token')
  return token
}
