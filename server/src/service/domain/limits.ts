/** How large a template may be: for the API, and for this service to read it on every keystroke. */

/** `UiTemplate.Content` in CreateHumanTaskUi, CreateLabelingJob and RenderUiTemplate. */
export const MAX_TEMPLATE_LENGTH = 128_000;

/**
 * Past this length (8 times what the API accepts, so never a real template) only text-only
 * checks run, and the file takes no part in cross-file checks: parsing such a file on every
 * keystroke would keep the server from answering.
 */
export const MAX_CHECKED_LENGTH = 1_048_576;
