import type { LessonLanguage } from '../lesson/lesson';

/**
 * The check-in a partner app sends after a cure, in the customer's language: how are you, help is
 * there if you want it, and how to stop these messages. It asks for nothing and mentions no debt.
 * `{months}` is the number of months since the cure.
 */
export const CHECK_IN_MESSAGES: Readonly<Record<LessonLanguage, { one: string; other: string }>> = {
  en: {
    one: 'Hello, it has been a month since your account was brought up to date. We hope things are going well. If anything changes, or you would like a short free lesson on planning your money, reply to this message or open the app. If you would rather not hear from us like this, just tell us.',
    other:
      'Hello, it has been {months} months since your account was brought up to date. We hope things are going well. If anything changes, or you would like a short free lesson on planning your money, reply to this message or open the app. If you would rather not hear from us like this, just tell us.',
  },
  'zh-CN': {
    one: '您好，您的账户恢复正常已经一个月了，希望您一切都好。如果情况有变化，或者想学习一节免费的理财小课程，请回复本消息或打开应用。如果您不希望再收到这类消息，告诉我们即可。',
    other:
      '您好，您的账户恢复正常已经{months}个月了，希望您一切都好。如果情况有变化，或者想学习一节免费的理财小课程，请回复本消息或打开应用。如果您不希望再收到这类消息，告诉我们即可。',
  },
};

export function checkInMessage(language: LessonLanguage, monthsAfterCure: number): string {
  const templates = CHECK_IN_MESSAGES[language];
  return monthsAfterCure === 1 ? templates.one : templates.other.replace('{months}', String(monthsAfterCure));
}
