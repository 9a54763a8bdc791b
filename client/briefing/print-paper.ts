/** The papers the briefing prints on: A4 landscape in a light theme, 16:9 pages for the projector in the dark one. */
export const PRINT_PAPERS = {
  a4: { width: '297mm', height: '210mm', label: 'A4' },
  '169': { width: '1920px', height: '1080px', label: '16x9' },
} as const
export type PrintPaper = keyof typeof PRINT_PAPERS

/** Parses `?print=`; null when absent or unknown. */
export const parsePaper = (v: unknown): PrintPaper | null => (v === 'a4' || v === '169' ? v : null)
