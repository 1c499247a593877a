/**
 * The elements of the editor's markup (src/components/EditorShell.astro), each found once by its
 * `data-ed` attribute. The editor's parts take what they need from this one object.
 */
import { bindElements, type Bound, type ElementRoot } from '../dom/elements.ts';

const ed = <Tag extends keyof HTMLElementTagNameMap>(name: string, tag: Tag) => [`[data-ed="${name}"]`, tag] as const;

export const editorShellSpec = {
  session: ed('session', 'p'),
  // A draft waiting to be restored or discarded.
  draftPrompt: ed('draft-prompt', 'div'),
  draftTitle: ed('draft-title', 'p'),
  draftDetail: ed('draft-detail', 'p'),
  draftRestore: ed('draft-restore', 'button'),
  draftDiscard: ed('draft-discard', 'button'),
  // Editing: source, toolbar, preview, problems, images and the form.
  workspace: ed('workspace', 'div'),
  // Other people's proposals of this page that wait for review.
  pending: ed('pending', 'div'),
  // The page's properties (the frontmatter as a form).
  properties: ed('properties', 'details'),
  propertiesNote: ed('properties-note', 'p'),
  propertiesFields: ed('properties-fields', 'div'),
  ownerChoices: ed('owner-choices', 'datalist'),
  tagChoices: ed('tag-choices', 'datalist'),
  // Write / Preview on narrow screens.
  tabs: ed('tabs', 'div'),
  panes: ed('panes', 'div'),
  sourceTitle: ed('source-title', 'h2'),
  toolbar: ed('toolbar', 'div'),
  imageInput: ed('image-input', 'input'),
  cm: ed('cm', 'div'),
  loading: ed('loading', 'p'),
  preview: ed('preview', 'div'),
  previewTitle: ed('preview-title', 'h1'),
  previewDescription: ed('preview-description', 'p'),
  previewBody: ed('preview-body', 'div'),
  problemsHeading: ed('problems-heading', 'h2'),
  problemsStatus: ed('problems-status', 'p'),
  problems: ed('problems', 'ul'),
  images: ed('images', 'section'),
  imageList: ed('image-list', 'ul'),
  imageMessage: ed('image-message', 'p'),
  form: ed('form', 'form'),
  summary: ed('summary', 'input'),
  summaryHint: ed('summary-hint', 'p'),
  reason: ed('reason', 'textarea'),
  reviewButton: ed('review-button', 'button'),
  draftStatus: ed('draft-status', 'span'),
  formMessage: ed('form-message', 'p'),
  // The review before submitting.
  review: ed('review', 'section'),
  reviewHeading: ed('review-heading', 'h2'),
  reviewIntro: ed('review-intro', 'p'),
  reviewMerge: ed('review-merge', 'p'),
  reviewStats: ed('review-stats', 'p'),
  reviewDiff: ed('review-diff', 'div'),
  // Shown for a page with required reading: the change does not ask readers again.
  minorField: ed('minor-field', 'p'),
  minor: ed('minor', 'input'),
  submit: ed('submit', 'button'),
  back: ed('back', 'button'),
  submitMessage: ed('submit-message', 'p'),
  // A conflict with a newer version of the page.
  conflict: ed('conflict', 'section'),
  conflictHeading: ed('conflict-heading', 'h2'),
  merge: ed('merge', 'div'),
  conflictStatus: ed('conflict-status', 'p'),
  conflictMessage: ed('conflict-message', 'p'),
  conflictSubmit: ed('conflict-submit', 'button'),
  conflictCancel: ed('conflict-cancel', 'button'),
  // The proposal, submitted.
  success: ed('success', 'section'),
  successHeading: ed('success-heading', 'h2'),
  successLink: ed('success-link', 'a'),
  successBranch: ed('success-branch', 'code'),
  successReviewers: ed('success-reviewers', 'bdi'),
  successMerged: ed('success-merged', 'p'),
  myProposals: ed('my-proposals', 'a'),
  successBack: ed('success-back', 'a'),
  // The wikilink page picker.
  picker: ed('picker', 'dialog'),
  pickerInput: ed('picker-input', 'input'),
  pickerList: ed('picker-list', 'ul'),
  pickerNone: ed('picker-none', 'p'),
  pickerCancel: ed('picker-cancel', 'button'),
} as const;

export type EditorShell = Bound<typeof editorShellSpec>;

/** The editor's elements under `root` (the `[data-editor]` element); throws naming any that is missing. */
export function bindEditorShell(root: ElementRoot): EditorShell {
  return bindElements(root, editorShellSpec, "The editor's markup");
}
