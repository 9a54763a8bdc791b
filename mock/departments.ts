/**
 * How the simulated departments (承办单位) perform: most as the default rates say, a few visibly
 * not, so the department panels and the 红黑榜 have something true to show. Each factor scales the
 * lifecycle's default for requests the department holds.
 */

export interface DepartmentProfile {
  /** Sign-for delay (签收). */
  sign: number
  /** Handling time to completion (办理). */
  handle: number
  /** Chance of returning a dispatch (退单). */
  returns: number
}

const NEUTRAL: DepartmentProfile = { sign: 1, handle: 1, returns: 1 }

/** The departments that stand out; the rest are neutral. */
export const DEPARTMENT_PROFILES: Readonly<Record<string, DepartmentProfile>> = {
  // Slow: signs late and handles slowly, so many requests go past their deadline.
  市供热管理办公室: { sign: 3, handle: 3, returns: 1 },
  // Good: signs and completes quickly, rarely returns.
  国网鞍山供电公司: { sign: 0.4, handle: 0.45, returns: 0.25 },
  // Returns often: sends a sixth of its dispatches back.
  区住建局: { sign: 1.2, handle: 1, returns: 4 },
}

/** The profile of a department (neutral when it does not stand out). */
export const departmentProfile = (name: string): DepartmentProfile => DEPARTMENT_PROFILES[name] ?? NEUTRAL
