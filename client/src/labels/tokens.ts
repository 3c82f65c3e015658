/** @module A display token's label and maker as the screens print them: what the server wrote, in the screen's language. */
import { FIRST_START_ACTOR } from '../../../shared/schemas/admin.js';
import { t } from '../i18n/index.js';
import { serverText } from '../i18n/server-text.js';

/** The label as written, or the catalogue's words for a label the server wrote (the first start's wall). */
export function tokenLabel(token: { label: string; labelKey?: string | undefined }): string {
  return serverText({ key: token.labelKey }, token.label);
}

/** Who made the token: "by <user>", or the first start's own words. */
export function tokenMaker(createdBy: string): string {
  return createdBy === FIRST_START_ACTOR ? t('tokens.byFirstStart') : t('tokens.by', { user: createdBy });
}
