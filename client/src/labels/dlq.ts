/** @module A dead-letter reason as the screens print it (`dlq.reason.<code>`; an unknown code as it is). */
import { i18n, t } from '../i18n/index.js';

export function dlqReason(code: string): string {
  return i18n.exists(`dlq.reason.${code}`) ? t(`dlq.reason.${code}`) : code;
}
