/**
 * The readers' signals service's wire format: what the widgets send and what the endpoints answer.
 * Types and constants only, with no imports, so the browser modules (src/widgets/) can use it.
 */

/** `POST /api/signals/search`. */
export interface SearchSignalBody {
  q: string;
  lang: string;
  results: number;
  opened: boolean;
}

/** `POST /api/signals/feedback`. */
export interface FeedbackBody {
  path: string;
  helpful: boolean;
  comment?: string;
}

/** `POST /api/acknowledgements`. */
export interface AcknowledgementBody {
  path: string;
  revision: number;
}

/** `GET /api/reports/search-gaps?days=N`, best first. */
export interface SearchGapsAnswer {
  queries: { q: string; lang: string; count: number; zeroResults: number; noClick: number }[];
}

/** One page of `GET /api/reading`: a page the signed-in person must read, read or not. */
export interface ReadingItemAnswer {
  path: string;
  title: string;
  lang: string;
  revision: number;
  acknowledgedRevision: number | null;
  acknowledgedAt: string | null;
  done: boolean;
}

/** `GET /api/reading`: the signed-in person and their required pages. */
export interface ReadingAnswer {
  user: { email: string; name: string };
  groups: string[];
  pages: ReadingItemAnswer[];
}

/** `GET /api/reports/feedback?path=…`: one page's feedback, newest comments first. */
export interface PageFeedbackAnswer {
  path: string;
  title: string;
  helpful: number;
  notHelpful: number;
  /** helpful / (helpful + notHelpful), or null without feedback. */
  share: number | null;
  comments: { comment: string; helpful: boolean; at: string }[];
}

/** `GET /api/reports/feedback`: every page with feedback. */
export interface FeedbackTotalsAnswer {
  pages: { path: string; title: string; helpful: number; notHelpful: number; share: number | null; comments: number }[];
}

export const signalLimits = {
  /** A signal's JSON body. */
  bodyBytes: 8 * 1024,
  /** A feedback comment, in characters. */
  comment: 2000,
  /** A search query as sent, in characters (it is normalized and cut to 200 before it is counted). */
  query: 1000,
  /** The longest period of a report, in days. */
  reportDays: 366,
} as const;

/** The URL parameter of the editor (`/edit/<slug>/?reason=…`) that prefills a proposal's reason. */
export const PROPOSAL_REASON_PARAM = 'reason';
